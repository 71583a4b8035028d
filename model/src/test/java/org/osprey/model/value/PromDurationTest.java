package org.osprey.model.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromDurationTest {
    private static final long S = 1_000;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    private static final long D = 24 * H;

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "0, 0",
        "0s, 0",
        "0ms, 0",
        "1ms, 1",
        "250ms, 250",
        "1s, 1000",
        "1s500ms, 1500",
        "30s, 30000",
        "1m, 60000",
        "1m30s, 90000",
        "90m, 5400000",
        "1h30m, 5400000",
        "2h, 7200000",
        "1d, 86400000",
        "1w2d, 777600000",
        "1y, 31536000000",
        "1y2w3d4h5m6s7ms, 33019506007",
        "007s, 7000",
        "1000ms, 1000",
        "9223372036854ms, 9223372036854",
        "106751d23h47m16s854ms, 9223372036854",
    })
    void parsesToMillis(String text, long millis) {
        assertEquals(millis, PromDuration.parseMillis(text));
        assertEquals(Duration.ofMillis(millis), PromDuration.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is not valid")
    @ValueSource(strings = {
        "30", "s", "ms", "1.5s", "1.5h", "-1s", "+1s", "1s1m", "30m1h", "1m1m", "1ms1s", "5 s", " 5s", "5s ",
        "1sec", "10x", "1M", "1S", "1us", "1µs", "1ns", "1h-30m", "1mss", "1sm", "h1", "1y1y", "١s",
        "18446744073709551616s", "99999999999999999999999ms"})
    void rejectsMalformedWithUpstreamWording(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromDuration.parseMillis(text));
        assertEquals("not a valid duration string: \"" + text + "\"", e.getMessage());
    }

    @Test
    void rejectsEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromDuration.parseMillis(""));
        assertEquals("empty duration string", e.getMessage());
        assertThrows(NullPointerException.class, () -> PromDuration.parseMillis(null));
    }

    /** Upstream holds nanoseconds in an int64, so about 292 years is the ceiling. */
    @ParameterizedTest(name = "{0} is out of range")
    @ValueSource(strings = {"9223372036855ms", "293y", "300y", "106751d23h47m16s855ms", "9223372036854775808ms",
        "18446744073709551615ms", "292y25w"})
    void rejectsBeyondGoDurationRange(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromDuration.parseMillis(text));
        assertEquals("duration out of range", e.getMessage());
    }

    @ParameterizedTest(name = "{0} ms prints {1}")
    @CsvSource({
        "0, 0s",
        "1, 1ms",
        "999, 999ms",
        "1500, 1s500ms",
        "60000, 1m",
        "90000, 1m30s",
        "5400000, 1h30m",
        "90000000, 1d1h",
        "86400000, 1d",
        "604800000, 1w",
        "1209600000, 2w",
        // Weeks and years only when exact: 90 days stays 90d, 8 days stays 8d.
        "7776000000, 90d",
        "691200000, 8d",
        "1296000000, 15d",
        "31536000000, 1y",
        "63072000000, 2y",
        "31622400000, 366d",
        "31536000001, 365d1ms",
        "33019506007, 382d4h5m6s7ms",
        "-300000, -5m",
        "-5400000, -1h30m",
    })
    void formatsLikeModelDurationString(long millis, String text) {
        assertEquals(text, PromDuration.format(millis));
        assertEquals(text, PromDuration.format(Duration.ofMillis(millis)));
    }

    @ParameterizedTest(name = "{0} round-trips")
    @ValueSource(longs = {0, 1, 999, 1_000, 61_001, 3 * H + 7, 8 * D, 14 * D, 90 * D, 365 * D, 365 * D + 1,
        PromDuration.MAX_MILLIS})
    void formatParsesBack(long millis) {
        assertEquals(millis, PromDuration.parseMillis(PromDuration.format(millis)));
    }

    @Test
    void formatTruncatesSubMillisecondDurations() {
        assertEquals("1s", PromDuration.format(Duration.ofNanos(1_000_999_999)));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.format(Long.MIN_VALUE));
    }
}
