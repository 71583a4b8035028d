package org.osprey.model.textformat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osprey.model.exposition.Bucket;
import org.osprey.model.exposition.Metric;
import org.osprey.model.exposition.MetricFamily;
import org.osprey.model.exposition.Quantile;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;
import org.osprey.model.value.FloatFormat;

/**
 * Writes OpenMetrics 1.0.0 text (Content-Type
 * {@code application/openmetrics-text; version=1.0.0; charset=utf-8}) as Prometheus's expfmt
 * does: counter families are named without {@code _total} in metadata and with it on samples;
 * values are floats ({@code 1.0}), counts integers, timestamps seconds; HELP escapes backslash,
 * line feed and double quote; the body ends with {@code # EOF}. Thread-safe: stateless.
 */
public final class OpenMetricsWriter {
    private OpenMetricsWriter() {
    }

    public static byte[] toBytes(List<MetricFamily> families) {
        StringBuilder sb = new StringBuilder(4096);
        write(families, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the families and the closing {@code # EOF} line. */
    public static void write(List<MetricFamily> families, StringBuilder sb) {
        for (MetricFamily f : families) {
            writeFamily(f, sb);
        }
        sb.append("# EOF\n");
    }

    /** Writes one family without the closing {@code # EOF}. */
    public static void writeFamily(MetricFamily f, StringBuilder sb) {
        String name = f.name();
        MetricType type = f.type();
        if (type == MetricType.COUNTER && name.endsWith("_total")) {
            name = name.substring(0, name.length() - 6);
        }
        if (!LabelNames.isLegacyMetricName(name)) {
            throw new IllegalArgumentException("OpenMetrics 1.0 cannot carry the metric name \"" + name + "\"");
        }
        if (f.help() != null) {
            sb.append("# HELP ").append(name).append(' ');
            String help = f.help();
            for (int i = 0; i < help.length(); i++) {
                char c = help.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '"' -> sb.append("\\\"");
                    default -> sb.append(c);
                }
            }
            sb.append('\n');
        }
        sb.append("# TYPE ").append(name).append(' ').append(type.openMetricsName()).append('\n');
        for (Metric m : f.metrics()) {
            switch (type) {
                case COUNTER -> sample(sb, name, "_total", m.labels(), null, null, m.value(), false, m.timestampMs());
                case SUMMARY -> {
                    for (Quantile q : m.quantiles()) {
                        sample(sb, name, "", m.labels(), "quantile", q.quantile(), q.value(), false, m.timestampMs());
                    }
                    sample(sb, name, "_sum", m.labels(), null, null, m.sum(), false, m.timestampMs());
                    sample(sb, name, "_count", m.labels(), null, null, m.count(), true, m.timestampMs());
                }
                case HISTOGRAM, GAUGEHISTOGRAM -> {
                    boolean gauge = type == MetricType.GAUGEHISTOGRAM;
                    boolean sawInf = false;
                    for (Bucket b : m.buckets()) {
                        sample(sb, name, "_bucket", m.labels(), "le", b.upperBound(), b.cumulativeCount(), true, m.timestampMs());
                        sawInf |= b.upperBound() == Double.POSITIVE_INFINITY;
                    }
                    if (!sawInf) {
                        sample(sb, name, "_bucket", m.labels(), "le", Double.POSITIVE_INFINITY, m.count(), true, m.timestampMs());
                    }
                    sample(sb, name, gauge ? "_gsum" : "_sum", m.labels(), null, null, m.sum(), false, m.timestampMs());
                    sample(sb, name, gauge ? "_gcount" : "_count", m.labels(), null, null, m.count(), true, m.timestampMs());
                }
                case INFO -> sample(sb, name, name.endsWith("_info") ? "" : "_info", m.labels(), null, null, m.value(), false, m.timestampMs());
                default -> sample(sb, name, "", m.labels(), null, null, m.value(), false, m.timestampMs());
            }
        }
    }

    private static void sample(StringBuilder sb, String name, String suffix, Labels labels, String extraName,
            Double extraValue, double value, boolean integer, long timestampMs) {
        sb.append(name).append(suffix);
        boolean first = true;
        for (int i = 0; i < labels.size(); i++) {
            String ln = labels.name(i);
            if (ln.equals(Labels.METRIC_NAME)) {
                continue;
            }
            sb.append(first ? "{" : ",");
            first = false;
            sb.append(ln).append('=');
            TextFormatWriter.appendQuoted(sb, labels.value(i));
        }
        if (extraName != null) {
            sb.append(first ? "{" : ",");
            first = false;
            sb.append(extraName).append("=\"");
            FloatFormat.appendOpenMetrics(sb, extraValue);
            sb.append('"');
        }
        if (!first) {
            sb.append('}');
        }
        sb.append(' ');
        if (integer && value >= 0 && value < 0x1p63 && value == Math.rint(value)) {
            sb.append((long) value);
        } else {
            FloatFormat.appendOpenMetrics(sb, value);
        }
        if (timestampMs != Metric.NO_TIMESTAMP) {
            sb.append(' ');
            appendSeconds(sb, timestampMs);
        }
        sb.append('\n');
    }

    /** Milliseconds as exact decimal seconds ({@code 1520879607.789}), avoiding float rounding. */
    static void appendSeconds(StringBuilder sb, long ms) {
        if (ms < 0 && ms != Long.MIN_VALUE) {
            sb.append('-');
            ms = -ms;
        }
        long sec = Math.floorDiv(ms, 1000);
        long frac = Math.floorMod(ms, 1000);
        sb.append(sec);
        if (frac != 0) {
            sb.append('.');
            if (frac < 100) {
                sb.append('0');
            }
            if (frac < 10) {
                sb.append('0');
            }
            long f = frac;
            while (f % 10 == 0) {
                f /= 10;
            }
            sb.append(f);
        }
    }
}
