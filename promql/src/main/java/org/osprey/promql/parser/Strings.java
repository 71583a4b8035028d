package org.osprey.promql.parser;

/** Go-style string literal unquoting for "...", '...' and raw `...`. Thread-safe: stateless. */
public final class Strings {
    private Strings() {
    }

    /**
     * Removes the quotes and resolves escapes.
     *
     * @throws IllegalArgumentException on an invalid escape sequence
     */
    public static String unquote(String s) {
        char q = s.charAt(0);
        String body = s.substring(1, s.length() - 1);
        if (q == '`') {
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw new IllegalArgumentException("invalid syntax");
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\', '\'', '"' -> sb.append(e);
                case 'x' -> {
                    sb.appendCodePoint(hex(body, i + 1, 2));
                    i += 2;
                }
                case 'u' -> {
                    sb.appendCodePoint(hex(body, i + 1, 4));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(hex(body, i + 1, 8));
                    i += 8;
                }
                default -> {
                    if (e >= '0' && e <= '7' && i + 2 < body.length()) {
                        sb.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        throw new IllegalArgumentException("unknown escape sequence");
                    }
                }
            }
        }
        return sb.toString();
    }

    private static int hex(String s, int from, int n) {
        if (from + n > s.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        try {
            return Integer.parseInt(s.substring(from, from + n), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid syntax");
        }
    }
}
