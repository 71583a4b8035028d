package org.osprey.model.exposition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the labels written with an empty value ({@code e=""}) in the raw text of one series
 * ({@code name{labels}} or text format 1.0's {@code {"name",labels}}), which the text parser has
 * already validated. {@code Labels} drops such labels, as Prometheus storage must; a Pushgateway
 * must keep them, so {@link TextFamilies} records their names on the {@link Metric}. Costs one
 * byte scan and no allocation when the series has no {@code ""} at all, the usual case.
 * Thread-safe: stateless.
 */
final class EmptyLabelValues {
    private EmptyLabelValues() {
    }

    /** The names of the empty-valued labels in {@code buf[start, end)}, sorted and unique (without {@code __name__}). */
    static List<String> names(byte[] buf, int start, int end) {
        if (!containsEmptyQuotes(buf, start, end)) {
            return List.of();
        }
        int p = start;
        while (p < end && buf[p] != '{') {
            p++;
        }
        List<String> out = new ArrayList<>(2);
        p++;
        while (p < end) {
            while (p < end && (buf[p] == ' ' || buf[p] == '\t' || buf[p] == ',')) {
                p++;
            }
            if (p >= end || buf[p] == '}') {
                break;
            }
            String name;
            if (buf[p] == '"') {
                int close = closingQuote(buf, p + 1, end);
                name = unescape(buf, p + 1, close);
                p = close + 1;
            } else {
                int s = p;
                while (p < end && buf[p] != '=' && buf[p] != ' ' && buf[p] != '\t' && buf[p] != ',' && buf[p] != '}') {
                    p++;
                }
                name = new String(buf, s, p - s, StandardCharsets.UTF_8);
            }
            while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
                p++;
            }
            if (p >= end || buf[p] != '=') {
                continue; // a quoted metric name inside the braces, not a label
            }
            p++;
            while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
                p++;
            }
            if (p >= end || buf[p] != '"') {
                break;
            }
            int close = closingQuote(buf, p + 1, end);
            if (close == p + 1 && !name.equals("__name__") && !out.contains(name)) {
                out.add(name);
            }
            p = close + 1;
        }
        out.sort(null);
        return out;
    }

    private static boolean containsEmptyQuotes(byte[] buf, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (buf[i] == '"' && buf[i - 1] == '"') {
                return true;
            }
        }
        return false;
    }

    /** Index of the quote closing a string whose content starts at {@code p} (or {@code end}). */
    private static int closingQuote(byte[] buf, int p, int end) {
        while (p < end && buf[p] != '"') {
            p += buf[p] == '\\' ? 2 : 1;
        }
        return Math.min(p, end);
    }

    private static String unescape(byte[] buf, int s, int e) {
        String raw = new String(buf, s, e - s, StandardCharsets.UTF_8);
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
