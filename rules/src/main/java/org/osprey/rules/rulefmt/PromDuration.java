package org.osprey.rules.rulefmt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's {@code model.Duration} text form ({@code 1y2w3d4h5m6s7ms}, or {@code 0}) in
 * milliseconds, with its parse error wording and its canonical print form. Thread-safe: stateless.
 */
public final class PromDuration {
    private static final Pattern PATTERN = Pattern.compile(
            "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$");
    private static final long[] UNIT_MS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
    };
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private PromDuration() {
    }

    /**
     * Parses a duration.
     *
     * @return milliseconds, never negative
     * @throws IllegalArgumentException with Prometheus's message ({@code not a valid duration string: "x"})
     */
    public static long parse(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (s.equals("0")) {
            return 0;
        }
        Matcher m = PATTERN.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
        }
        long total = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            String g = m.group(i + 1);
            if (g == null) {
                continue;
            }
            long n;
            try {
                n = Long.parseLong(g);
                total = Math.addExact(total, Math.multiplyExact(n, UNIT_MS[i]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration out of range");
            }
        }
        return total;
    }

    /** The canonical form Prometheus prints ({@code 1h30m}, {@code 0s}). */
    public static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = ms;
        if (rest < 0) {
            sb.append('-');
            rest = -rest;
        }
        for (int i = 0; i < UNIT_MS.length; i++) {
            // Years and weeks only when exact: "90d" reads better than "12w6d".
            if (i < 2 && rest % UNIT_MS[i] != 0) {
                continue;
            }
            long n = rest / UNIT_MS[i];
            if (n > 0) {
                sb.append(n).append(UNIT_NAMES[i]);
                rest -= n * UNIT_MS[i];
            }
        }
        return sb.toString();
    }
}
