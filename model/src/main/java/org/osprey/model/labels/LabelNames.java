package org.osprey.model.labels;

/**
 * Label and metric name rules as Prometheus 3 applies them.
 *
 * <p>Prometheus 3 accepts any valid UTF-8 label name (the "utf8" validation scheme); the legacy
 * scheme allows {@code [a-zA-Z_][a-zA-Z0-9_]*} for labels and adds ':' for metric names. Names
 * starting with {@code __} are reserved for internal use. Thread-safe: stateless.
 */
public final class LabelNames {
    private LabelNames() {
    }

    /** Legacy label name: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    public static boolean isLegacyName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Legacy metric name: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
    public static boolean isLegacyMetricName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 scheme (Prometheus 3 default): any non-empty string of valid UTF-16 (no lone surrogates). */
    public static boolean isValidName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A label value is valid when it is well-formed Unicode (UTF-8 on the wire); it may be empty. */
    public static boolean isValidValue(String s) {
        return s.isEmpty() || isValidName(s);
    }

    /** Names with a {@code __} prefix are reserved for Osprey's own use (meta and internal labels). */
    public static boolean isReserved(String name) {
        return name.startsWith("__");
    }

    /** Appends s as a Go %q-style double-quoted string (escapes \\, ", \n, \t, \r and control chars). */
    public static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
