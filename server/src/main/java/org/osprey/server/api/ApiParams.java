package org.osprey.server.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.osprey.model.value.PromDuration;

/**
 * Request parameters of one API call (query string merged with a form-encoded POST body, as Go's
 * {@code r.Form}), with Prometheus's parsers for times and durations and their error wording.
 * Thread-safe: immutable.
 */
public final class ApiParams {
    /** The minimum and maximum times Prometheus accepts and uses as defaults for open ranges. */
    public static final long MIN_TIME_MS = -9223309901257974000L; // Go: time.Unix(math.MinInt64/1000+62135596801, 0)
    public static final long MAX_TIME_MS = 9223309901257973999L; // Go: time.Unix(math.MaxInt64/1000-62135596801, 999999999)
    /** Go's formatting of Prometheus's min and max times, which clients (Grafana) send back. */
    static final String MIN_TIME_TEXT = "-292273086-05-16T16:47:06Z";
    static final String MAX_TIME_TEXT = "292277025-08-18T07:12:54.999999999Z";

    private final Map<String, List<String>> values;

    public ApiParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /** First value of the parameter, or null when absent. */
    public String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** First value, or "" when absent. */
    public String getOrEmpty(String name) {
        String v = get(name);
        return v == null ? "" : v;
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /**
     * A time parameter in ms; {@code defaultMs} when absent or empty.
     *
     * @throws ApiException bad_data {@code invalid parameter "name": cannot parse "x" to a valid timestamp}
     */
    public long time(String name, long defaultMs) {
        String s = get(name);
        if (s == null || s.isEmpty()) {
            return defaultMs;
        }
        try {
            return parseTime(s);
        } catch (IllegalArgumentException e) {
            // upstream's parseTimeParam (optional times) adds this prefix; required range bounds do not
            throw ApiException.invalidParam(name, "Invalid time value for '" + name + "': " + e.getMessage());
        }
    }

    /**
     * A duration parameter in ms (float seconds or a Prometheus duration); {@code defaultMs} when absent.
     */
    public long duration(String name, long defaultMs) {
        String s = get(name);
        if (s == null || s.isEmpty()) {
            return defaultMs;
        }
        try {
            return parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam(name, e.getMessage());
        }
    }

    /** Unix seconds with decimals (rounded to ms) or RFC 3339; Prometheus's parseTime. */
    public static long parseTime(String s) {
        if (looksNumeric(s)) {
            try {
                double d = Double.parseDouble(s);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                if (Math.abs(d) < 9e15) {
                    return new BigDecimal(s.trim()).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                }
                return d > 0 ? MAX_TIME_MS : MIN_TIME_MS;
            } catch (NumberFormatException | ArithmeticException e) {
                // fall through to RFC 3339
            }
        }
        if (s.equals(MIN_TIME_TEXT)) {
            return MIN_TIME_MS;
        }
        if (s.equals(MAX_TIME_TEXT)) {
            return MAX_TIME_MS;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(s);
            return t.toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid timestamp");
        }
    }

    private static boolean looksNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    /** Float seconds or a Prometheus duration, in ms; Prometheus's parseDuration. */
    public static long parseDuration(String s) {
        if (looksNumeric(s)) {
            try {
                double d = Double.parseDouble(s);
                double ms = d * 1000;
                if (ms > Long.MAX_VALUE / 1000.0 || ms < Long.MIN_VALUE / 1000.0) {
                    throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration. It overflows int64");
                }
                return Math.round(ms);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        try {
            return PromDuration.parseMillis(s);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration");
        }
    }
}
