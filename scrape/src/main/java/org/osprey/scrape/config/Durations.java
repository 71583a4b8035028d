package org.osprey.scrape.config;

/**
 * Prometheus duration strings ({@code 1y2w3d4h5m6s7ms}, each unit at most once and in that order,
 * or a bare {@code 0}) to milliseconds, and back. Thread-safe: stateless.
 */
public final class Durations {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException with upstream's wording for empty or malformed input
     */
    public static long parseMillis(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (s.equals("0")) {
            return 0;
        }
        long total = 0;
        int pos = 0;
        int nextUnit = 0;
        while (pos < s.length()) {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == start || pos - start > 18) {
                throw invalid(s);
            }
            long n = Long.parseLong(s, start, pos, 10);
            int u = -1;
            for (int i = nextUnit; i < UNITS.length; i++) {
                String unit = UNITS[i];
                // "m" must not swallow the "m" of "ms".
                if (s.startsWith(unit, pos) && !(unit.equals("m") && s.startsWith("ms", pos))) {
                    u = i;
                    break;
                }
            }
            if (u < 0) {
                throw invalid(s);
            }
            pos += UNITS[u].length();
            total = Math.addExact(total, Math.multiplyExact(n, MILLIS[u]));
            nextUnit = u + 1;
        }
        return total;
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
    }

    /** Formats like upstream's model.Duration: largest units first, "0s" for zero. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNITS.length; i++) {
            long n = rest / MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNITS[i]);
                rest -= n * MILLIS[i];
            }
        }
        return sb.toString();
    }
}
