package org.osprey.model.labels;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles RE2-syntax regexes (as Prometheus writes them) to fully anchored Java patterns.
 *
 * <p>Prometheus anchors as {@code ^(?s:<re>)$}: '.' matches newlines. Java's syntax is close to
 * RE2 for what users write; the spellings that differ are translated here: named groups
 * {@code (?P<name>...)} (Java-legal names stay named, others become numbered groups; see
 * {@link Re2Regex} for Go-style expansion by name), POSIX classes {@code [[:alpha:]]}, a
 * literal {@code [} or {@code &&} inside a character class, and {@code $}, which in RE2 matches
 * only at the end of the text unless {@code (?m)} is set. Thread-safe: stateless.
 */
public final class RegexCompiler {
    private RegexCompiler() {
    }

    /**
     * Compiles for full-string matching ({@link java.util.regex.Matcher#matches()}) with '.'
     * matching newlines.
     *
     * @throws IllegalArgumentException naming the regex and the parse problem
     */
    public static Pattern compileAnchored(String re) {
        try {
            return Pattern.compile("(?s:" + translate(re) + ")");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + re2Problem(e.getDescription()) + ": `" + re + "`", e);
        }
    }

    /** Unanchored compile (for label_replace style use where the caller anchors). */
    public static Pattern compile(String re) {
        try {
            return Pattern.compile(translate(re), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + re2Problem(e.getDescription()) + ": `" + re + "`", e);
        }
    }

    static String translate(String re) {
        return translate(re, new HashMap<>());
    }

    /** True when re[i] == '{' starts a repetition {n}, {n,} or {n,m}. */
    private static boolean isRepeat(String re, int i) {
        int j = i + 1;
        int digits = 0;
        while (j < re.length() && Character.isDigit(re.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0 || j >= re.length()) {
            return false;
        }
        if (re.charAt(j) == '}') {
            return true;
        }
        if (re.charAt(j) != ',') {
            return false;
        }
        j++;
        while (j < re.length() && Character.isDigit(re.charAt(j))) {
            j++;
        }
        return j < re.length() && re.charAt(j) == '}';
    }

    /** Java's description of a syntax error in RE2's words where they differ. */
    static String re2Problem(String javaDescription) {
        if (javaDescription.startsWith("Unclosed group")) {
            return "missing closing )";
        } else if (javaDescription.startsWith("Unmatched closing ')'")) {
            return "unexpected )";
        } else if (javaDescription.startsWith("Unclosed character class")) {
            return "missing closing ]";
        } else if (javaDescription.startsWith("Dangling meta character")) {
            return "missing argument to repetition operator";
        } else if (javaDescription.startsWith("Illegal/unsupported escape sequence")) {
            return "invalid escape sequence";
        }
        return javaDescription;
    }

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "0-9"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\t\\n\\x0B\\f\\r "), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    /**
     * Translates RE2 syntax to Java syntax and records every named group's number in
     * {@code groupNumbers}.
     */
    static String translate(String re, Map<String, Integer> groupNumbers) {
        boolean multiline = re.matches("(?s).*\\(\\?[a-zA-Z]*m[a-zA-Z]*[:)].*");
        StringBuilder out = new StringBuilder(re.length() + 8);
        int n = re.length();
        int groups = 0;
        boolean inClass = false;
        int i = 0;
        while (i < n) {
            char c = re.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && re.charAt(i + 1) == 'Q') {
                    int e = re.indexOf("\\E", i + 2);
                    int stop = e < 0 ? n : e + 2;
                    out.append(re, i, stop);
                    i = stop;
                    continue;
                }
                out.append(c);
                if (i + 1 < n) {
                    out.append(re.charAt(i + 1));
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    out.append(c);
                } else if (c == '[' && i + 1 < n && re.charAt(i + 1) == ':') {
                    int e = re.indexOf(":]", i + 2);
                    String name = e < 0 ? null : re.substring(i + 2, e);
                    boolean neg = name != null && name.startsWith("^");
                    String cls = name == null ? null : POSIX.get(neg ? name.substring(1) : name);
                    if (cls == null) {
                        out.append("\\[");
                        i++;
                        continue;
                    }
                    if (neg) {
                        out.append("[^").append(cls).append(']'); // nested class = union in Java
                    } else {
                        out.append(cls);
                    }
                    i = e + 2;
                    continue;
                } else if (c == '[') {
                    out.append("\\[");
                } else if (c == '&' && i + 1 < n && re.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i += 2;
                    continue;
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append('[');
                    i++;
                    if (i < n && re.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i < n && re.charAt(i) == ']') {
                        out.append("\\]"); // a leading ] is literal in RE2
                        i++;
                    }
                    continue;
                }
                case '(' -> {
                    String name = null;
                    int after = i + 1;
                    if (re.startsWith("(?P<", i)) {
                        int e = re.indexOf('>', i + 4);
                        if (e > 0) {
                            name = re.substring(i + 4, e);
                            after = e + 1;
                        }
                    } else if (re.startsWith("(?<", i) && !re.startsWith("(?<=", i) && !re.startsWith("(?<!", i)) {
                        int e = re.indexOf('>', i + 3);
                        if (e > 0) {
                            name = re.substring(i + 3, e);
                            after = e + 1;
                        }
                    }
                    if (name != null) {
                        groups++;
                        groupNumbers.putIfAbsent(name, groups);
                        if (name.matches("[a-zA-Z][a-zA-Z0-9]*")) {
                            out.append("(?<").append(name).append('>');
                        } else {
                            out.append('(');
                        }
                        i = after;
                        continue;
                    }
                    if (i + 1 >= n || re.charAt(i + 1) != '?') {
                        groups++;
                    }
                    out.append('(');
                }
                case '$' -> out.append(multiline ? "$" : "\\z");
                case '{' -> out.append(isRepeat(re, i) ? "{" : "\\{"); // RE2 reads a non-repeat '{' as a literal
                default -> out.append(c);
            }
            i++;
        }
        return out.toString();
    }
}
