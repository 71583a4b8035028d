package org.osprey.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PromFloatTest {
    @Test
    void timestampsAsSecondsWithUpToThreeDecimals() {
        assertEquals("1435781451.781", PromFloat.timestamp(1435781451781L));
        assertEquals("1435781451.78", PromFloat.timestamp(1435781451780L));
        assertEquals("1435781451.7", PromFloat.timestamp(1435781451700L));
        assertEquals("1435781451", PromFloat.timestamp(1435781451000L));
        assertEquals("1435781451.005", PromFloat.timestamp(1435781451005L));
        assertEquals("-1.5", PromFloat.timestamp(-1500));
    }

    @Test
    void timesParseAsUnixSecondsOrRfc3339() {
        assertEquals(1435781451781L, ApiParams.parseTime("1435781451.781"));
        assertEquals(1435781451781L, ApiParams.parseTime("1435781451.7809"));
        assertEquals(1435781451000L, ApiParams.parseTime("1435781451"));
        assertEquals(1435781451781L, ApiParams.parseTime("2015-07-01T20:10:51.781Z"));
        assertEquals(1435781451781L, ApiParams.parseTime("2015-07-01T22:10:51.781+02:00"));
        assertEquals(ApiParams.MIN_TIME_MS, ApiParams.parseTime("-292273086-05-16T16:47:06Z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiParams.parseTime("yesterday"));
        assertEquals("cannot parse \"yesterday\" to a valid timestamp", e.getMessage());
    }

    @Test
    void durationsParseAsFloatSecondsOrPrometheusDurations() {
        assertEquals(15_000, ApiParams.parseDuration("15"));
        assertEquals(1_500, ApiParams.parseDuration("1.5"));
        assertEquals(60_000, ApiParams.parseDuration("1m"));
        assertEquals(5_400_000, ApiParams.parseDuration("1h30m"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiParams.parseDuration("often"));
        assertEquals("cannot parse \"often\" to a valid duration", e.getMessage());
    }

    @Test
    void jsonEscapesAsGoDoes() {
        StringBuilder sb = new StringBuilder();
        Json.quote(sb, "a\"b\\c\n<&>\u0001");
        assertEquals("\"a\\\"b\\\\c\\n\\u003c\\u0026\\u003e\\u0001\"", sb.toString());
        Json j = new Json();
        j.beginObject().field("a", 1).name("b").beginArray().value("x").samplePair(1500, 0.5).endArray().endObject();
        assertEquals("{\"a\":1,\"b\":[\"x\",[1.5,\"0.5\"]]}", j.toString());
    }
}
