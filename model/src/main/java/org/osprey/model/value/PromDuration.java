package org.osprey.model.value;

import java.time.Duration;

/**
 * The Prometheus duration syntax of {@code model.Duration}, the one shared parser and printer for
 * every module: configuration fields ({@code scrape_interval: 1m30s}), PromQL range and offset
 * literals, rule {@code for:} clauses, probe files and command-line flags.
 *
 * <p>Grammar: one or more {@code <digits><unit>} terms, units drawn from {@code y} (365 days),
 * {@code w} (7 days), {@code d} (24 h), {@code h}, {@code m}, {@code s}, {@code ms}, strictly in
 * that descending order and each at most once ({@code 1y2w3d4h5m6s7ms}), or the bare {@code 0}.
 * Digits are ASCII only; there is no sign, no fraction ({@code 1.5h}), no space and none of Go's
 * {@code time.ParseDuration} units ({@code us}, {@code µs}, {@code ns}). Upstream holds the value in
 * a Go {@code time.Duration} (int64 nanoseconds), so the largest accepted duration is
 * {@link #MAX_MILLIS} ms (about 292 years); everything is handled in whole milliseconds.
 *
 * <p>Errors are {@link IllegalArgumentException}s worded as upstream's: {@code empty duration
 * string}, {@code not a valid duration string: "<text>"} (also for unknown units, as Prometheus 2.x
 * and the 3.x config loader report them) and {@code duration out of range}. Modules that need another
 * exception type wrap these calls; none re-implements the grammar.
 *
 * <p>Thread-safe: stateless.
 */
public final class PromDuration {
    /** The largest duration upstream can hold: {@code 2^63-1} nanoseconds, in whole milliseconds. */
    public static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long DAY = 86_400_000L;
    private static final long[] UNIT_MILLIS = {365 * DAY, 7 * DAY, DAY, 3_600_000L, 60_000L, 1_000L, 1L};
    /** Index of "w": units before it are printed only when they divide the value exactly. */
    private static final int FIRST_INEXACT_UNIT = 2;

    private PromDuration() {
    }

    /**
     * Parses a duration to milliseconds.
     *
     * @param text the duration, e.g. {@code 1h30m}, {@code 250ms} or {@code 0}
     * @return milliseconds in {@code [0, MAX_MILLIS]}
     * @throws IllegalArgumentException {@code empty duration string} for {@code ""}; {@code not a
     *     valid duration string: "<text>"} for bad syntax (missing digits or unit, unknown unit, units
     *     repeated or out of order, more digits than an unsigned 64-bit number holds); {@code duration
     *     out of range} above {@link #MAX_MILLIS}
     * @throws NullPointerException if text is null
     */
    public static long parseMillis(String text) {
        if (text.equals("0")) {
            return 0;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        long total = 0;
        int pos = 0;
        int lastUnit = -1;
        int len = text.length();
        while (pos < len) {
            int digitsStart = pos;
            while (pos < len && isDigit(text.charAt(pos))) {
                pos++;
            }
            int unitStart = pos;
            while (pos < len && !isDigit(text.charAt(pos))) {
                pos++;
            }
            if (unitStart == digitsStart || pos == unitStart) {
                throw notValid(text);
            }
            int unit = unitIndex(text, unitStart, pos);
            if (unit <= lastUnit) { // also catches unknown units (-1): sizes must strictly descend
                throw notValid(text);
            }
            lastUnit = unit;
            long n;
            try {
                // Unsigned like upstream's ParseUint: 2^63..2^64-1 is "out of range", not "not valid".
                n = Long.parseUnsignedLong(text, digitsStart, unitStart, 10);
            } catch (NumberFormatException e) {
                throw notValid(text);
            }
            if (Long.compareUnsigned(n, MAX_MILLIS / UNIT_MILLIS[unit]) > 0) {
                throw outOfRange();
            }
            total += n * UNIT_MILLIS[unit]; // both terms <= MAX_MILLIS, so no long overflow
            if (total > MAX_MILLIS) {
                throw outOfRange();
            }
        }
        return total;
    }

    /**
     * Parses a duration to a {@link Duration}; same grammar, range and exceptions as
     * {@link #parseMillis(String)}.
     */
    public static Duration parse(String text) {
        return Duration.ofMillis(parseMillis(text));
    }

    /**
     * Formats milliseconds as upstream's {@code model.Duration.String()}: largest units first, each
     * non-zero unit once, {@code y} and {@code w} only when they divide the whole value (so 90 days
     * prints {@code 90d}, not {@code 12w6d}; 14 days prints {@code 2w}), and {@code 0s} for zero.
     * Negative values (PromQL offsets) print as {@code -} followed by the positive form, where upstream
     * would print nothing useful. The result parses back to the same value when it is not negative.
     *
     * @throws IllegalArgumentException for {@link Long#MIN_VALUE}, which has no positive form
     */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        if (millis == Long.MIN_VALUE) {
            throw new IllegalArgumentException("duration out of range");
        }
        StringBuilder sb = new StringBuilder(16);
        long rest = millis;
        if (rest < 0) {
            sb.append('-');
            rest = -rest;
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (i < FIRST_INEXACT_UNIT && rest % UNIT_MILLIS[i] != 0) {
                continue;
            }
            long n = rest / UNIT_MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNITS[i]);
                rest -= n * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }

    /**
     * Formats a {@link Duration} truncated to whole milliseconds, as {@link #format(long)}.
     *
     * @throws ArithmeticException if the duration does not fit a long of milliseconds
     */
    public static String format(Duration d) {
        return format(d.toMillis());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The unit index of text[from, to), or -1 when it names no unit. */
    private static int unitIndex(String text, int from, int to) {
        for (int i = 0; i < UNITS.length; i++) {
            String u = UNITS[i];
            if (u.length() == to - from && text.startsWith(u, from)) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException notValid(String text) {
        return new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
    }

    private static IllegalArgumentException outOfRange() {
        return new IllegalArgumentException("duration out of range");
    }
}
