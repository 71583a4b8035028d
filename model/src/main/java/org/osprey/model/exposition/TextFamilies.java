package org.osprey.model.exposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;
import org.osprey.model.textparse.Entry;
import org.osprey.model.textparse.ExpositionFormats;
import org.osprey.model.textparse.ExpositionParseException;
import org.osprey.model.textparse.ExpositionParser;
import org.osprey.model.textparse.ParserOptions;

/**
 * Groups a parsed text exposition into {@link MetricFamily} values, as Prometheus's expfmt text
 * parser does: {@code _bucket}/{@code _sum}/{@code _count} samples join their declared histogram
 * or summary family, samples of one label set (without {@code le}/{@code quantile}) form one
 * metric, everything without a TYPE is untyped. OpenMetrics input maps onto the same model:
 * counters keep their {@code _total} sample name as family name, gauge histograms use
 * {@code _gsum}/{@code _gcount}, info and stateset become gauges, {@code _created} samples are
 * dropped. Thread-safe: stateless.
 */
public final class TextFamilies {
    private TextFamilies() {
    }

    /**
     * Parses a whole body strictly (as a Pushgateway validates pushes) and groups it.
     *
     * @throws ExpositionParseException when the body is malformed
     */
    public static List<MetricFamily> parse(String contentType, byte[] buf, int off, int len) {
        return group(ExpositionFormats.parserFor(contentType, buf, off, len, ParserOptions.STRICT));
    }

    private static final class FamilyParts {
        final String name;
        String help;
        MetricType type = MetricType.UNKNOWN;
        final Map<Labels, MetricParts> grouped = new LinkedHashMap<>();
        final List<Metric> plain = new ArrayList<>();
        final List<MetricParts> order = new ArrayList<>();

        FamilyParts(String name) {
            this.name = name;
        }
    }

    private static final class MetricParts {
        final Labels labels;
        double count = Double.NaN;
        double sum = Double.NaN;
        final List<Quantile> quantiles = new ArrayList<>();
        final List<Bucket> buckets = new ArrayList<>();
        long ts = Metric.NO_TIMESTAMP;

        MetricParts(Labels labels) {
            this.labels = labels;
        }
    }

    /** Drains the parser and groups what it returns. */
    public static List<MetricFamily> group(ExpositionParser p) {
        Map<String, FamilyParts> families = new LinkedHashMap<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case HELP -> families.computeIfAbsent(p.familyName(), FamilyParts::new).help = p.help();
                case TYPE -> families.computeIfAbsent(p.familyName(), FamilyParts::new).type = p.type();
                case SERIES -> addSample(families, p);
                default -> {
                    // comments and units carry nothing the family model keeps
                }
            }
        }
        List<MetricFamily> out = new ArrayList<>(families.size());
        for (FamilyParts f : families.values()) {
            List<Metric> metrics = new ArrayList<>(f.plain);
            for (MetricParts m : f.order) {
                metrics.add(switch (f.type) {
                    case SUMMARY -> Metric.ofSummary(m.labels, zeroIfNaN(m.count), zeroIfNaN(m.sum), m.quantiles, m.ts);
                    default -> Metric.ofHistogram(m.labels, zeroIfNaN(m.count), zeroIfNaN(m.sum), m.buckets, m.ts);
                });
            }
            if (metrics.isEmpty() && f.help == null && f.type == MetricType.UNKNOWN) {
                continue;
            }
            out.add(new MetricFamily(f.name, f.help, modelType(f.type), metrics));
        }
        return out;
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static MetricType modelType(MetricType t) {
        return t == MetricType.INFO || t == MetricType.STATESET ? MetricType.GAUGE : t;
    }

    private static void addSample(Map<String, FamilyParts> families, ExpositionParser p) {
        String name = p.metricName();
        MetricType t = p.type();
        String family = name;
        String suffix = "";
        if (t == MetricType.HISTOGRAM || t == MetricType.GAUGEHISTOGRAM || t == MetricType.SUMMARY
                || t == MetricType.COUNTER || t == MetricType.INFO) {
            for (String s : new String[] {"_bucket", "_gcount", "_gsum", "_count", "_sum", "_created", "_total", "_info"}) {
                if (name.endsWith(s)) {
                    String base = name.substring(0, name.length() - s.length());
                    FamilyParts declared = families.get(base);
                    if (declared != null && declared.type == t) {
                        family = base;
                        suffix = s;
                    }
                    break;
                }
            }
        }
        if (suffix.equals("_created")) {
            return;
        }
        Labels all = p.labels();
        Labels labels = all.withoutMetricName();
        long ts = p.hasTimestamp() ? p.timestampMillis() : Metric.NO_TIMESTAMP;
        if (t == MetricType.COUNTER && suffix.equals("_total")) {
            // OpenMetrics counter family "x" exposes x_total; the model names the family by the sample
            FamilyParts declared = families.remove(family);
            FamilyParts renamed = families.computeIfAbsent(name, FamilyParts::new);
            if (declared != null && declared != renamed) {
                renamed.help = declared.help;
                renamed.type = declared.type;
            }
            renamed.plain.add(Metric.ofValue(labels, p.value(), ts));
            return;
        }
        if (t == MetricType.INFO && suffix.equals("_info")) {
            FamilyParts declared = families.remove(family);
            FamilyParts renamed = families.computeIfAbsent(name, FamilyParts::new);
            if (declared != null && declared != renamed) {
                renamed.help = declared.help;
                renamed.type = MetricType.GAUGE;
            }
            renamed.plain.add(Metric.ofValue(labels, p.value(), ts));
            return;
        }
        FamilyParts f = families.computeIfAbsent(family, FamilyParts::new);
        boolean grouped = f.type == MetricType.SUMMARY || f.type == MetricType.HISTOGRAM
                || f.type == MetricType.GAUGEHISTOGRAM;
        if (!grouped) {
            f.plain.add(Metric.ofValue(labels, p.value(), ts));
            return;
        }
        String special = f.type == MetricType.SUMMARY ? "quantile" : "le";
        boolean bySpecial = suffix.isEmpty() || suffix.equals("_bucket");
        Labels key = bySpecial ? labels.without(special) : labels;
        MetricParts m = f.grouped.get(key);
        if (m == null) {
            m = new MetricParts(key);
            f.grouped.put(key, m);
            f.order.add(m);
        }
        if (ts != Metric.NO_TIMESTAMP) {
            m.ts = ts;
        }
        double v = p.value();
        switch (suffix) {
            case "_sum", "_gsum" -> m.sum = v;
            case "_count", "_gcount" -> m.count = v;
            default -> {
                double at = parseBound(labels.get(special), special, p);
                if (f.type == MetricType.SUMMARY) {
                    m.quantiles.add(new Quantile(at, v));
                } else {
                    m.buckets.add(new Bucket(at, v));
                }
            }
        }
    }

    private static double parseBound(String s, String label, ExpositionParser p) {
        switch (s) {
            case "+Inf", "Inf", "+inf", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new ExpositionParseException(p.lineNumber(), "expected float as value for '" + label + "' label, got \"" + s + "\"");
                }
            }
        }
    }
}
