package org.osprey.model.textparse;

import java.nio.charset.StandardCharsets;

/**
 * Parses numbers straight from bytes without building a String in the common case.
 *
 * <p>Decimal floats with at most 15 significant digits and a power of ten within 10^±22 are
 * converted exactly by one multiplication or division (both operands are exact doubles, so the
 * IEEE result is the correctly rounded value); anything longer falls back to
 * {@link Double#parseDouble}, which is also correctly rounded. Syntax is checked here first, so
 * Java-only spellings ({@code 1d}, {@code 1f}, surrounding blanks) are never accepted.
 * Thread-safe: stateless.
 */
public final class NumberSyntax {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private NumberSyntax() {
    }

    /**
     * A float as Go's {@code strconv.ParseFloat} reads it (the text format's value syntax):
     * decimal with optional sign and exponent, {@code Inf}/{@code Infinity} with optional sign and
     * {@code NaN} (both case-insensitive), and hexadecimal floats with a {@code p} exponent.
     *
     * @throws NumberFormatException when the bytes are not such a float or overflow
     */
    public static double parseGoFloat(byte[] b, int s, int e) {
        if (s >= e) {
            throw new NumberFormatException("empty");
        }
        double special = special(b, s, e);
        if (special == special || isNaNWord(b, s, e)) {
            return special;
        }
        int i = s;
        if (b[i] == '+' || b[i] == '-') {
            i++;
        }
        if (i + 1 < e && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) {
            return parseHex(b, s, e, i + 2);
        }
        double v = parseDecimal(b, s, e);
        if (Double.isInfinite(v)) {
            throw new NumberFormatException("value out of range");
        }
        return v;
    }

    /**
     * An OpenMetrics number: a decimal real number, or {@code [+-]Inf}/{@code Infinity} and
     * {@code NaN} (case-insensitive). No hexadecimal, no underscores.
     *
     * @throws NumberFormatException when the bytes are not such a number
     */
    public static double parseOpenMetricsNumber(byte[] b, int s, int e) {
        if (s >= e) {
            throw new NumberFormatException("empty");
        }
        double special = special(b, s, e);
        if (special == special || isNaNWord(b, s, e)) {
            return special;
        }
        return parseDecimal(b, s, e);
    }

    /**
     * A decimal real number: {@code [+-] digits [. digits] [e [+-] digits]} where either side of
     * the point may be empty but not both.
     *
     * @throws NumberFormatException when the bytes are not such a number
     */
    public static double parseDecimal(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '+' || b[i] == '-')) {
            neg = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int sigDigits = 0;
        int exp10 = 0;
        int digits = 0;
        boolean exact = true;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            int d = b[i] - '0';
            if (sigDigits > 0 || d != 0) {
                if (sigDigits < 18) {
                    mantissa = mantissa * 10 + d;
                } else {
                    exact = false;
                }
                sigDigits++;
            }
            digits++;
            i++;
        }
        if (sigDigits > 18) {
            exp10 += sigDigits - 18;
        }
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                int d = b[i] - '0';
                if (sigDigits > 0 || d != 0) {
                    if (sigDigits < 18) {
                        mantissa = mantissa * 10 + d;
                        exp10--;
                    } else {
                        exact = false;
                    }
                    sigDigits++;
                } else {
                    exp10--;
                }
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            throw new NumberFormatException("no digits");
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                eneg = b[i] == '-';
                i++;
            }
            int expDigits = 0;
            int ev = 0;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                if (ev < 100_000) {
                    ev = ev * 10 + (b[i] - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                throw new NumberFormatException("no exponent digits");
            }
            exp10 += eneg ? -ev : ev;
        }
        if (i != e) {
            throw new NumberFormatException("unexpected character");
        }
        if (mantissa == 0 && exact) {
            return neg ? -0.0 : 0.0;
        }
        if (exact && sigDigits <= 15 && exp10 >= -22 && exp10 <= 22) {
            double v = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
            return neg ? -v : v;
        }
        return Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
    }

    /**
     * A decimal integer with optional sign that fits in a signed 64-bit long.
     *
     * @throws NumberFormatException when the bytes are not such an integer
     */
    public static long parseLong(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '+' || b[i] == '-')) {
            neg = b[i] == '-';
            i++;
        }
        if (i == e) {
            throw new NumberFormatException("no digits");
        }
        long v = 0;
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not a digit");
            }
            // accumulate negatively so Long.MIN_VALUE fits
            if (v < (Long.MIN_VALUE + d) / 10) {
                throw new NumberFormatException("value out of range");
            }
            v = v * 10 - d;
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) {
                throw new NumberFormatException("value out of range");
            }
            v = -v;
        }
        return v;
    }

    /** ±Inf for [+-]inf / [+-]infinity, NaN for nan (case-insensitive); otherwise NaN as "no". */
    private static double special(byte[] b, int s, int e) {
        int i = s;
        double sign = 1;
        if (b[i] == '+' || b[i] == '-') {
            sign = b[i] == '-' ? -1 : 1;
            i++;
        }
        if (equalsIgnoreCase(b, i, e, "inf") || equalsIgnoreCase(b, i, e, "infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    private static boolean isNaNWord(byte[] b, int s, int e) {
        return equalsIgnoreCase(b, s, e, "nan");
    }

    private static boolean equalsIgnoreCase(byte[] b, int s, int e, String lower) {
        if (e - s != lower.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if ((b[s + k] | 0x20) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Go hex float: 0x mantissa (hex digits, optional point) and a mandatory p exponent. */
    private static double parseHex(byte[] b, int s, int e, int i) {
        int hexDigits = 0;
        boolean point = false;
        boolean exp = false;
        for (int k = i; k < e; k++) {
            int c = b[k];
            boolean hex = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
            if (hex && !exp) {
                hexDigits++;
            } else if (c == '.' && !point && !exp) {
                point = true;
            } else if ((c == 'p' || c == 'P') && !exp && hexDigits > 0) {
                exp = true;
                if (k + 1 < e && (b[k + 1] == '+' || b[k + 1] == '-')) {
                    k++;
                }
                if (k + 1 >= e) {
                    throw new NumberFormatException("no exponent digits");
                }
            } else if (exp && c >= '0' && c <= '9') {
                continue;
            } else {
                throw new NumberFormatException("bad hexadecimal float");
            }
        }
        if (!exp || hexDigits == 0) {
            throw new NumberFormatException("hexadecimal mantissa requires a 'p' exponent");
        }
        double v = Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        if (Double.isInfinite(v)) {
            throw new NumberFormatException("value out of range");
        }
        return v;
    }
}
