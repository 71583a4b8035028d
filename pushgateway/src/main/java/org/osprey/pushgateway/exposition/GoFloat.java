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
        append(sb, v);
        return sb.toString();
    }

    /** Appends {@link #format(double)} of a finite, non-zero value without building a BigDecimal. */
    private static void append(StringBuilder sb, double v) {
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        if (v < 1e6 && v == Math.rint(v)) {
            sb.append((long) v); // the common case: small whole numbers print as integers
            return;
        }
        // Double.toString yields the shortest round-tripping decimal since JDK 19, as
        // "ddd.ddd" or "d.dddE[-]n"; take its digits and decimal-point position.
        String t = Double.toString(v);
        int e = t.indexOf('E');
        String mantissa = e < 0 ? t : t.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(t.substring(e + 1));
        int dot = mantissa.indexOf('.');
        StringBuilder digitsBuf = new StringBuilder(mantissa.length());
        digitsBuf.append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
        int dp = dot + exp10;
        int lead = 0;
        while (lead < digitsBuf.length() - 1 && digitsBuf.charAt(lead) == '0') {
            lead++;
        }
        dp -= lead;
        int trail = digitsBuf.length();
        while (trail > lead + 1 && digitsBuf.charAt(trail - 1) == '0') {
            trail--;
        }
        String digits = digitsBuf.substring(lead, trail);
        if (digits.length() == 2 && v < Double.MIN_NORMAL) {
            // Java prints two significant digits where one would round-trip (4.9E-324 for the
            // smallest subnormal); Go prints the shortest (5e-324).
            BigDecimal one = new BigDecimal(t).round(new java.math.MathContext(1));
            if (one.doubleValue() == v) {
                BigDecimal stripped = one.stripTrailingZeros();
                digits = stripped.unscaledValue().toString();
                dp = digits.length() - stripped.scale();
            }
        }
        int nd = digits.length();
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
    }

    /** A count as Go writes a uint64 when it is a whole number in range, else as a float. */
    public static String formatCount(double v) {
        if (v >= 0 && v < 9.2e18 && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return format(v);
    }
}
