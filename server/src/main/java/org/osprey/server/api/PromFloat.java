package org.osprey.server.api;

import java.math.BigDecimal;

/**
 * Floats and timestamps as Prometheus's JSON shows them: values as Go's
 * {@code strconv.FormatFloat(v, 'f', -1, 64)} (shortest digits that round-trip, never an
 * exponent) with {@code +Inf}, {@code -Inf}, {@code NaN}; timestamps as Unix seconds with up to
 * three decimals. Thread-safe: stateless.
 */
public final class PromFloat {
    private PromFloat() {
    }

    /** The value text, e.g. {@code 1}, {@code 0.1}, {@code 1e+21} never (→ {@code 1000000000000000000000}). */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // Double.toString yields the shortest round-trip digits (JDK 19+); BigDecimal re-prints them without exponent.
        String plain = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return plain;
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

    /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: {@code 1e+00}, {@code 1.5e-07}; used for alert values. */
    public static String formatExp(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0e+00" : "0e+00";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        sb.append(a);
        return sb.toString();
    }
}
