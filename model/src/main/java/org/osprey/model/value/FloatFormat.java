package org.osprey.model.value;

/**
 * Formats doubles as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} does, which is how the
 * Prometheus text format writes values: the shortest decimal that round-trips, in exponent form
 * ({@code 1.234567e+06}, two-digit minimum exponent) when the decimal exponent is below -4 or at
 * least 6, else plain ({@code 0.001}, {@code 123456}); {@code +Inf}, {@code -Inf} and {@code NaN}
 * as Prometheus spells them. Relies on {@link Double#toString(double)} producing the shortest
 * round-trip digits (JDK 19 and later). Lives here so parsers and writers share it without a
 * package cycle; {@code textformat.GoFloat} is the writers' face of it. Thread-safe: stateless.
 */
public final class FloatFormat {
    private FloatFormat() {
    }

    public static String format(double v) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, v);
        return sb.toString();
    }

    /** Appends v formatted as described in the class comment. */
    public static void append(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "+Inf" : "-Inf");
            return;
        }
        if (v == 0) {
            sb.append('0'); // Prometheus writes 0 for both zeros
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            sb.append((long) v);
            return;
        }
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        String s = Double.toString(v);
        int ePos = s.indexOf('E');
        int exp = 0;
        String mantissa = s;
        if (ePos >= 0) {
            exp = Integer.parseInt(s, ePos + 1, s.length(), 10);
            mantissa = s.substring(0, ePos);
        }
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(20);
        digits.append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
        int pointPos = dot + exp; // value = 0.d1d2... * 10^pointPos once leading zeros go
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
                n = 1;
                pointPos = pp;
            }
        }
        int x = pointPos - 1;
        if (x < -4 || x >= 6) {
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
        } else if (pointPos <= 0) {
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
}
