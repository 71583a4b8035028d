package org.osprey.alertmanager.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry of a named time interval: a time is inside when every non-empty field contains it
 * (times of day, weekdays, days of month incl. negative days, months, years), in {@code zone}.
 * Thread-safe: immutable.
 */
public record TimeInterval(List<int[]> timesMinutes, List<int[]> weekdays, List<int[]> daysOfMonth, List<int[]> months,
        List<int[]> years, ZoneId zone) {
    private static final List<String> WEEKDAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");

    /** True when the instant falls inside this interval. */
    public boolean contains(Instant instant) {
        ZonedDateTime t = instant.atZone(zone);
        if (!timesMinutes.isEmpty()) {
            int minute = t.getHour() * 60 + t.getMinute();
            if (!anyRange(timesMinutes, minute, true)) {
                return false;
            }
        }
        if (!weekdays.isEmpty()) {
            int wd = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue();
            if (!anyRange(weekdays, wd, false)) {
                return false;
            }
        }
        if (!daysOfMonth.isEmpty()) {
            int len = YearMonth.from(t).lengthOfMonth();
            boolean in = false;
            for (int[] r : daysOfMonth) {
                int b = r[0] < 0 ? len + r[0] + 1 : r[0];
                int e = r[1] < 0 ? len + r[1] + 1 : r[1];
                if (t.getDayOfMonth() >= Math.max(b, 1) && t.getDayOfMonth() <= Math.min(e, len)) {
                    in = true;
                    break;
                }
            }
            if (!in) {
                return false;
            }
        }
        if (!months.isEmpty() && !anyRange(months, t.getMonthValue(), false)) {
            return false;
        }
        return years.isEmpty() || anyRange(years, t.getYear(), false);
    }

    private static boolean anyRange(List<int[]> ranges, int v, boolean endExclusive) {
        for (int[] r : ranges) {
            if (v >= r[0] && (endExclusive ? v < r[1] : v <= r[1])) {
                return true;
            }
        }
        return false;
    }

    /** Parses one entry of a {@code time_intervals[].time_intervals} list. */
    static TimeInterval parse(Object node) throws ConfigException {
        YamlMap m = YamlMap.of(node, "timeinterval.TimeInterval",
                java.util.Set.of("times", "weekdays", "days_of_month", "months", "years", "location"));
        List<int[]> times = new ArrayList<>();
        for (Object t : m.list("times")) {
            YamlMap tm = YamlMap.of(t, "timeinterval.TimeRange", java.util.Set.of("start_time", "end_time"));
            int start = clock(tm.str("start_time"), false);
            int end = clock(tm.str("end_time"), true);
            if (start >= end) {
                throw new ConfigException("start time cannot be equal or greater than end time");
            }
            times.add(new int[] {start, end});
        }
        List<int[]> weekdays = ranges(m.strings("weekdays"), "weekday", s -> named(s, WEEKDAYS, 0, "weekday"), 0, 6);
        List<int[]> days = ranges(m.strings("days_of_month"), "day of month", MonthDay::parse, -31, 31);
        for (int[] d : days) {
            if (d[0] == 0 || d[1] == 0) {
                throw new ConfigException("0 is not a valid day of the month");
            }
            if ((d[0] > 0) == (d[1] > 0) && d[0] > d[1]) {
                throw new ConfigException("start day cannot be greater than end day");
            }
        }
        List<int[]> months = ranges(m.strings("months"), "month", s -> named(s, MONTHS, 1, "month"), 1, 12);
        List<int[]> years = ranges(m.strings("years"), "year", Integer::parseInt, 0, Integer.MAX_VALUE);
        ZoneId zone = ZoneId.of("UTC");
        String loc = m.str("location");
        if (!loc.isEmpty()) {
            try {
                zone = "Local".equals(loc) ? ZoneId.systemDefault() : ZoneId.of(loc);
            } catch (RuntimeException e) {
                throw new ConfigException("unknown time zone " + loc);
            }
        }
        return new TimeInterval(times, weekdays, days, months, years, zone);
    }

    private interface Part {
        int parse(String s) throws ConfigException;
    }

    private static final class MonthDay {
        static int parse(String s) throws ConfigException {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new ConfigException("invalid day of month: " + s);
            }
        }
    }

    private static int named(String s, List<String> names, int base, String what) throws ConfigException {
        String l = s.toLowerCase(Locale.ROOT);
        int i = names.indexOf(l);
        if (i >= 0) {
            return i + base;
        }
        if (base == 1) {
            try {
                int n = Integer.parseInt(s);
                if (n >= 1 && n <= 12) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw new ConfigException(s + " is not a valid " + what);
    }

    private static List<int[]> ranges(List<String> specs, String what, Part part, int min, int max) throws ConfigException {
        List<int[]> out = new ArrayList<>();
        for (String spec : specs) {
            if (spec == null || spec.isBlank()) {
                throw new ConfigException("empty " + what + " range");
            }
            int colon = spec.indexOf(':', 1);
            int b;
            int e;
            try {
                if (colon < 0) {
                    b = part.parse(spec.strip());
                    e = b;
                } else {
                    b = part.parse(spec.substring(0, colon).strip());
                    e = part.parse(spec.substring(colon + 1).strip());
                }
            } catch (NumberFormatException ex) {
                throw new ConfigException("invalid " + what + " range: " + spec);
            }
            if (b < min || b > max || e < min || e > max) {
                throw new ConfigException(what + " range " + spec + " is out of bounds");
            }
            if (!"day of month".equals(what) && b > e) {
                throw new ConfigException("start " + what + " cannot be greater than end " + what + ": " + spec);
            }
            out.add(new int[] {b, e});
        }
        return out;
    }

    private static int clock(String s, boolean end) throws ConfigException {
        if (!s.matches("\\d{1,2}:\\d{2}")) {
            throw new ConfigException("couldn't parse timestamp " + s + ", invalid format");
        }
        int h = Integer.parseInt(s.substring(0, s.indexOf(':')));
        int min = Integer.parseInt(s.substring(s.indexOf(':') + 1));
        if (h > 24 || min > 59 || (h == 24 && (min != 0 || !end))) {
            throw new ConfigException("timestamp " + s + " out of range");
        }
        return h * 60 + min;
    }
}
