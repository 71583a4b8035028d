package org.osprey.model.labels;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles RE2-syntax regexes (as Prometheus writes them) to fully anchored Java patterns.
 *
 * <p>Prometheus anchors as {@code ^(?s:<re>)$}: '.' matches newlines. Java's syntax is a superset
 * of RE2 for the constructs Prometheus users write; RE2-only spellings are translated here.
 * Thread-safe: stateless.
 */
public final class RegexCompiler {
    private RegexCompiler() {
    }

    /**
     * @throws IllegalArgumentException naming the regex and the parse problem
     */
    public static Pattern compileAnchored(String re) {
        try {
            return Pattern.compile("(?s:" + translate(re) + ")");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + re + "`", e);
        }
    }

    /** Unanchored compile (for label_replace style use where the caller anchors). */
    public static Pattern compile(String re) {
        try {
            return Pattern.compile(translate(re), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + re + "`", e);
        }
    }

    /** RE2 named groups {@code (?P<name>...)} become Java's {@code (?<name>...)}. */
    static String translate(String re) {
        if (re.indexOf("(?P<") < 0) {
            return re;
        }
        return re.replace("(?P<", "(?<");
    }
}
