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
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == 'x'
                    || (body.charAt(i + 1) >= '0' && body.charAt(i + 1) <= '7'))) {
                // Byte escapes: collected and decoded as UTF-8 together, as Go strings are bytes.
                boolean hexEsc = body.charAt(i + 1) == 'x';
                int len = hexEsc ? 2 : 3;
                int from = hexEsc ? i + 2 : i + 1;
                if (from + len > body.length()) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                try {
                    bytes.write(Integer.parseInt(body.substring(from, from + len), hexEsc ? 16 : 8));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid syntax");
                }
                i = from + len - 1;
                continue;
            }
            flushBytes(bytes, sb);
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
                default -> throw new IllegalArgumentException("unknown escape sequence");
            }
        }
        flushBytes(bytes, sb);
        return sb.toString();
    }

    /**
     * Decodes buffered bytes as UTF-8; a byte that is not part of a valid sequence becomes the lone
     * surrogate U+DC00+byte, so it stays invalid (and printable as \xNN) like Go's invalid UTF-8.
     */
    private static void flushBytes(java.io.ByteArrayOutputStream bytes, StringBuilder sb) {
        if (bytes.size() == 0) {
            return;
        }
        byte[] b = bytes.toByteArray();
        bytes.reset();
        java.nio.charset.CharsetDecoder dec = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length * 2);
        while (in.hasRemaining()) {
            java.nio.charset.CoderResult r = dec.decode(in, out, true);
            if (r.isError()) {
                for (int k = 0; k < r.length(); k++) {
                    out.put((char) (0xDC00 + (in.get() & 0xff)));
                }
            } else {
                break;
            }
        }
        out.flip();
        sb.append(out);
    }

    /** Go's %q for a string that may hold lone surrogates standing for invalid bytes. */
    public static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                sb.append(String.format("\\x%02x", c - 0xDC00));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
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
