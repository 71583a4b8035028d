package org.osprey.model.labels;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A fully anchored RE2-syntax regex as Prometheus uses it in relabeling and
 * {@code label_replace}: it matches a whole string ({@code ^(?s:re)$}), and
 * {@link #expand(String, Matcher, String)} fills a template as Go's {@code Regexp.Expand}
 * does. Thread-safe: immutable (matchers it hands out are not).
 */
public final class Re2Regex {
    private final String source;
    private final Pattern pattern;
    private final Map<String, Integer> groupNumbers;

    private Re2Regex(String source, Pattern pattern, Map<String, Integer> groupNumbers) {
        this.source = source;
        this.pattern = pattern;
        this.groupNumbers = groupNumbers;
    }

    /**
     * @throws IllegalArgumentException {@code error parsing regexp: <problem>: `<re>`}
     */
    public static Re2Regex compile(String re) {
        Map<String, Integer> names = new HashMap<>();
        String translated = RegexCompiler.translate(re, names);
        try {
            return new Re2Regex(re, Pattern.compile("(?s:" + translated + ")"), Map.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + RegexCompiler.re2Problem(e.getDescription()) + ": `" + re + "`", e);
        }
    }

    /** The regex as written (without the anchoring). */
    public String source() {
        return source;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** True when the whole of s matches. */
    public boolean matches(String s) {
        return pattern.matcher(s).matches();
    }

    /** A matcher over s that has been asked {@code matches()}; null when s does not match. */
    public Matcher matchWhole(String s) {
        Matcher m = pattern.matcher(s);
        return m.matches() ? m : null;
    }

    /**
     * Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} take
     * the group's text (empty when the group did not take part or does not exist); a name is
     * the longest run of letters, digits and '_' (so {@code $1x} means group "1x"); numbers
     * with leading zeros are names; {@code $$} is a literal '$'; a '$' not followed by a valid
     * reference is kept as text.
     */
    public String expand(String template, Matcher m, String subject) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int n = template.length();
        int i = 0;
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i < n && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && template.charAt(i) == '{';
            int s = brace ? i + 1 : i;
            int e = s;
            while (e < n) {
                int cp = template.codePointAt(e);
                if (!Character.isLetterOrDigit(cp) && cp != '_') {
                    break;
                }
                e += Character.charCount(cp);
            }
            if (e == s || (brace && (e >= n || template.charAt(e) != '}'))) {
                out.append('$'); // malformed reference: the '$' is plain text
                continue;
            }
            String name = template.substring(s, e);
            i = brace ? e + 1 : e;
            int group = groupNumber(name);
            if (group >= 0 && group <= m.groupCount()) {
                int gs = m.start(group);
                if (gs >= 0) {
                    out.append(subject, gs, m.end(group));
                }
            }
        }
        return out.toString();
    }

    private int groupNumber(String name) {
        boolean digits = !name.isEmpty();
        int num = 0;
        for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            if (ch < '0' || ch > '9' || num >= 100_000_000) {
                digits = false;
                break;
            }
            num = num * 10 + (ch - '0');
        }
        if (digits && !(name.charAt(0) == '0' && name.length() > 1)) {
            return num;
        }
        Integer g = groupNumbers.get(name);
        return g == null ? -1 : g;
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Re2Regex r && r.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }
}
