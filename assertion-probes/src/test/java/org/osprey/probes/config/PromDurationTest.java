package org.osprey.probes.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromDurationTest {
    @Test
    void parsesPrometheusUnits() {
        assertEquals(Duration.ofSeconds(30), PromDuration.parse("30s"));
        assertEquals(Duration.ofMinutes(1), PromDuration.parse("1m"));
        assertEquals(Duration.ofSeconds(90), PromDuration.parse("1m30s"));
        assertEquals(Duration.ofMillis(250), PromDuration.parse("250ms"));
        assertEquals(Duration.ofMillis(1500), PromDuration.parse("1s500ms"));
        assertEquals(Duration.ofDays(9), PromDuration.parse("1w2d"));
        assertEquals(Duration.ofDays(365), PromDuration.parse("1y"));
        assertEquals(Duration.ZERO, PromDuration.parse("0"));
        assertEquals(Duration.ofHours(2), PromDuration.parse("2h"));
    }

    @Test
    void rejectsWhatPrometheusRejects() {
        for (String bad : new String[] {"", "30", "1.5s", "s", "-1s", "1s1m", "1m1m", "5 s", "1sec", "10x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromDuration.parse(bad), bad);
            if (!bad.isEmpty()) {
                assertEquals("not a valid duration string: \"" + bad + "\"", e.getMessage());
            }
        }
    }

    @Test
    void formatsLikePrometheus() {
        assertEquals("1m30s", PromDuration.format(Duration.ofSeconds(90)));
        assertEquals("250ms", PromDuration.format(Duration.ofMillis(250)));
        assertEquals("0s", PromDuration.format(Duration.ZERO));
        assertEquals("1d1h", PromDuration.format(Duration.ofHours(25)));
    }
}
