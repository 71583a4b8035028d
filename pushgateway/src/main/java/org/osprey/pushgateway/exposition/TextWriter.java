package org.osprey.pushgateway.exposition;

import java.util.List;
import org.osprey.model.value.FloatFormat;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/**
 * Writes families in the Prometheus text format 0.0.4 the way the Go client does (HELP only when
 * there is help, TYPE always, {@code quantile}/{@code le} appended after the metric's own labels,
 * a {@code +Inf} bucket added when a histogram lacks one), with the model's Go float formatting.
 * The model's {@code TextFormatWriter} takes {@code Labels}, which drop empty values, while the
 * Pushgateway must write {@code instance=""} (and empty grouping values); hence this small
 * writer over {@link LabelPairs}. Thread-safe: stateless.
 */
public final class TextWriter {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private TextWriter() {
    }

    public static void write(List<ExposedFamily> families, StringBuilder out) {
        for (ExposedFamily f : families) {
            write(f, out);
        }
    }

    public static void write(ExposedFamily f, StringBuilder out) {
        if (f.help() != null && !f.help().isEmpty()) {
            out.append("# HELP ").append(f.name()).append(' ');
            escapeHelp(f.help(), out);
            out.append('\n');
        }
        out.append("# TYPE ").append(f.name()).append(' ').append(f.type().textName()).append('\n');
        for (Metric m : f.metrics()) {
            switch (f.type()) {
                case SUMMARY -> {
                    for (int i = 0; i < m.bounds().length; i++) {
                        sample(out, f.name(), m.labels(), "quantile", FloatFormat.format(m.bounds()[i]), FloatFormat.format(m.counts()[i]));
                    }
                    sample(out, f.name() + "_sum", m.labels(), null, null, FloatFormat.format(m.sampleSum()));
                    sample(out, f.name() + "_count", m.labels(), null, null, formatCount(m.sampleCount()));
                }
                case HISTOGRAM -> {
                    boolean sawInf = false;
                    for (int i = 0; i < m.bounds().length; i++) {
                        sawInf |= m.bounds()[i] == Double.POSITIVE_INFINITY;
                        sample(out, f.name() + "_bucket", m.labels(), "le", FloatFormat.format(m.bounds()[i]), formatCount(m.counts()[i]));
                    }
                    if (!sawInf) {
                        sample(out, f.name() + "_bucket", m.labels(), "le", "+Inf", formatCount(m.sampleCount()));
                    }
                    sample(out, f.name() + "_sum", m.labels(), null, null, FloatFormat.format(m.sampleSum()));
                    sample(out, f.name() + "_count", m.labels(), null, null, formatCount(m.sampleCount()));
                }
                default -> {
                    sampleStart(out, f.name(), m.labels(), null, null);
                    FloatFormat.append(out, m.value());
                    out.append('\n');
                }
            }
        }
    }

    private static void sample(StringBuilder out, String name, LabelPairs labels, String extraName, String extraValue, String value) {
        sampleStart(out, name, labels, extraName, extraValue);
        out.append(value).append('\n');
    }

    /** Writes {@code name{labels} } up to the value. */
    private static void sampleStart(StringBuilder out, String name, LabelPairs labels, String extraName, String extraValue) {
        out.append(name);
        if (labels.size() > 0 || extraName != null) {
            out.append('{');
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels.name(i)).append("=\"");
                escapeLabelValue(labels.value(i), out);
                out.append('"');
            }
            if (extraName != null) {
                if (labels.size() > 0) {
                    out.append(',');
                }
                out.append(extraName).append("=\"").append(extraValue).append('"');
            }
            out.append('}');
        }
        out.append(' ');
    }

    private static void escapeHelp(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static void escapeLabelValue(String s, StringBuilder out) {
        if (!needsEscape(s)) {
            out.append(s); // the common case, appended in one copy
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /** A count as Go writes a uint64 when it is a whole number in range, else as a float. */
    public static String formatCount(double v) {
        if (v >= 0 && v < 9.2e18 && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return FloatFormat.format(v);
    }

    /** Whether a type is written with sub-samples (used by callers that count series). */
    static boolean composite(MetricType t) {
        return t == MetricType.SUMMARY || t == MetricType.HISTOGRAM;
    }
}
