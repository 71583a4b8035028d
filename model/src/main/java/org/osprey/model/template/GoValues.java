package org.osprey.model.template;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Go semantics over the template data model, for the engine and for callers writing functions:
 * truthiness, kinds, numeric conversion. Thread-safe: stateless.
 */
public final class GoValues {
    private GoValues() {
    }

    /** Go's template truth: false, 0, nil, and empty strings, lists and maps are false; the rest true. */
    public static boolean isTrue(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (GoFormat.isInt(v)) {
            return ((Number) v).longValue() != 0;
        }
        if (GoFormat.isFloat(v)) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof Object[] a) {
            return a.length > 0;
        }
        return true;
    }

    /** Go's {@code len}: bytes of a string (UTF-8), elements of a list or map. */
    public static int len(Object v) throws Exception {
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v instanceof Object[] a) {
            return a.length;
        }
        if (v == null) {
            throw new Exception("len of nil pointer");
        }
        throw new Exception("len of type " + GoFormat.typeName(v));
    }

    /** True for Java stand-ins of Go integers (Long, Integer, Short, Byte). */
    public static boolean isInt(Object v) {
        return GoFormat.isInt(v);
    }

    /** True for Java stand-ins of Go floats (Double, Float). */
    public static boolean isFloat(Object v) {
        return GoFormat.isFloat(v);
    }

    /**
     * Converts a number or numeric string to float64 the way Prometheus's template functions do
     * ({@code strconv.ParseFloat} for strings).
     *
     * @throws Exception with Go's wording when the value is not a number
     */
    public static double toFloat(Object v) throws Exception {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            return parseFloat(s);
        }
        // Prometheus's convertToFloat names the Go type (%T).
        throw new Exception("can't convert " + (v == null ? "<nil>" : GoFormat.typeName(v)) + " to float");
    }

    /** {@code strconv.ParseFloat(s, 64)} including Go's error text. */
    public static double parseFloat(String s) throws Exception {
        String t = s.replace("_", "");
        String lower = t.toLowerCase();
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        boolean ok = !t.isEmpty() && t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
                || c == '+' || c == '-' || c == 'x' || c == 'X' || c == 'p' || c == 'P'
                || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        if (ok) {
            try {
                if (lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x")) {
                    return Double.parseDouble(lower.contains("p") ? t : t + "p0");
                }
                if (lower.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
                    return Double.parseDouble(t);
                }
            } catch (NumberFormatException e) {
                // fall through to Go's message
            }
        }
        throw new Exception("strconv.ParseFloat: parsing " + GoFormat.quote(s) + ": invalid syntax");
    }
}
