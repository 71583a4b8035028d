package org.osprey.alertmanager.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats Unix milliseconds as Go's time.Time marshals to JSON (RFC 3339, trailing zeros of the
 * fraction dropped, UTC as {@code Z}); 0 becomes Go's zero time {@code 0001-01-01T00:00:00Z}.
 * Thread-safe: stateless.
 */
public final class GoTime {
    public static final String ZERO = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    public static String format(long millis) {
        if (millis == 0) {
            return ZERO;
        }
        Instant t = Instant.ofEpochMilli(millis);
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int ms = (int) Math.floorMod(millis, 1000L);
        if (ms != 0) {
            String frac = String.format("%03d", ms);
            while (frac.endsWith("0")) {
                frac = frac.substring(0, frac.length() - 1);
            }
            sb.append('.').append(frac);
        }
        return sb.append('Z').toString();
    }

    private static final DateTimeFormatter API_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Formats as the v2 API does (go-openapi strfmt.DateTime, RFC 3339 with exactly three fraction
     * digits); 0 becomes {@code 0001-01-01T00:00:00.000Z}.
     */
    public static String formatApi(long millis) {
        return millis == 0 ? "0001-01-01T00:00:00.000Z" : API_MILLIS.format(Instant.ofEpochMilli(millis));
    }

    /**
     * Parses an RFC 3339 timestamp to Unix milliseconds; Go's zero time and "" give 0.
     *
     * @throws java.time.format.DateTimeParseException when malformed
     */
    public static long parse(String s) {
        if (s == null || s.isEmpty() || s.startsWith("0001-01-01T00:00:00")) {
            return 0;
        }
        return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
    }
}
