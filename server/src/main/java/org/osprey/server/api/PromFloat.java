package org.osprey.server.api;

/**
 * Timestamps as Prometheus's JSON shows them: Unix seconds with up to three decimals. Sample
 * values go through {@link org.osprey.model.value.FloatFormat#formatPlain}. Thread-safe: stateless.
 */
public final class PromFloat {
    private PromFloat() {
    }

    /** Appends a timestamp (ms since epoch) as Unix seconds: {@code 1435781451.781}, {@code 1435781451}. */
    public static void appendTimestamp(StringBuilder sb, long millis) {
        long secs = Math.floorDiv(millis, 1000);
        int ms = (int) Math.floorMod(millis, 1000);
        if (millis < 0 && ms != 0) {
            // Go prints negative times as -<secs>.<ms> of the absolute value
            long abs = -millis;
            sb.append('-').append(abs / 1000);
            appendMillis(sb, (int) (abs % 1000));
            return;
        }
        sb.append(secs);
        appendMillis(sb, ms);
    }

    private static void appendMillis(StringBuilder sb, int ms) {
        if (ms == 0) {
            return;
        }
        sb.append('.');
        sb.append((char) ('0' + ms / 100));
        int rest = ms % 100;
        if (rest != 0) {
            sb.append((char) ('0' + rest / 10));
            if (rest % 10 != 0) {
                sb.append((char) ('0' + rest % 10));
            }
        }
    }

    /** The timestamp text alone. */
    public static String timestamp(long millis) {
        StringBuilder sb = new StringBuilder(16);
        appendTimestamp(sb, millis);
        return sb.toString();
    }
}
