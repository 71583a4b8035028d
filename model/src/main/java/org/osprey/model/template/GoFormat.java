package org.osprey.model.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code fmt} formatting (Sprint, Sprintln, Sprintf) and {@code strconv.FormatFloat} over the
 * template data model, so template output matches a Go program byte for byte: {@code 1e+06},
 * {@code 0.5}, {@code %!d(string=x)}, {@code map[a:1 b:2]}.
 *
 * <p>Java values stand for Go values as described in {@link Template}: Long/Integer are {@code int},
 * Double/Float are {@code float64}, null is a nil interface. Thread-safe: stateless.
 */
public final class GoFormat {
    private GoFormat() {
    }

    /** {@code fmt.Sprint}: operands formatted with %v, a space between two operands when neither is a string. */
    public static String sprint(Object... args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            boolean isString = args[i] instanceof String;
            if (i > 0 && !isString && !(args[i - 1] instanceof String)) {
                sb.append(' ');
            }
            formatValue(sb, args[i], 'v', new Spec());
        }
        return sb.toString();
    }

    /** {@code fmt.Sprintln}: operands formatted with %v, always space separated, newline appended. */
    public static String sprintln(Object... args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            formatValue(sb, args[i], 'v', new Spec());
        }
        return sb.append('\n').toString();
    }

    /** The %v text of one value ({@code fmt.Sprint(v)}); null gives {@code <nil>}. */
    public static String toString(Object v) {
        if (v instanceof String s) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        formatValue(sb, v, 'v', new Spec());
        return sb.toString();
    }

    /** Go's type name of a value as fmt prints it in bad-verb markers ({@code int}, {@code float64}, ...). */
    public static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof TemplateObject o) {
            return o.typeName();
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return "int";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Float) {
            return "float32";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Map<?, ?> m) {
            return (ZeroValue.of(m) instanceof String) ? "map[string]string" : "map[string]interface {}";
        }
        if (v instanceof Collection<?>) {
            return "[]interface {}";
        }
        return v.getClass().getSimpleName();
    }

    /** {@code fmt.Sprintf} with Go's verbs, flags, width, precision, argument indexes and error markers. */
    public static String sprintf(String format, Object... args) {
        StringBuilder sb = new StringBuilder();
        int argNum = 0;
        boolean reordered = false;
        boolean afterIndex;
        int n = format.length();
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && format.charAt(i) != '%') {
                i++;
            }
            sb.append(format, start, i);
            if (i >= n) {
                break;
            }
            i++; // skip %
            Spec spec = new Spec();
            // flags
            flags:
            while (i < n) {
                switch (format.charAt(i)) {
                    case '#' -> spec.sharp = true;
                    case '0' -> spec.zero = true;
                    case '+' -> spec.plus = true;
                    case '-' -> spec.minus = true;
                    case ' ' -> spec.space = true;
                    default -> {
                        break flags;
                    }
                }
                i++;
            }
            // argument index
            int[] idx = argIndex(format, i, argNum, args.length);
            if (idx != null) {
                i = idx[0];
                argNum = idx[1];
                reordered = true;
                afterIndex = idx[2] == 1;
            } else {
                afterIndex = false;
            }
            // width
            if (i < n && format.charAt(i) == '*') {
                i++;
                if (argNum < args.length && isInt(args[argNum])) {
                    long w = ((Number) args[argNum]).longValue();
                    if (w < 0) {
                        spec.minus = true;
                        w = -w;
                    }
                    spec.width = (int) Math.min(w, 1_000_000);
                } else {
                    sb.append("%!(BADWIDTH)");
                }
                argNum++;
                afterIndex = false;
            } else {
                int s = i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > s) {
                    spec.width = parseSmallInt(format, s, i);
                    if (afterIndex) {
                        sb.append("%!(BADINDEX)"); // Go: an index must come right before the verb or '*'
                    }
                }
            }
            // precision
            if (i + 1 <= n && i < n && format.charAt(i) == '.') {
                i++;
                if (afterIndex) {
                    sb.append("%!(BADINDEX)");
                }
                idx = argIndex(format, i, argNum, args.length);
                if (idx != null) {
                    i = idx[0];
                    argNum = idx[1];
                    reordered = true;
                    afterIndex = idx[2] == 1;
                }
                if (i < n && format.charAt(i) == '*') {
                    i++;
                    if (argNum < args.length && isInt(args[argNum])) {
                        long p = ((Number) args[argNum]).longValue();
                        spec.prec = p < 0 ? -1 : (int) Math.min(p, 1_000_000);
                    } else {
                        sb.append("%!(BADPREC)");
                    }
                    argNum++;
                    afterIndex = false;
                } else {
                    int s = i;
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    spec.prec = i > s ? parseSmallInt(format, s, i) : 0;
                }
            }
            if (!afterIndex) {
                idx = argIndex(format, i, argNum, args.length);
                if (idx != null) {
                    i = idx[0];
                    argNum = idx[1];
                    reordered = true;
                }
            }
            if (i >= n) {
                sb.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                sb.append('%');
                continue;
            }
            if (argNum >= args.length) {
                sb.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            if (spec.minus) {
                spec.zero = false; // Go: '-' overrides '0'
            }
            formatValue(sb, args[argNum], verb, spec);
            argNum++;
        }
        if (!reordered && argNum < args.length) {
            sb.append("%!(EXTRA ");
            for (int k = argNum; k < args.length; k++) {
                if (k > argNum) {
                    sb.append(", ");
                }
                Object a = args[k];
                if (a == null) {
                    sb.append("<nil>");
                } else {
                    sb.append(typeName(a)).append('=');
                    formatValue(sb, a, 'v', new Spec());
                }
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static int parseSmallInt(String s, int from, int to) {
        long v = 0;
        for (int k = from; k < to; k++) {
            v = Math.min(v * 10 + (s.charAt(k) - '0'), 1_000_000);
        }
        return (int) v;
    }

    /** Parses {@code [n]} at i; returns {newPos, newArgNum, 1} or null when there is no index. */
    private static int[] argIndex(String f, int i, int argNum, int nargs) {
        if (i >= f.length() || f.charAt(i) != '[') {
            return null;
        }
        int close = f.indexOf(']', i);
        if (close < 0) {
            return new int[] {f.length(), nargs, 1};
        }
        try {
            int k = Integer.parseInt(f.substring(i + 1, close));
            return new int[] {close + 1, k - 1 < 0 ? nargs : k - 1, 1};
        } catch (NumberFormatException e) {
            return new int[] {close + 1, nargs, 1};
        }
    }

    static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte
                || o instanceof BigInteger;
    }

    static boolean isFloat(Object o) {
        return o instanceof Double || o instanceof Float;
    }

    /** Formatting options of one verb. */
    static final class Spec {
        boolean sharp;
        boolean zero;
        boolean plus;
        boolean minus;
        boolean space;
        int width = -1;
        int prec = -1;
    }

    static void formatValue(StringBuilder sb, Object v, int verb, Spec spec) {
        if (v == null) {
            if (verb == 'v') {
                pad(sb, "<nil>", spec);
            } else {
                sb.append("%!").appendCodePoint(verb).append("(<nil>)");
            }
            return;
        }
        if (verb == 'T') {
            pad(sb, typeName(v), spec);
            return;
        }
        if (v instanceof Boolean b) {
            if (verb == 'v' || verb == 't') {
                pad(sb, b.toString(), spec);
            } else {
                bad(sb, v, verb);
            }
            return;
        }
        if (isInt(v)) {
            formatInt(sb, v instanceof BigInteger bi ? bi : BigInteger.valueOf(((Number) v).longValue()), verb, spec, v);
            return;
        }
        if (isFloat(v)) {
            formatFloatVerb(sb, ((Number) v).doubleValue(), verb, spec, v instanceof Float ? 32 : 64, v);
            return;
        }
        if (v instanceof String s) {
            formatString(sb, s, verb, spec, v);
            return;
        }
        if (v instanceof TemplateObject o && !(v instanceof Map) && !(v instanceof Collection)) {
            String text = o.toString();
            if (verb == 'v' || verb == 's') {
                pad(sb, text, spec);
            } else if (verb == 'q') {
                pad(sb, quote(text), spec);
            } else {
                bad(sb, v, verb);
            }
            return;
        }
        if (v instanceof Map<?, ?> m) {
            // Go prints maps with keys sorted.
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sorted.put(String.valueOf(e.getKey()), e.getValue());
            }
            sb.append("map[");
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                formatValue(sb, e.getKey(), verb, spec);
                sb.append(':');
                formatValue(sb, e.getValue(), verb, spec);
            }
            sb.append(']');
            return;
        }
        if (v instanceof Collection<?> c) {
            if (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
                // fine: applied element-wise like Go
            }
            sb.append('[');
            boolean first = true;
            for (Object e : c) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                formatValue(sb, e, verb, spec);
            }
            sb.append(']');
            return;
        }
        if (v instanceof Object[] arr) {
            formatValue(sb, List.of(arr), verb, spec);
            return;
        }
        // A Java object stands for a Go value implementing fmt.Stringer.
        String text = v.toString();
        if (verb == 'v' || verb == 's') {
            pad(sb, text, spec);
        } else if (verb == 'q') {
            pad(sb, quote(text), spec);
        } else {
            bad(sb, v, verb);
        }
    }

    private static void bad(StringBuilder sb, Object v, int verb) {
        sb.append("%!").appendCodePoint(verb).append('(').append(typeName(v)).append('=');
        formatValue(sb, v, 'v', new Spec());
        sb.append(')');
    }

    private static void pad(StringBuilder sb, String s, Spec spec) {
        int len = s.codePointCount(0, s.length());
        if (spec.width <= len) {
            sb.append(s);
            return;
        }
        int fill = spec.width - len;
        if (spec.minus) {
            sb.append(s).repeat(' ', fill);
        } else {
            sb.repeat(spec.zero ? '0' : ' ', fill).append(s);
        }
    }

    /** Pads a signed number: zero padding goes after the sign. */
    private static void padNumber(StringBuilder sb, String num, Spec spec) {
        if (spec.zero && !spec.minus && spec.width > num.length()) {
            int signLen = (!num.isEmpty() && (num.charAt(0) == '-' || num.charAt(0) == '+' || num.charAt(0) == ' ')) ? 1 : 0;
            sb.append(num, 0, signLen).repeat('0', spec.width - num.length()).append(num, signLen, num.length());
            return;
        }
        Spec s = spec;
        if (spec.zero) {
            s = copyNoZero(spec);
        }
        pad(sb, num, s);
    }

    private static Spec copyNoZero(Spec spec) {
        Spec s = new Spec();
        s.minus = spec.minus;
        s.width = spec.width;
        return s;
    }

    private static void formatInt(StringBuilder sb, BigInteger v, int verb, Spec spec, Object orig) {
        String digits;
        boolean neg = v.signum() < 0;
        BigInteger abs = v.abs();
        switch (verb) {
            case 'v', 'd' -> digits = abs.toString();
            case 'b' -> digits = abs.toString(2);
            case 'o', 'O' -> digits = abs.toString(8);
            case 'x' -> digits = abs.toString(16);
            case 'X' -> digits = abs.toString(16).toUpperCase();
            case 'c' -> {
                pad(sb, new String(Character.toChars(validRune(v))), spec);
                return;
            }
            case 'q' -> {
                pad(sb, quoteRune(validRune(v)), spec);
                return;
            }
            case 'U' -> {
                String hex = abs.toString(16).toUpperCase();
                StringBuilder u = new StringBuilder("U+");
                u.repeat('0', Math.max(0, 4 - hex.length())).append(hex);
                pad(sb, u.toString(), spec);
                return;
            }
            case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                bad(sb, orig, verb);
                return;
            }
            default -> {
                bad(sb, orig, verb);
                return;
            }
        }
        if (spec.prec >= 0) {
            if (spec.prec == 0 && abs.signum() == 0) {
                digits = "";
            }
            if (digits.length() < spec.prec) {
                digits = "0".repeat(spec.prec - digits.length()) + digits;
            }
        }
        if (spec.sharp) {
            switch (verb) {
                case 'b' -> digits = "0b" + digits;
                case 'o' -> digits = digits.startsWith("0") ? digits : "0" + digits;
                case 'x' -> digits = "0x" + digits;
                case 'X' -> digits = "0X" + digits;
                default -> {
                }
            }
        }
        if (verb == 'O') {
            digits = "0o" + digits;
        }
        String sign = neg ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        if (spec.prec >= 0) {
            pad(sb, sign + digits, copyNoZero(spec));
        } else {
            padNumber(sb, sign + digits, spec);
        }
    }

    private static int validRune(BigInteger v) {
        if (v.bitLength() > 31) {
            return 0xFFFD;
        }
        int r = v.intValue();
        return (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) ? 0xFFFD : r;
    }

    private static void formatFloatVerb(StringBuilder sb, double d, int verb, Spec spec, int bits, Object orig) {
        int fmt;
        int prec = spec.prec;
        switch (verb) {
            case 'v' -> {
                fmt = 'g';
            }
            case 'b', 'g', 'G', 'x', 'X' -> {
                if (verb == 'b' || verb == 'x' || verb == 'X') {
                    bad(sb, orig, verb); // binary/hex float forms are not needed by templates
                    return;
                }
                fmt = verb;
            }
            case 'f', 'F', 'e', 'E' -> {
                fmt = verb;
                if (prec < 0) {
                    prec = 6;
                }
            }
            default -> {
                bad(sb, orig, verb);
                return;
            }
        }
        String num = formatFloat(d, fmt == 'F' ? 'f' : (char) fmt, prec, bits);
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            // Go never zero-pads infinities and NaN; +Inf keeps its sign for every verb.
            String s;
            if (Double.isNaN(d)) {
                s = spec.plus ? "+NaN" : spec.space ? " NaN" : "NaN";
            } else if (d > 0) {
                s = spec.space && !spec.plus ? " Inf" : "+Inf";
            } else {
                s = "-Inf";
            }
            pad(sb, s, copyNoZero(spec));
            return;
        }
        if (spec.sharp && (fmt == 'g' || fmt == 'G')) {
            num = sharpG(d, fmt, prec, bits, num);
        }
        if (!num.startsWith("-")) {
            if (spec.plus) {
                num = "+" + num;
            } else if (spec.space) {
                num = " " + num;
            }
        }
        padNumber(sb, num, spec);
    }

    /** %#g keeps trailing zeros up to the precision (6 when none is given). */
    private static String sharpG(double d, int fmt, int prec, int bits, String num) {
        int p = prec < 0 ? 6 : (prec == 0 ? 1 : prec);
        String exp = "";
        int e = Math.max(num.indexOf('e'), num.indexOf('E'));
        String mant = num;
        if (e >= 0) {
            exp = num.substring(e);
            mant = num.substring(0, e);
        }
        int digits = 0;
        boolean sawNonZero = false;
        for (int k = 0; k < mant.length(); k++) {
            char c = mant.charAt(k);
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    sawNonZero = true;
                }
                if (sawNonZero) {
                    digits++;
                }
            }
        }
        if (!sawNonZero) {
            digits = 1;
        }
        StringBuilder m = new StringBuilder(mant);
        if (mant.indexOf('.') < 0) {
            m.append('.');
        }
        for (int k = digits; k < p; k++) {
            m.append('0');
        }
        return m + exp;
    }

    /**
     * {@code strconv.FormatFloat(d, fmt, prec, bits)} for fmt in e, E, f, g, G; prec -1 means the
     * shortest text that reads back to the same value.
     */
    public static String formatFloat(double d, char fmt, int prec, int bits) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = (Double.doubleToRawLongBits(d) < 0);
        double abs = Math.abs(d);
        boolean shortest = prec < 0;
        Digits digs;
        if (shortest) {
            digs = shortestDigits(abs, bits);
            switch (fmt) {
                case 'e', 'E' -> prec = Math.max(digs.nd() - 1, 0);
                case 'f' -> prec = Math.max(digs.nd() - digs.dp(), 0);
                case 'g', 'G' -> prec = digs.nd();
                default -> {
                }
            }
        } else {
            switch (fmt) {
                case 'e', 'E' -> digs = roundSignificant(abs, prec + 1);
                case 'f' -> digs = roundFixed(abs, prec);
                case 'g', 'G' -> {
                    if (prec == 0) {
                        prec = 1;
                    }
                    digs = roundSignificant(abs, prec);
                }
                default -> throw new IllegalArgumentException("format " + fmt);
            }
        }
        StringBuilder sb = new StringBuilder();
        switch (fmt) {
            case 'e', 'E' -> fmtE(sb, neg, digs, prec, fmt);
            case 'f' -> fmtF(sb, neg, digs, prec);
            case 'g', 'G' -> {
                int eprec = prec;
                if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
                    eprec = digs.nd();
                }
                // Go: with the shortest form, use precision 6 to choose between %e and %f.
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp() - 1;
                if (exp < -4 || exp >= eprec) {
                    if (prec > digs.nd()) {
                        prec = digs.nd();
                    }
                    fmtE(sb, neg, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
                } else {
                    if (prec > digs.dp()) {
                        prec = digs.nd();
                    }
                    fmtF(sb, neg, digs, Math.max(prec - digs.dp(), 0));
                }
            }
            default -> throw new IllegalArgumentException("format " + fmt);
        }
        return sb.toString();
    }

    /** Decimal digits d[0..nd) with the decimal point after dp digits; no trailing zeros; zero has nd 0. */
    record Digits(String d, int dp) {
        int nd() {
            return d.length();
        }

        char at(int i) {
            return i < d.length() ? d.charAt(i) : '0';
        }
    }

    private static Digits shortestDigits(double abs, int bits) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        // Java's Double.toString (JDK 19+) and Float.toString give the shortest uniquely identifying digits, as Go's Ryu does.
        String s = bits == 32 ? Float.toString((float) abs) : Double.toString(abs);
        Digits digs = fromBigDecimal(new BigDecimal(s));
        if (digs.nd() == 2) {
            // Java always prints two significant digits ("4.9E-324"); Go's shortest may need only one.
            Digits one = oneDigit(abs, digs, bits);
            if (one != null) {
                return one;
            }
        }
        return digs;
    }

    private static Digits oneDigit(double abs, Digits two, int bits) {
        int first = two.d().charAt(0) - '0';
        Digits best = null;
        BigDecimal bestErr = null;
        for (int cand = first; cand <= first + 1; cand++) {
            Digits d = cand == 10 ? new Digits("1", two.dp() + 1) : new Digits(Integer.toString(cand), two.dp());
            BigDecimal v = new BigDecimal(d.d()).scaleByPowerOfTen(d.dp() - 1);
            boolean roundTrips = bits == 32 ? v.floatValue() == (float) abs : v.doubleValue() == abs;
            if (roundTrips) {
                BigDecimal err = v.subtract(new BigDecimal(abs)).abs();
                if (bestErr == null || err.compareTo(bestErr) < 0) {
                    best = d;
                    bestErr = err;
                }
            }
        }
        return best;
    }

    private static Digits fromBigDecimal(BigDecimal bd) {
        if (bd.signum() == 0) {
            return new Digits("", 0);
        }
        bd = bd.stripTrailingZeros();
        String unscaled = bd.unscaledValue().abs().toString();
        int dp = unscaled.length() - bd.scale();
        return new Digits(unscaled, dp);
    }

    private static Digits roundSignificant(double abs, int sig) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        BigDecimal bd = new BigDecimal(abs).round(new MathContext(sig, RoundingMode.HALF_EVEN));
        return fromBigDecimal(bd);
    }

    private static Digits roundFixed(double abs, int frac) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        BigDecimal bd = new BigDecimal(abs).setScale(frac, RoundingMode.HALF_EVEN);
        return fromBigDecimal(bd);
    }

    private static void fmtE(StringBuilder sb, boolean neg, Digits d, int prec, int fmt) {
        if (neg) {
            sb.append('-');
        }
        sb.append(d.nd() == 0 ? '0' : d.at(0));
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                sb.append(d.at(i));
            }
        }
        sb.append((char) fmt);
        int exp = d.dp() - 1;
        if (d.nd() == 0) {
            exp = 0;
        }
        sb.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            sb.append('0');
        }
        sb.append(exp);
    }

    private static void fmtF(StringBuilder sb, boolean neg, Digits d, int prec) {
        if (neg) {
            sb.append('-');
        }
        if (d.dp() > 0) {
            int m = Math.min(d.nd(), d.dp());
            sb.append(d.d(), 0, m);
            for (int i = m; i < d.dp(); i++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = d.dp() + i - 1;
                sb.append(j < 0 || j >= d.nd() ? '0' : d.d().charAt(j));
            }
        }
    }

    private static void formatString(StringBuilder sb, String s, int verb, Spec spec, Object orig) {
        switch (verb) {
            case 'v', 's' -> pad(sb, spec.prec >= 0 ? truncateRunes(s, spec.prec) : s, spec);
            case 'q' -> {
                String t = spec.prec >= 0 ? truncateRunes(s, spec.prec) : s;
                pad(sb, spec.sharp && t.indexOf('`') < 0 && isPrintable(t) ? "`" + t + "`" : quote(t), spec);
            }
            case 'x', 'X' -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                StringBuilder h = new StringBuilder();
                String digits = verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
                int limit = spec.prec >= 0 ? Math.min(spec.prec, bytes.length) : bytes.length;
                for (int i = 0; i < limit; i++) {
                    if (spec.space && i > 0) {
                        h.append(' ');
                    }
                    h.append(digits.charAt((bytes[i] >> 4) & 0xf)).append(digits.charAt(bytes[i] & 0xf));
                }
                pad(sb, h.toString(), spec);
            }
            default -> bad(sb, orig, verb);
        }
    }

    private static String truncateRunes(String s, int n) {
        int cps = s.codePointCount(0, s.length());
        if (cps <= n) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n));
    }

    private static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!printable(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean printable(int cp) {
        if (cp < 0x20 || cp == 0x7f) {
            return false;
        }
        if (cp < 0x7f) {
            return true;
        }
        int type = Character.getType(cp);
        return !(type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (type == Character.SPACE_SEPARATOR && cp != ' '));
    }

    /** {@code strconv.Quote}: Go double-quoted string with Go escapes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '"' || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (printable(cp)) {
                sb.appendCodePoint(cp);
            } else {
                appendEscape(sb, cp);
            }
        }
        return sb.append('"').toString();
    }

    private static String quoteRune(int cp) {
        StringBuilder sb = new StringBuilder("'");
        if (cp == '\'' || cp == '\\') {
            sb.append('\\').appendCodePoint(cp);
        } else if (printable(cp)) {
            sb.appendCodePoint(cp);
        } else {
            appendEscape(sb, cp);
        }
        return sb.append('\'').toString();
    }

    private static void appendEscape(StringBuilder sb, int cp) {
        switch (cp) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7f) {
                    sb.append("\\x").append(hex(cp, 2));
                } else if (cp > 0xFFFF) {
                    sb.append("\\U").append(hex(cp, 8));
                } else {
                    sb.append("\\u").append(hex(cp, 4));
                }
            }
        }
    }

    private static String hex(int v, int width) {
        String h = Integer.toHexString(v);
        return "0".repeat(Math.max(0, width - h.length())) + h;
    }
}
