package org.osprey.model.labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;


/**
 * One label matcher: name, operator, value. Regexes are fully anchored and '.' matches newlines,
 * as in Prometheus 3. An absent label matches as the empty string. Thread-safe: immutable.
 */
public final class LabelMatcher {
    private final MatchType type;
    private final String name;
    private final String value;
    private final Pattern pattern; // null for = and !=
    // Fast paths for the regexes users write most (.*, .+, literals, a|b|c, prefix.*), decided
    // once here so matching a label value skips the regex engine. Null when the regex is general.
    private final RegexShape shape;

    private LabelMatcher(MatchType type, String name, String value, Pattern pattern) {
        this.type = type;
        this.name = name;
        this.value = value;
        this.pattern = pattern;
        this.shape = pattern == null ? null : RegexShape.of(value);
    }

    /**
     * Creates a matcher.
     *
     * @throws IllegalArgumentException if the regex does not compile, with the reason
     */
    public static LabelMatcher of(MatchType type, String name, String value) {
        Pattern p = null;
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            p = RegexCompiler.compileAnchored(value);
        }
        return new LabelMatcher(type, name, value, p);
    }

    public static LabelMatcher equal(String name, String value) {
        return of(MatchType.EQUAL, name, value);
    }

    public static LabelMatcher notEqual(String name, String value) {
        return of(MatchType.NOT_EQUAL, name, value);
    }

    public static LabelMatcher regex(String name, String value) {
        return of(MatchType.REGEX, name, value);
    }

    public static LabelMatcher notRegex(String name, String value) {
        return of(MatchType.NOT_REGEX, name, value);
    }

    public MatchType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** True when this matcher accepts the given label value ("" for an absent label). */
    public boolean matches(String v) {
        return switch (type) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> regexMatches(v);
            case NOT_REGEX -> !regexMatches(v);
        };
    }

    private boolean regexMatches(String v) {
        return shape != null ? shape.matches(v) : pattern.matcher(v).matches();
    }

    /**
     * For {@code =~} matchers whose regex is a plain alternation of literals ({@code a|b|c}, or
     * one literal), the literals, so an index can look them up directly instead of testing every
     * value; null otherwise (also for equality matchers, whose value is the literal).
     */
    public List<String> setMatches() {
        return shape == null ? null : shape.literals();
    }

    /** True when the matcher accepts the labels' value for {@link #name()}. */
    public boolean matches(Labels labels) {
        return matches(labels.get(name));
    }

    /** True when this matcher accepts the empty string, i.e. also series that lack the label. */
    public boolean matchesEmpty() {
        return matches("");
    }

    /** The compiled anchored pattern, or null for equality matchers. */
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (LabelNames.isLegacyName(name)) {
            sb.append(name);
        } else {
            LabelNames.appendQuoted(sb, name);
        }
        sb.append(type.operator());
        LabelNames.appendQuoted(sb, value);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + name.hashCode()) * 31 + value.hashCode();
    }


    /** The recognised regex shapes; see {@link #of(String)}. Thread-safe: immutable. */
    private record RegexShape(int kind, String prefix, Set<String> set, List<String> literals) {
        static final int ANY = 0;
        static final int NON_EMPTY = 1;
        static final int SET = 2;
        static final int PREFIX_ANY = 3;

        /** The shape of an (already compiled, so valid) regex, or null when it is none of these. */
        static RegexShape of(String re) {
            if (re.equals(".*")) {
                return new RegexShape(ANY, null, null, null);
            }
            if (re.equals(".+")) {
                return new RegexShape(NON_EMPTY, null, null, null);
            }
            if (re.endsWith(".*") && isLiteral(re.substring(0, re.length() - 2))) {
                return new RegexShape(PREFIX_ANY, re.substring(0, re.length() - 2), null, null);
            }
            List<String> alts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= re.length(); i++) {
                if (i == re.length() || re.charAt(i) == '|') {
                    String alt = re.substring(start, i);
                    if (!isLiteral(alt)) {
                        return null;
                    }
                    alts.add(alt);
                    start = i + 1;
                }
            }
            return new RegexShape(SET, null, Set.copyOf(new java.util.HashSet<>(alts)), List.copyOf(alts));
        }

        /** No regex metacharacter at all, so the text matches only itself. */
        private static boolean isLiteral(String s) {
            for (int i = 0; i < s.length(); i++) {
                if ("\\.+*?()|[]{}^$".indexOf(s.charAt(i)) >= 0) {
                    return false;
                }
            }
            return true;
        }

        boolean matches(String v) {
            return switch (kind) {
                case ANY -> true;
                case NON_EMPTY -> !v.isEmpty();
                case PREFIX_ANY -> v.startsWith(prefix);
                default -> set.contains(v);
            };
        }
    }
}
