package org.osprey.probes.config;

import java.time.Duration;

/**
 * Parses and formats durations in the Prometheus syntax ({@code 30s}, {@code 1m30s}, {@code 250ms},
 * {@code 1h}, {@code 2d}, {@code 1w}, {@code 1y}), so a probe file reads like {@code prometheus.yml}.
 * Units must appear largest first and at most once; {@code 0} alone is allowed. Thread-safe: stateless.
 */
public final class PromDuration {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {365L * 86_400_000L, 7L * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private PromDuration() {
    }

    /**
     * @param text the duration text, e.g. {@code 1m30s}
     * @return the duration, never negative
     * @throws IllegalArgumentException with the Prometheus wording when the text is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        long total = 0;
        int pos = 0;
        int lastUnit = -1;
        while (pos < text.length()) {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw notValid(text);
            }
            long n;
            try {
                n = Long.parseLong(text, start, pos, 10);
            } catch (NumberFormatException e) {
                throw notValid(text);
            }
            int unit = unitAt(text, pos);
            // "largest first, each once" mirrors Prometheus' regexp-based grammar.
            if (unit < 0 || unit <= lastUnit) {
                throw notValid(text);
            }
            pos += UNITS[unit].length();
            lastUnit = unit;
            try {
                total = Math.addExact(total, Math.multiplyExact(n, UNIT_MILLIS[unit]));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("duration out of range: \"" + text + "\"");
            }
        }
        return Duration.ofMillis(total);
    }

    private static int unitAt(String text, int pos) {
        if (text.startsWith("ms", pos)) {
            return 6;
        }
        if (pos >= text.length()) {
            return -1;
        }
        return switch (text.charAt(pos)) {
            case 'y' -> 0;
            case 'w' -> 1;
            case 'd' -> 2;
            case 'h' -> 3;
            case 'm' -> 4;
            case 's' -> 5;
            default -> -1;
        };
    }

    private static IllegalArgumentException notValid(String text) {
        return new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
    }

    /** Formats like Prometheus' {@code model.Duration.String()}: {@code 1m30s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            long n = ms / UNIT_MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNITS[i]);
                ms -= n * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }
}
