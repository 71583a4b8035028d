package org.osprey.pushgateway.exposition;

import java.math.BigDecimal;

/**
 * Formats doubles exactly as the Go client's text exposition does: {@code NaN}, {@code +Inf},
 * {@code -Inf}, otherwise Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} — the shortest digits
 * that round-trip, in exponent form ({@code 1.7959e+09}, {@code 1e-07}) when the decimal exponent
 * is below -4 or at least 6. Byte-identical output is what lets scrapes and side-by-side checks
 * compare with Pushgateway 1.x. Thread-safe: stateless.
 */
public final class GoFloat {
    private GoFloat() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        // Double.toString yields the shortest round-tripping decimal since JDK 19.
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (d.precision() == 2) {
            // Java always prints two significant digits where one would round-trip (4.9E-324
            // for the smallest subnormal); Go prints the shortest (5e-324).
            BigDecimal one = d.round(new java.math.MathContext(1));
            if (one.doubleValue() == v) {
                d = one.stripTrailingZeros();
            }
        }
        String digits = d.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - d.scale(); // position of the decimal point relative to the digits
        int exp = dp - 1;
        if (exp < -4 || exp >= 6) {
            sb.append(digits.charAt(0));
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else if (dp <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-dp));
            sb.append(digits);
        } else if (dp >= nd) {
            sb.append(digits);
            sb.append("0".repeat(dp - nd));
        } else {
            sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return sb.toString();
    }

    /** A count as Go writes a uint64 when it is a whole number in range, else as a float. */
    public static String formatCount(double v) {
        if (v >= 0 && v < 9.2e18 && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return format(v);
    }
}
