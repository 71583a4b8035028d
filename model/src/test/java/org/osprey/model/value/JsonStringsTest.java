package org.osprey.model.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonStringsTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\"", JsonStrings.quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\"", JsonStrings.quote("\n\r\t"));
        assertEquals("\"\\u0000\\u001f\\u000b\"", JsonStrings.quote("\u0000\u001f\u000b"));
    }

    @Test
    void leavesPrintableAndNonAsciiTextAlone() {
        assertEquals("\"\"", JsonStrings.quote(""));
        assertEquals("\"héllo / {x=\\\"1\\\"} \u2603\"", JsonStrings.quote("héllo / {x=\"1\"} \u2603"));
        StringBuilder sb = new StringBuilder("x=");
        JsonStrings.appendQuoted(sb, "y");
        assertEquals("x=\"y\"", sb.toString());
    }
}
