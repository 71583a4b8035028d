package org.osprey.server.metrics;

import org.osprey.model.value.FloatFormat;

/**
 * Appends metric families in the Prometheus text format 0.0.4 to a buffer, escaping HELP text and
 * label values as the format requires. Not thread-safe: one writer per scrape.
 */
public final class TextMetricsWriter {
    private final StringBuilder sb;

    public TextMetricsWriter(StringBuilder sb) {
        this.sb = sb;
    }

    /** Starts a family: its HELP and TYPE lines. */
    public TextMetricsWriter family(String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == '\n') {
                sb.append("\\n");
            } else {
                sb.append(c);
            }
        }
        sb.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample line; labels as alternating names and values. */
    public TextMetricsWriter sample(String name, double value, String... labels) {
        sb.append(name);
        if (labels.length > 0) {
            sb.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(labels[i]).append("=\"");
                escapeValue(labels[i + 1]);
                sb.append('"');
            }
            sb.append('}');
        }
        sb.append(' ');
        appendValue(value);
        sb.append('\n');
        return this;
    }

    private void appendValue(double v) {
        FloatFormat.appendPlain(sb, v + 0.0); // + 0.0 turns -0 into 0: no "-0" in the exposition
    }

    private void escapeValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    /** Appends already-formatted exposition text (from another module's writer). */
    public TextMetricsWriter raw(CharSequence text) {
        sb.append(text);
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            sb.append('\n');
        }
        return this;
    }
}
