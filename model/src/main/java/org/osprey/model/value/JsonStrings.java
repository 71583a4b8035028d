package org.osprey.model.value;

/**
 * Writes a string as a JSON string literal, the one escaper shared by the hand-written JSON of
 * every module (PromQL AST dumps, Alertmanager payloads, JSON log lines): {@code "} and {@code \}
 * backslash-escaped, newline, carriage return and tab as {@code \n \r \t}, other control
 * characters below U+0020 as a backslash, {@code u00} and two lower-case hex digits; everything
 * else, non-ASCII included, as is (JSON is UTF-8). Thread-safe: stateless.
 */
public final class JsonStrings {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonStrings() {
    }

    /** Appends s in double quotes, escaped as described in the class comment. */
    public static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        // no String.format: log lines and payloads go through here per message
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** The quoted form of s alone. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendQuoted(sb, s);
        return sb.toString();
    }
}
