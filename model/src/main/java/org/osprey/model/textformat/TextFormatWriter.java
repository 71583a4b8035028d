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
 * Writes the Prometheus text exposition format 0.0.4 (Content-Type
 * {@code text/plain; version=0.0.4; charset=utf-8}), line by line as Prometheus's expfmt writes
 * it: {@code # HELP} (escaping backslash and line feed), {@code # TYPE}, then the samples; label
 * values escape backslash, double quote and line feed; values are Go-formatted floats; counts
 * are integers; timestamps are integer milliseconds. Names outside the legacy character set are
 * written quoted inside the braces, as text format 1.0.0 allows.
 *
 * <p>Both a family-level API ({@link #write(List, StringBuilder)}) and a sample-level one (for
 * federation, which streams stored series) are offered. Thread-safe: stateless.
 */
public final class TextFormatWriter {
    private TextFormatWriter() {
    }

    /** Writes families in the given order and returns the UTF-8 bytes. */
    public static byte[] toBytes(List<MetricFamily> families) {
        StringBuilder sb = new StringBuilder(4096);
        write(families, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static void write(List<MetricFamily> families, StringBuilder sb) {
        for (MetricFamily f : families) {
            write(f, sb);
        }
    }

    public static void write(MetricFamily f, StringBuilder sb) {
        String name = f.name();
        if (f.help() != null) {
            writeHelp(sb, name, f.help());
        }
        writeType(sb, name, f.type());
        for (Metric m : f.metrics()) {
            switch (f.type()) {
                case SUMMARY -> {
                    for (Quantile q : m.quantiles()) {
                        writeSample(sb, name, "", m.labels(), "quantile", q.quantile(), q.value(), m.timestampMs());
                    }
                    writeSample(sb, name, "_sum", m.labels(), null, 0, m.sum(), m.timestampMs());
                    writeCountSample(sb, name, m.labels(), m.count(), m.timestampMs());
                }
                case HISTOGRAM, GAUGEHISTOGRAM -> {
                    boolean sawInf = false;
                    for (Bucket b : m.buckets()) {
                        writeCount(sb, name, "_bucket", m.labels(), b.upperBound(), b.cumulativeCount(), m.timestampMs());
                        sawInf |= b.upperBound() == Double.POSITIVE_INFINITY;
                    }
                    if (!sawInf) {
                        // the +Inf bucket is implied by the count; the text format spells it out
                        writeCount(sb, name, "_bucket", m.labels(), Double.POSITIVE_INFINITY, m.count(), m.timestampMs());
                    }
                    writeSample(sb, name, "_sum", m.labels(), null, 0, m.sum(), m.timestampMs());
                    writeCountSample(sb, name, m.labels(), m.count(), m.timestampMs());
                }
                default -> writeSample(sb, name, "", m.labels(), null, 0, m.value(), m.timestampMs());
            }
        }
    }

    private static void writeCountSample(StringBuilder sb, String name, Labels labels, double count, long ts) {
        writeCount(sb, name, "_count", labels, Double.NaN, count, ts);
    }

    private static void writeCount(StringBuilder sb, String name, String suffix, Labels labels, double le, double count, long ts) {
        sample(sb, name, suffix, labels, Double.isNaN(le) ? null : "le", le, count, true, ts);
    }

    /** {@code # HELP name text} with backslash and line feed escaped. */
    public static void writeHelp(StringBuilder sb, String name, String help) {
        sb.append("# HELP ");
        appendMetadataName(sb, name);
        sb.append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        sb.append('\n');
    }

    /** {@code # TYPE name type}; types the text format lacks are written as their nearest kin. */
    public static void writeType(StringBuilder sb, String name, MetricType type) {
        sb.append("# TYPE ");
        appendMetadataName(sb, name);
        sb.append(' ').append(textType(type)).append('\n');
    }

    static String textType(MetricType type) {
        return switch (type) {
            case GAUGEHISTOGRAM -> "histogram";
            case INFO, STATESET -> "gauge";
            default -> type.textName();
        };
    }

    private static void appendMetadataName(StringBuilder sb, String name) {
        if (LabelNames.isLegacyMetricName(name)) {
            sb.append(name);
        } else {
            appendQuoted(sb, name);
        }
    }

    /**
     * One sample line from a label set that includes {@code __name__} (as stored series have),
     * e.g. for federation. {@code timestampMs} is {@link Metric#NO_TIMESTAMP} to omit it.
     */
    public static void writeSample(StringBuilder sb, Labels labelsWithName, double value, long timestampMs) {
        writeSample(sb, labelsWithName.metricName(), "", labelsWithName, null, 0, value, timestampMs);
    }

    /**
     * One sample line: {@code name+suffix{labels[,extraName="extraValue"]} value [timestamp]}.
     * A {@code __name__} in labels is skipped (the name is written from {@code name}).
     */
    public static void writeSample(StringBuilder sb, String name, String suffix, Labels labels, String extraName,
            double extraValue, double value, long timestampMs) {
        sample(sb, name, suffix, labels, extraName, extraValue, value, false, timestampMs);
    }

    /**
     * The sample line writer; {@code count} marks bucket and _count values, which Go's writer
     * prints as unsigned integers ({@code 1234567}, not {@code 1.234567e+06}).
     */
    private static void sample(StringBuilder sb, String name, String suffix, Labels labels, String extraName,
            double extraValue, double value, boolean count, long timestampMs) {
        boolean legacy = LabelNames.isLegacyMetricName(name);
        boolean first = true;
        if (legacy) {
            sb.append(name).append(suffix);
        } else {
            sb.append('{');
            appendQuoted(sb, name + suffix);
            first = false;
        }
        for (int i = 0; i < labels.size(); i++) {
            String ln = labels.name(i);
            if (ln.equals(Labels.METRIC_NAME)) {
                continue;
            }
            sb.append(first ? "{" : ",");
            first = false;
            appendLabelName(sb, ln);
            sb.append('=');
            appendQuoted(sb, labels.value(i));
        }
        if (extraName != null) {
            sb.append(first ? "{" : ",");
            first = false;
            sb.append(extraName).append("=\"");
            FloatFormat.append(sb, extraValue);
            sb.append('"');
        }
        if (!first) {
            sb.append('}');
        }
        sb.append(' ');
        if (count && value >= 0 && value < 0x1p63 && value == Math.rint(value)) {
            sb.append((long) value);
        } else {
            FloatFormat.append(sb, value);
        }
        if (timestampMs != Metric.NO_TIMESTAMP) {
            sb.append(' ').append(timestampMs);
        }
        sb.append('\n');
    }

    static void appendLabelName(StringBuilder sb, String name) {
        if (LabelNames.isLegacyName(name)) {
            sb.append(name);
        } else {
            appendQuoted(sb, name);
        }
    }

    /** A double-quoted string escaping backslash, double quote and line feed. */
    static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }
}
