package org.osprey.server.cli;

/**
 * Prometheus duration text ({@code 1y2w3d4h5m6s7ms}, units in descending order, each once; a
 * year is 365 days) to milliseconds and back. Thread-safe: stateless.
 */
public final class Durations {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {365L * 86_400_000L, 7L * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @return milliseconds, >= 0
     * @throws IllegalArgumentException with Prometheus's wording when the text is not a duration
     */
    public static long parse(String text) {
        if (text.equals("0")) {
            return 0;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
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
                throw invalid(text);
            }
            long n;
            try {
                n = Long.parseLong(text, start, pos, 10);
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            int unitStart = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            String unit = text.substring(unitStart, pos);
            int u = -1;
            for (int i = 0; i < UNITS.length; i++) {
                if (UNITS[i].equals(unit)) {
                    u = i;
                    break;
                }
            }
            if (u <= lastUnit) {
                throw invalid(text);
            }
            lastUnit = u;
            total = Math.addExact(total, Math.multiplyExact(n, MILLIS[u]));
        }
        return total;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
    }

    /** Formats milliseconds the way Prometheus prints a model.Duration (largest units first, "0s" for zero). */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        if (rest < 0) {
            sb.append('-');
            rest = -rest;
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (i < 2 && rest % MILLIS[i] != 0) {
                continue; // like upstream, years and weeks only when exact: "90d" reads better than "12w6d"
            }
            long n = rest / MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNITS[i]);
                rest -= n * MILLIS[i];
            }
        }
        return sb.toString();
    }
}
