package org.osprey.alertmanager.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus model.Duration: {@code 1y2w3d4h5m6s7ms}, units in descending order, each at most once,
 * and the bare {@code 0}. Thread-safe: stateless.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L};
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private Durations() {
    }

    /**
     * Parses a duration into milliseconds.
     *
     * @throws IllegalArgumentException with upstream's wording when the text is not a duration
     */
    public static long parseMillis(String text) {
        if ("0".equals(text)) {
            return 0;
        }
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
        }
        long total = 0;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            String g = m.group(i + 1);
            if (g != null) {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNIT_MILLIS[i]));
            }
        }
        return total;
    }

    /** Formats like model.Duration.String(): largest units first, {@code 0s} for zero. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long n = rest / UNIT_MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNIT_NAMES[i]);
                rest -= n * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }
}
