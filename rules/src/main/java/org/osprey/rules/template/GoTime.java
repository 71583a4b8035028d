package org.osprey.rules.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's {@code time.Time.String()} (UTC) and {@code time.Duration.String()} forms. Thread-safe: stateless. */
public final class GoTime {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    /** {@code 2006-01-02 15:04:05.999999999 +0000 UTC}: fraction without trailing zeros. */
    public static String timeString(long epochMillis) {
        Instant i = Instant.ofEpochMilli(epochMillis);
        StringBuilder sb = new StringBuilder(DATE_TIME.format(i));
        int nanos = i.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos).replaceAll("0+$", "");
            sb.append('.').append(frac);
        }
        return sb.append(" +0000 UTC").toString();
    }

    /** Go's Duration.String: {@code 72h3m0.5s}, {@code 1.5s}, {@code 100ms}, {@code 1µs}, {@code 0s}. */
    public static String durationString(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart; Go prints it specially.
        if (nanos == Long.MIN_VALUE) {
            return "-2562047h47m16.854775808s";
        }
        long u = Math.abs(nanos);
        StringBuilder sb = new StringBuilder();
        if (u < 1_000_000_000L) {
            String unit;
            long div;
            if (u < 1000) {
                return (neg ? "-" : "") + u + "ns";
            } else if (u < 1_000_000) {
                unit = "µs";
                div = 1000;
            } else {
                unit = "ms";
                div = 1_000_000;
            }
            sb.append(fraction(u, div)).append(unit);
        } else {
            long secs = u / 1_000_000_000L;
            long h = secs / 3600;
            long m = (secs / 60) % 60;
            if (h > 0) {
                sb.append(h).append('h');
            }
            if (h > 0 || m > 0) {
                sb.append(m).append('m');
            }
            sb.append(fraction(u % 60_000_000_000L, 1_000_000_000L)).append('s');
        }
        return (neg ? "-" : "") + sb;
    }

    private static String fraction(long v, long div) {
        long whole = v / div;
        long rest = v % div;
        if (rest == 0) {
            return Long.toString(whole);
        }
        int width = Long.toString(div).length() - 1;
        String frac = String.format("%0" + width + "d", rest).replaceAll("0+$", "");
        return whole + "." + frac;
    }
}
