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
        return parse(contentType, buf, off, len, ParserOptions.STRICT);
    }

    /** Parses a whole body with the given options and groups it. */
    public static List<MetricFamily> parse(String contentType, byte[] buf, int off, int len, ParserOptions options) {
        return group(ExpositionFormats.parserFor(contentType, buf, off, len, options));
    }

    private static final class FamilyParts {
        String name;
        String help;
        MetricType type = MetricType.UNKNOWN;
        boolean hasSamples;
        final Map<MetricKey, MetricParts> grouped = new LinkedHashMap<>();
        final List<Metric> plain = new ArrayList<>();
        final List<MetricParts> order = new ArrayList<>();

        FamilyParts(String name) {
            this.name = name;
        }

        /** The suffix of {@code sample} within this family, or null when it is not this family's. */
        String suffixOf(String sample) {
            if (!sample.startsWith(name)) {
                return null;
            }
            String suffix = sample.substring(name.length());
            boolean ok = switch (type) {
                case HISTOGRAM -> suffix.equals("_bucket") || suffix.equals("_sum") || suffix.equals("_count") || suffix.equals("_created");
                case GAUGEHISTOGRAM -> suffix.equals("_bucket") || suffix.equals("_gsum") || suffix.equals("_gcount");
                case SUMMARY -> suffix.isEmpty() || suffix.equals("_sum") || suffix.equals("_count") || suffix.equals("_created");
                case COUNTER -> suffix.isEmpty() || suffix.equals("_total") || suffix.equals("_created");
                case INFO -> suffix.isEmpty() || suffix.equals("_info");
                default -> suffix.isEmpty();
            };
            return ok ? suffix : null;
        }
    }

    /** Identifies one summary or histogram metric: its labels and its empty-valued label names. */
    private record MetricKey(Labels labels, List<String> emptyLabelNames) {
    }

    private static final class MetricParts {
        final Labels labels;
        final List<String> emptyLabelNames;
        double count = Double.NaN;
        double sum = Double.NaN;
        final List<Quantile> quantiles = new ArrayList<>();
        final List<Bucket> buckets = new ArrayList<>();
        long ts = Metric.NO_TIMESTAMP;

        MetricParts(MetricKey key) {
            this.labels = key.labels();
            this.emptyLabelNames = key.emptyLabelNames();
        }
    }

    /** Grouping state: families in input order, the latest family per name, the current one. */
    private static final class Grouping {
        final List<FamilyParts> order = new ArrayList<>();
        final Map<String, FamilyParts> byName = new LinkedHashMap<>();
        FamilyParts current;

        /**
         * The family a metadata line talks about: the current or an earlier one of that name
         * that has no samples yet (text allows HELP and TYPE in any order before the samples),
         * else a new family (an OpenMetrics name clash such as a gauge "x" and a counter "x"
         * exposing x_total stays two families).
         */
        FamilyParts forMetadata(String name) {
            FamilyParts f = byName.get(name);
            if (f == null || f.hasSamples) {
                f = add(name);
            }
            current = f;
            return f;
        }

        FamilyParts add(String name) {
            FamilyParts f = new FamilyParts(name);
            order.add(f);
            byName.put(name, f);
            return f;
        }
    }

    /** Drains the parser and groups what it returns. */
    public static List<MetricFamily> group(ExpositionParser p) {
        Grouping g = new Grouping();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case HELP -> g.forMetadata(p.familyName()).help = p.help();
                case TYPE -> g.forMetadata(p.familyName()).type = p.type();
                case UNIT -> g.forMetadata(p.familyName());
                case SERIES -> addSample(g, p);
                default -> {
                    // comments carry nothing the family model keeps
                }
            }
        }
        List<MetricFamily> out = new ArrayList<>(g.order.size());
        for (FamilyParts f : g.order) {
            List<Metric> metrics = new ArrayList<>(f.plain);
            for (MetricParts m : f.order) {
                Metric metric = switch (f.type) {
                    case SUMMARY -> Metric.ofSummary(m.labels, zeroIfNaN(m.count), zeroIfNaN(m.sum), m.quantiles, m.ts);
                    default -> Metric.ofHistogram(m.labels, zeroIfNaN(m.count), zeroIfNaN(m.sum), m.buckets, m.ts);
                };
                metrics.add(metric.withEmptyLabelNames(m.emptyLabelNames));
            }
            if (metrics.isEmpty() && f.help == null && f.type == MetricType.UNKNOWN) {
                continue;
            }
            out.add(new MetricFamily(f.name, f.help, modelType(f.type), metrics));
        }
        return out;
    }

    private static List<String> without(List<String> names, String name) {
        List<String> out = new ArrayList<>(names);
        out.remove(name);
        return out;
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static MetricType modelType(MetricType t) {
        return t == MetricType.INFO || t == MetricType.STATESET ? MetricType.GAUGE : t;
    }

    private static void addSample(Grouping g, ExpositionParser p) {
        String name = p.metricName();
        FamilyParts f = g.current;
        String suffix = f == null ? null : f.suffixOf(name);
        if (suffix == null) {
            // not the current family: an earlier family of the text format resumed, or a new one
            f = null;
            for (String s : new String[] {"", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_total", "_created", "_info"}) {
                if (name.endsWith(s)) {
                    FamilyParts known = g.byName.get(name.substring(0, name.length() - s.length()));
                    if (known != null && known.suffixOf(name) != null) {
                        f = known;
                        suffix = s;
                        break;
                    }
                }
            }
            if (f == null) {
                f = g.add(name);
                suffix = "";
            }
            g.current = f;
        }
        f.hasSamples = true;
        if (suffix.equals("_created")) {
            return; // the family model has no created timestamps
        }
        Labels labels = p.labels().withoutMetricName();
        List<String> empty = EmptyLabelValues.names(p.buffer(), p.seriesStart(), p.seriesEnd());
        long ts = p.hasTimestamp() ? p.timestampMillis() : Metric.NO_TIMESTAMP;
        if (!suffix.isEmpty() && (f.type == MetricType.COUNTER || f.type == MetricType.INFO)) {
            // OpenMetrics family "x" exposes x_total / x_info; the model names the family by the sample
            g.byName.remove(f.name, f);
            f.name = name;
            g.byName.put(name, f);
            suffix = "";
        }
        boolean grouped = f.type == MetricType.SUMMARY || f.type == MetricType.HISTOGRAM
                || f.type == MetricType.GAUGEHISTOGRAM;
        if (!grouped) {
            f.plain.add(Metric.ofValue(labels, p.value(), ts).withEmptyLabelNames(empty));
            return;
        }
        String special = f.type == MetricType.SUMMARY ? "quantile" : "le";
        boolean bySpecial = suffix.isEmpty() || suffix.equals("_bucket");
        MetricKey key = new MetricKey(bySpecial ? labels.without(special) : labels,
                empty.contains(special) ? without(empty, special) : empty);
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
