package org.osprey.promql.parser;

import org.osprey.promql.ErrorType;
import org.osprey.promql.PromqlException;

/**
 * Prometheus duration syntax ({@code 1h30m}, {@code 5m}, {@code 250ms}, units y w d h m s ms in
 * descending order, or {@code 0}). Thread-safe: stateless.
 */
public final class Durations {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private Durations() {
    }

    /**
     * Parses a duration into milliseconds.
     *
     * @throws PromqlException BAD_DATA when the text is not a valid duration
     */
    public static long parse(String s) {
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(s);
        }
        long total = 0;
        int i = 0;
        int lastUnit = -1;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw invalid(s);
            }
            long n;
            try {
                n = Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw invalid(s);
            }
            int unit = -1;
            for (int u = 0; u < UNITS.length; u++) {
                String name = UNITS[u];
                if (s.startsWith(name, i) && !(name.equals("m") && s.startsWith("ms", i))) {
                    unit = u;
                    i += name.length();
                    break;
                }
            }
            if (unit < 0 || unit <= lastUnit) {
                throw invalid(s);
            }
            lastUnit = unit;
            total = Math.addExact(total, Math.multiplyExact(n, UNIT_MS[unit]));
        }
        return total;
    }

    private static PromqlException invalid(String s) {
        return new PromqlException(ErrorType.BAD_DATA, "not a valid duration string: \"" + s + "\"");
    }

    /** Formats as Prometheus's model.Duration.String(): largest units first, "0s" for zero. */
    public static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        for (int u = 0; u < UNITS.length; u++) {
            // Years and weeks only when exact, as upstream does: "12w" reads better than "2mo3w".
            if (u < 2 && ms % UNIT_MS[u] != 0) {
                continue;
            }
            long n = ms / UNIT_MS[u];
            if (n > 0) {
                sb.append(n).append(UNITS[u]);
                ms -= n * UNIT_MS[u];
            }
        }
        return sb.toString();
    }
}
