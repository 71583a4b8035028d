package org.osprey.alertmanager.config;

import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.MatchType;

/**
 * Parses Alertmanager's matcher syntax as used by {@code matchers:}, {@code source_matchers:},
 * {@code amtool} and the {@code filter} API parameter: {@code {a="b", c=~"d.*"}}, the same without
 * braces, and unquoted values ({@code a=b}). Regex values are fully anchored. Thread-safe: stateless.
 */
public final class MatcherParser {
    private MatcherParser() {
    }

    /**
     * Parses a comma-separated matcher list, optionally wrapped in braces.
     *
     * @throws IllegalArgumentException with a message naming the bad input
     */
    public static List<LabelMatcher> parseList(String input) {
        String s = input.strip();
        boolean open = s.startsWith("{");
        boolean close = s.endsWith("}");
        if (open != close) {
            throw new IllegalArgumentException("bad matcher format: " + input + " (unbalanced braces)");
        }
        if (open) {
            s = s.substring(1, s.length() - 1);
        }
        List<LabelMatcher> out = new ArrayList<>();
        Cursor c = new Cursor(s, input);
        c.skipSpaces();
        while (!c.atEnd()) {
            out.add(c.matcher());
            c.skipSpaces();
            if (c.atEnd()) {
                break;
            }
            if (c.peek() != ',') {
                throw new IllegalArgumentException("bad matcher format: " + input + " (expected ',' at position " + c.pos + ")");
            }
            c.pos++;
            c.skipSpaces();
        }
        return out;
    }

    /** Parses exactly one matcher such as {@code severity!~"info|debug"}. */
    public static LabelMatcher parseOne(String input) {
        List<LabelMatcher> l = parseList(input);
        if (l.size() != 1) {
            throw new IllegalArgumentException("bad matcher format: " + input);
        }
        return l.get(0);
    }

    /** Builds a matcher, compiling regexes anchored as Alertmanager does. */
    public static LabelMatcher matcher(MatchType type, String name, String value) {
        try {
            return LabelMatcher.of(type, name, value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid regular expression " + quote(value) + ": " + e.getMessage(), e);
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        org.osprey.model.labels.LabelNames.appendQuoted(sb, s);
        return sb.toString();
    }

    private static final class Cursor {
        private final String s;
        private final String input;
        private int pos;

        Cursor(String s, String input) {
            this.s = s;
            this.input = input;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        LabelMatcher matcher() {
            String name;
            if (peek() == '"') {
                name = quoted();
            } else {
                int start = pos;
                while (pos < s.length() && isNameChar(s.charAt(pos), pos == start)) {
                    pos++;
                }
                name = s.substring(start, pos);
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("bad matcher format: " + input + " (missing label name)");
            }
            skipSpaces();
            MatchType type;
            if (s.startsWith("=~", pos)) {
                type = MatchType.REGEX;
            } else if (s.startsWith("!~", pos)) {
                type = MatchType.NOT_REGEX;
            } else if (s.startsWith("!=", pos)) {
                type = MatchType.NOT_EQUAL;
            } else if (s.startsWith("=", pos)) {
                type = MatchType.EQUAL;
            } else {
                throw new IllegalArgumentException("bad matcher format: " + input + " (expected an operator after " + name + ")");
            }
            pos += type.operator().length();
            skipSpaces();
            String value;
            if (!atEnd() && peek() == '"') {
                value = quoted();
            } else {
                int start = pos;
                while (pos < s.length() && s.charAt(pos) != ',') {
                    if (s.charAt(pos) == '"') {
                        throw new IllegalArgumentException("bad matcher format: " + input + " (unexpected quote in unquoted value)");
                    }
                    pos++;
                }
                value = s.substring(start, pos).strip();
            }
            return MatcherParser.matcher(type, name, value);
        }

        private String quoted() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case '\\' -> sb.append('\\');
                        case '"' -> sb.append('"');
                        default -> sb.append('\\').append(e); // keeps regex escapes like \d intact
                    }
                } else {
                    sb.append(c);
                }
            }
            throw new IllegalArgumentException("bad matcher format: " + input + " (unterminated quoted string)");
        }

        private static boolean isNameChar(char c, boolean first) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
        }
    }
}
