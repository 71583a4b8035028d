package org.osprey.model.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {
    @Test
    void regexIsFullyAnchoredAndDotMatchesNewline() {
        LabelMatcher m = LabelMatcher.regex("job", "api.*");
        assertTrue(m.matches("api-server"));
        assertFalse(m.matches("my-api-server"));
        assertTrue(LabelMatcher.regex("x", "a.b").matches("a\nb"));
        assertTrue(LabelMatcher.regex("x", "foo|bar").matches("bar"));
        assertFalse(LabelMatcher.regex("x", "foo|bar").matches("foobar"));
    }

    @Test
    void absentLabelMatchesAsEmpty() {
        Labels l = Labels.of("job", "x");
        assertTrue(LabelMatcher.equal("env", "").matches(l));
        assertTrue(LabelMatcher.notEqual("env", "prod").matches(l));
        assertTrue(LabelMatcher.regex("env", ".*").matchesEmpty());
        assertFalse(LabelMatcher.regex("env", ".+").matches(l));
        assertTrue(LabelMatcher.notRegex("env", ".+").matches(l));
    }

    @Test
    void re2SpellingsTranslate() {
        assertTrue(LabelMatcher.regex("x", "(?P<name>a+)b").matches("aab"));
        assertTrue(LabelMatcher.regex("x", "[[:digit:]]+").matches("123"));
        assertFalse(LabelMatcher.regex("x", "[[:^digit:]]+").matches("12"));
        assertTrue(LabelMatcher.regex("x", "[[]").matches("["));
        assertTrue(LabelMatcher.regex("x", "[a&&b]+").matches("a&b"));
        // RE2 '$' is end of text only: no match before a trailing newline
        assertFalse(LabelMatcher.regex("x", "foo$\n").matches("foo\n"));
        assertTrue(LabelMatcher.regex("x", "(?m)foo$\n").matches("foo\n"));
        // a '{' that does not start a repetition is a literal in RE2
        assertTrue(LabelMatcher.regex("x", "{{.*}}").matches("{{ x }}"));
        assertTrue(LabelMatcher.regex("x", "a{2}").matches("aa"));
        assertTrue(LabelMatcher.regex("x", "a{2,}b{1,2}").matches("aaabb"));
    }

    @Test
    void fastPathsAgreeWithTheRegexEngine() {
        String[] regexes = {".*", ".+", "", "foo", "foo|bar|", "api-.*", "a|b|c", "(?i)foo", "fo+", "x.*y"};
        String[] values = {"", "foo", "FOO", "bar", "api-", "api-server", "a", "b", "d", "x\ny", "fooo", "\n"};
        for (String re : regexes) {
            LabelMatcher m = LabelMatcher.regex("l", re);
            java.util.regex.Pattern p = RegexCompiler.compileAnchored(re);
            for (String v : values) {
                assertEquals(p.matcher(v).matches(), m.matches(v), re + " vs " + v);
                assertEquals(!p.matcher(v).matches(), LabelMatcher.notRegex("l", re).matches(v), re + " vs " + v);
            }
        }
        assertEquals(java.util.List.of("foo", "bar", ""), LabelMatcher.regex("l", "foo|bar|").setMatches());
        assertEquals(null, LabelMatcher.regex("l", "fo+").setMatches());
        assertEquals(null, LabelMatcher.equal("l", "x").setMatches());
    }

    @Test
    void invalidRegexNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelMatcher.regex("x", "a(b"));
        assertEquals("error parsing regexp: missing closing ): `a(b`", e.getMessage());
    }

    @Test
    void stringFormQuotesUtf8Names() {
        assertEquals("job=~\"a.*\"", LabelMatcher.regex("job", "a.*").toString());
        assertEquals("\"my.label\"!=\"v\"", LabelMatcher.notEqual("my.label", "v").toString());
    }

    @Test
    void goExpandSemantics() {
        Re2Regex re = Re2Regex.compile("(?P<host>[^:]+):(?P<port_no>\\d+)");
        String s = "example.org:9090";
        Matcher m = re.matchWhole(s);
        assertEquals("example.org/9090", re.expand("$host/${port_no}", m, s));
        assertEquals("9090", re.expand("$2", m, s));
        assertEquals("", re.expand("$1x", m, s)); // group "1x" does not exist
        assertEquals("example.orgx", re.expand("${1}x", m, s));
        assertEquals("$", re.expand("$$", m, s));
        assertEquals("${1", re.expand("${1", m, s));
        assertEquals("", re.expand("$01", m, s)); // leading zero makes it a name
    }
}
