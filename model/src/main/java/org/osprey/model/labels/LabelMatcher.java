package org.osprey.model.labels;

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

    private LabelMatcher(MatchType type, String name, String value, Pattern pattern) {
        this.type = type;
        this.name = name;
        this.value = value;
        this.pattern = pattern;
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
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
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

}
