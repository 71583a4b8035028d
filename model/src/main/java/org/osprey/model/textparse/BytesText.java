package org.osprey.model.textparse;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers shared by the text parsers: decoding and unescaping quoted strings, UTF-8
 * validation, name character classes. Thread-safe: stateless.
 */
final class BytesText {
    private BytesText() {
    }

    static boolean equalsAscii(byte[] b, int s, int e, String ascii) {
        if (e - s != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[s + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNameChar(int c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isMetricNameStart(int c) {
        return isNameStart(c) || c == ':';
    }

    static boolean isMetricNameChar(int c) {
        return isNameChar(c) || c == ':';
    }

    /**
     * Decodes buf[s,e) as UTF-8; when {@code escaped}, undoes {@code \\}, {@code \"} and
     * {@code \n} and keeps any other backslash pair as written (the text parser has rejected those
     * already; OpenMetrics keeps them).
     */
    static String decode(byte[] buf, int s, int e, boolean escaped) {
        if (!escaped) {
            return new String(buf, s, e - s, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[e - s];
        int n = 0;
        for (int i = s; i < e; i++) {
            byte c = buf[i];
            if (c == '\\' && i + 1 < e) {
                byte d = buf[i + 1];
                switch (d) {
                    case '\\' -> { out[n++] = '\\'; i++; }
                    case '"' -> { out[n++] = '"'; i++; }
                    case 'n' -> { out[n++] = '\n'; i++; }
                    default -> out[n++] = c;
                }
            } else {
                out[n++] = c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Length in bytes of the valid UTF-8 sequence starting at buf[i] (a byte >= 0x80), or -1 when
     * it is malformed (overlong, surrogate, truncated or beyond U+10FFFF).
     */
    static int utf8SequenceLength(byte[] buf, int i, int end) {
        int b0 = buf[i] & 0xff;
        int n;
        int min;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            n = 2;
            min = 0x80;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            n = 3;
            min = 0x800;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            n = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + n > end) {
            return -1;
        }
        int cp = b0 & (0xff >> (n + 1));
        for (int k = 1; k < n; k++) {
            int b = buf[i + k] & 0xff;
            if ((b & 0xc0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return -1;
        }
        return n;
    }

    /** Quotes a short excerpt of the input for an error message, as Go's %q would. */
    static String quote(byte[] buf, int s, int e) {
        int max = Math.min(e, s + 64);
        StringBuilder sb = new StringBuilder("\"");
        String str = new String(buf, s, Math.max(0, max - s), StandardCharsets.UTF_8);
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (max < e) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
