package org.osprey.alertmanager.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.MatchType;
import org.osprey.model.value.PromDuration;

class MatcherParserTest {
    @Test
    void parsesBracedQuotedAndUnquotedForms() {
        List<LabelMatcher> l = MatcherParser.parseList("{a=\"b\", c=~\"d.*\", e!=f , g!~\"x|y\"}");
        assertEquals(4, l.size());
        assertEquals(MatchType.EQUAL, l.get(0).type());
        assertEquals("b", l.get(0).value());
        assertEquals(MatchType.REGEX, l.get(1).type());
        assertTrue(l.get(1).matches("dzz"));
        assertEquals("f", l.get(2).value());
        assertEquals(MatchType.NOT_EQUAL, l.get(2).type());
        assertFalse(l.get(3).matches("x"));
        assertEquals("foo bar", MatcherParser.parseOne("name = foo bar").value());
        assertEquals("a,\"b", MatcherParser.parseOne("x=\"a,\\\"b\"").value());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> MatcherParser.parseList("{a=b"));
        assertThrows(IllegalArgumentException.class, () -> MatcherParser.parseList("a"));
        assertThrows(IllegalArgumentException.class, () -> MatcherParser.parseList("a=~\"(\""));
        assertThrows(IllegalArgumentException.class, () -> MatcherParser.parseList("a=\"b"));
    }

    @Test
    void durations() {
        assertEquals(90_000, PromDuration.parseMillis("1m30s"));
        assertEquals(0, PromDuration.parseMillis("0"));
        assertEquals("1h30m", PromDuration.format(90 * 60_000));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parseMillis("5x"));
    }
}
