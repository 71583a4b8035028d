package org.osprey.model.value;

/**
 * The one home of Go's shortest round-trip float printing ({@code strconv.FormatFloat(v, fmt, -1,
 * 64)}) as Prometheus's outputs use it; every module formats floats through here. The variants
 * differ on purpose, each where upstream differs:
 * <ul>
 *   <li>{@link #append}/{@link #format}: the text exposition format, {@code 'g'}: exponent form
 *       ({@code 1.234567e+06}, two-digit minimum exponent) when the decimal exponent is below -4 or
 *       at least 6, else plain ({@code 0.001}, {@code 123456}); both zeros print {@code 0}.</li>
 *   <li>{@link #appendOpenMetrics}: as {@code append}, but integral values get {@code .0}.</li>
 *   <li>{@link #formatG}: {@code 'g'} keeping the sign of zero ({@code -0}), as Go's {@code %v}
 *       and strconv print it (PromQL expression printing, Pushgateway JSON).</li>
 *   <li>{@link #appendPlain}/{@link #formatPlain}: {@code 'f'}, never an exponent
 *       ({@code 1e21} prints {@code 1000000000000000000000}), {@code -0} kept: the HTTP API's JSON
 *       sample values and PromQL's label values and messages.</li>
 *   <li>{@link #formatExponent}: {@code 'e'}, always an exponent ({@code 1e+00}): alert values in
 *       the API.</li>
 * </ul>
 * All spell infinities {@code +Inf} and {@code -Inf} and NaN {@code NaN}. Relies on
 * {@link Double#toString(double)} producing the shortest round-trip digits (JDK 19 and later).
 * Thread-safe: stateless.
 */
public final class FloatFormat {
    /** Integral values below this print by the long fast path in 'f' form (exact in a double). */
    private static final double PLAIN_INTEGER_LIMIT = 1e15;

    private FloatFormat() {
    }

    /** The text exposition form; see the class comment. */
    public static String format(double v) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, v);
        return sb.toString();
    }

    /** Appends v in the text exposition form ({@code 'g'}, both zeros as {@code 0}). */
    public static void append(StringBuilder sb, double v) {
        appendShortest(sb, v, false, false); // Prometheus writes 0 for both zeros
    }

    /**
     * Appends v as the OpenMetrics writer of Prometheus's expfmt does: like {@link #append} but an
     * integral finite value gets a {@code .0} so it reads as a float ({@code 1.0}, {@code 1e+06}
     * stays as is).
     */
    public static void appendOpenMetrics(StringBuilder sb, double v) {
        int start = sb.length();
        append(sb, v);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return;
        }
        for (int i = start; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (c == '.' || c == 'e') {
                return;
            }
        }
        sb.append(".0");
    }

    /** Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} exactly: as {@link #format} but {@code -0} for negative zero. */
    public static String formatG(double v) {
        return isNegativeZero(v) ? "-0" : format(v);
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent, {@code -0} kept. */
    public static String formatPlain(double v) {
        StringBuilder sb = new StringBuilder(24);
        appendPlain(sb, v);
        return sb.toString();
    }

    /** Appends v as {@link #formatPlain} does. */
    public static void appendPlain(StringBuilder sb, double v) {
        appendShortest(sb, v, true, true);
    }

    /** The 'g' (plain false) or 'f' (plain true) form; signedZero keeps "-0". */
    private static void appendShortest(StringBuilder sb, double v, boolean signedZero, boolean plain) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "+Inf" : "-Inf");
            return;
        }
        if (v == 0) {
            sb.append(signedZero && isNegativeZero(v) ? "-0" : "0");
            return;
        }
        // Integers below the form's exponent threshold print as they are, without digit work.
        if (v == Math.rint(v) && Math.abs(v) < (plain ? PLAIN_INTEGER_LIMIT : 1e6)) {
            sb.append((long) v);
            return;
        }
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        StringBuilder digits = new StringBuilder(20);
        int pointPos = shortestDigits(v, digits);
        int x = pointPos - 1;
        if (!plain && (x < -4 || x >= 6)) {
            appendExponentForm(sb, digits, x);
        } else {
            appendPlainForm(sb, digits, pointPos);
        }
    }

    /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: {@code 1e+00}, {@code 1.5e-07}, {@code -0e+00}. */
    public static String formatExponent(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return isNegativeZero(v) ? "-0e+00" : "0e+00";
        }
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        StringBuilder digits = new StringBuilder(20);
        int pointPos = shortestDigits(v, digits);
        appendExponentForm(sb, digits, pointPos - 1);
        return sb.toString();
    }

    private static boolean isNegativeZero(double v) {
        return Double.doubleToRawLongBits(v) == Long.MIN_VALUE;
    }

    /**
     * Puts the shortest round-trip digits of v (positive, finite) into digits, without leading or
     * trailing zeros, and returns the point position p such that v = 0.d1d2... * 10^p.
     */
    private static int shortestDigits(double v, StringBuilder digits) {
        String s = Double.toString(v);
        int ePos = s.indexOf('E');
        int exp = 0;
        String mantissa = s;
        if (ePos >= 0) {
            exp = Integer.parseInt(s, ePos + 1, s.length(), 10);
            mantissa = s.substring(0, ePos);
        }
        int dot = mantissa.indexOf('.');
        digits.append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
        int pointPos = dot + exp;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        pointPos -= lead;
        int n = digits.length();
        while (n > 1 && digits.charAt(n - 1) == '0') {
            n--;
        }
        digits.setLength(n);
        if (n == 2) {
            // Java keeps two digits when one would do but two are closer (4.9E-324); Go prints
            // the shortest, so try the one-digit rounding.
            int d = digits.charAt(0) - '0' + (digits.charAt(1) >= '5' ? 1 : 0);
            int pp = pointPos;
            if (d == 10) {
                d = 1;
                pp++;
            }
            if (Double.parseDouble(d + "E" + (pp - 1)) == v) {
                digits.setLength(0);
                digits.append((char) ('0' + d));
                pointPos = pp;
            }
        }
        return pointPos;
    }

    /** d1[.d2...]e±XX with decimal exponent x. */
    private static void appendExponentForm(StringBuilder sb, CharSequence digits, int x) {
        int n = digits.length();
        sb.append(digits.charAt(0));
        if (n > 1) {
            sb.append('.').append(digits, 1, n);
        }
        sb.append('e').append(x < 0 ? '-' : '+');
        int ax = Math.abs(x);
        if (ax < 10) {
            sb.append('0');
        }
        sb.append(ax);
    }

    /** The digits with the point at pointPos, padded with zeros on either side as needed. */
    private static void appendPlainForm(StringBuilder sb, CharSequence digits, int pointPos) {
        int n = digits.length();
        if (pointPos <= 0) {
            sb.append("0.");
            for (int i = pointPos; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (pointPos >= n) {
            sb.append(digits);
            for (int i = n; i < pointPos; i++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, n);
        }
    }
}
