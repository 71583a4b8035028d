package org.osprey.alertmanager.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeIntervalTest {
    private static TimeInterval only(String yaml) throws ConfigException {
        AlertmanagerConfig c = ConfigLoader.parse("""
                route: {receiver: r}
                receivers: [{name: r}]
                time_intervals:
                  - name: t
                    time_intervals:
                %s""".formatted(yaml), null);
        List<TimeInterval> l = c.timeIntervals().get("t");
        assertEquals(1, l.size());
        return l.get(0);
    }

    @Test
    void businessHoursInAZone() throws Exception {
        TimeInterval t = only("""
                      - weekdays: ['monday:friday']
                        times: [{start_time: '09:00', end_time: '17:00'}]
                        location: Europe/Berlin
                """);
        // 2024-03-04 is a Monday; 08:30 UTC is 09:30 in Berlin (CET).
        assertTrue(t.contains(Instant.parse("2024-03-04T08:30:00Z")));
        assertFalse(t.contains(Instant.parse("2024-03-04T16:30:00Z")), "17:30 Berlin");
        assertFalse(t.contains(Instant.parse("2024-03-03T10:00:00Z")), "Sunday");
    }

    @Test
    void negativeDaysOfMonthMonthsAndYears() throws Exception {
        TimeInterval last = only("""
                      - days_of_month: ['-1']
                        months: ['february']
                        years: ['2024:2025']
                """);
        assertTrue(last.contains(Instant.parse("2024-02-29T12:00:00Z")), "leap day is the last day");
        assertFalse(last.contains(Instant.parse("2024-02-28T12:00:00Z")));
        assertFalse(last.contains(Instant.parse("2026-02-28T12:00:00Z")), "outside the years");
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(ConfigException.class, () -> only("      - weekdays: ['funday']\n"));
        assertThrows(ConfigException.class, () -> only("      - times: [{start_time: '10:00', end_time: '09:00'}]\n"));
        assertThrows(ConfigException.class, () -> only("      - days_of_month: ['0']\n"));
        assertThrows(ConfigException.class, () -> only("      - location: Mars/Olympus\n"));
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                route: {receiver: r, routes: [{receiver: r, mute_time_intervals: [nope]}]}
                receivers: [{name: r}]
                """, null));
    }
}
