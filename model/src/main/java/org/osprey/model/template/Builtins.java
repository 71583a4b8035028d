package org.osprey.model.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Go text/template's predefined functions ({@code and or not len index slice print printf
 * println html js urlquery eq ne lt le gt ge}). {@code and}/{@code or} short-circuit in the
 * executor; here they are only registered for arity and lookup. Thread-safe: stateless.
 */
final class Builtins {
    private Builtins() {
    }

    static final FunctionMap FUNCTIONS = FunctionMap.builder()
            .addVariadic("and", 1, a -> a[a.length - 1])
            .addVariadic("or", 1, a -> a[a.length - 1])
            .add("not", 1, a -> !GoValues.isTrue(a[0]))
            .add("len", 1, a -> (long) GoValues.len(a[0]))
            .addVariadic("index", 1, Builtins::index)
            .addVariadic("slice", 1, Builtins::slice)
            .addVariadic("print", 0, GoFormat::sprint)
            .addVariadic("printf", 1, a -> GoFormat.sprintf(stringArg(a[0]), Arrays.copyOfRange(a, 1, a.length)))
            .addVariadic("println", 0, GoFormat::sprintln)
            .addVariadic("html", 0, a -> htmlEscape(evalArgs(a)))
            .addVariadic("js", 0, a -> jsEscape(evalArgs(a)))
            .addVariadic("urlquery", 0, a -> queryEscape(evalArgs(a)))
            .addVariadic("eq", 1, Builtins::eq)
            .add("ne", 2, a -> !(Boolean) eq(a))
            .add("lt", 2, a -> less(a[0], a[1]))
            .add("le", 2, a -> less(a[0], a[1]) || (Boolean) eq(a))
            .add("gt", 2, a -> !less(a[0], a[1]) && !(Boolean) eq(a))
            .add("ge", 2, a -> !less(a[0], a[1]))
            .build();

    /** Thrown for a Go argument type mismatch; reported without the "error calling" prefix. */
    static final class WrongType extends Exception {
        WrongType(String msg) {
            super(msg, null, false, false);
        }
    }

    private static String stringArg(Object o) throws WrongType {
        if (o instanceof String s) {
            return s;
        }
        throw new WrongType("wrong type for value; expected string; got " + GoFormat.typeName(o));
    }

    private static String evalArgs(Object[] a) {
        if (a.length == 1 && a[0] instanceof String s) {
            return s;
        }
        return GoFormat.sprint(a);
    }

    private enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

    private static Kind kind(Object o) {
        if (o == null) {
            return Kind.INVALID;
        }
        if (o instanceof Boolean) {
            return Kind.BOOL;
        }
        if (GoFormat.isInt(o)) {
            return Kind.INT;
        }
        if (GoFormat.isFloat(o)) {
            return Kind.FLOAT;
        }
        if (o instanceof String) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    static Object eq(Object[] a) throws Exception {
        if (a.length < 2) {
            throw new Exception("missing argument for comparison");
        }
        Object a1 = a[0];
        Kind k1 = kind(a1);
        for (int i = 1; i < a.length; i++) {
            Object b = a[i];
            Kind k2 = kind(b);
            boolean truth;
            if (k1 != k2) {
                if (a1 != null && b != null) {
                    throw new Exception("incompatible types for comparison");
                }
                truth = false;
            } else {
                truth = switch (k1) {
                    case INVALID -> true;
                    case BOOL, STRING -> a1.equals(b);
                    case INT -> ((Number) a1).longValue() == ((Number) b).longValue();
                    case FLOAT -> ((Number) a1).doubleValue() == ((Number) b).doubleValue();
                    case OTHER -> {
                        if (a1 instanceof Map || a1 instanceof Collection) {
                            throw new Exception("non-comparable type " + GoFormat.toString(a1) + ": " + GoFormat.typeName(a1));
                        }
                        yield a1.equals(b);
                    }
                };
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    static boolean less(Object a, Object b) throws Exception {
        Kind k1 = kind(a);
        Kind k2 = kind(b);
        if (k1 == Kind.INVALID || k1 == Kind.OTHER || k2 == Kind.INVALID || k2 == Kind.OTHER) {
            throw new Exception("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new Exception("incompatible types for comparison");
        }
        return switch (k1) {
            case BOOL -> throw new Exception("invalid type for comparison");
            case INT -> ((Number) a).longValue() < ((Number) b).longValue();
            case FLOAT -> ((Number) a).doubleValue() < ((Number) b).doubleValue();
            case STRING -> compareBytes((String) a, (String) b) < 0;
            default -> throw new Exception("invalid type for comparison");
        };
    }

    private static int compareBytes(String a, String b) {
        // Go compares strings by UTF-8 bytes; code point order is the same thing.
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static Object index(Object[] a) throws Exception {
        Object item = a[0];
        if (item == null) {
            throw new Exception("index of untyped nil");
        }
        for (int i = 1; i < a.length; i++) {
            Object idx = a[i];
            if (item instanceof List<?> l) {
                item = l.get(indexArg(idx, l.size()));
            } else if (item instanceof Object[] arr) {
                item = arr[indexArg(idx, arr.length)];
            } else if (item instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                item = (long) (bytes[indexArg(idx, bytes.length)] & 0xff);
            } else if (item instanceof Map<?, ?> m) {
                if (idx != null && !(idx instanceof String)) {
                    throw new Exception("value has type " + GoFormat.typeName(idx) + "; should be string");
                }
                item = m.containsKey(idx) ? m.get(idx) : ZeroValue.of(m);
            } else if (item == null) {
                throw new Exception("index of nil pointer");
            } else {
                throw new Exception("can't index item of type " + GoFormat.typeName(item));
            }
        }
        return item;
    }

    private static int indexArg(Object idx, int cap) throws Exception {
        if (idx == null) {
            throw new Exception("cannot index slice/array with nil");
        }
        if (!GoFormat.isInt(idx)) {
            throw new Exception("cannot index slice/array with type " + GoFormat.typeName(idx));
        }
        long x = ((Number) idx).longValue();
        if (x < 0 || x >= cap) {
            throw new Exception("index out of range: " + x);
        }
        return (int) x;
    }

    static Object slice(Object[] a) throws Exception {
        Object item = a[0];
        if (item == null) {
            throw new Exception("slice of untyped nil");
        }
        if (a.length > 4) {
            throw new Exception("too many slice indexes: " + (a.length - 1));
        }
        int len;
        if (item instanceof String s) {
            if (a.length == 4) {
                throw new Exception("cannot 3-index slice a string");
            }
            len = s.getBytes(StandardCharsets.UTF_8).length;
        } else if (item instanceof List<?> l) {
            len = l.size();
        } else {
            throw new Exception("can't slice item of type " + GoFormat.typeName(item));
        }
        int[] idx = {0, len};
        for (int i = 1; i < a.length && i <= 2; i++) {
            idx[i - 1] = indexArgCap(a[i], len);
        }
        if (idx[0] > idx[1]) {
            throw new Exception("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (item instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return new String(b, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
        }
        return new ArrayList<>(((List<?>) item).subList(idx[0], idx[1]));
    }

    private static int indexArgCap(Object idx, int cap) throws Exception {
        if (!GoFormat.isInt(idx)) {
            throw new Exception("cannot index slice/array with type " + GoFormat.typeName(idx));
        }
        long x = ((Number) idx).longValue();
        if (x < 0 || x > cap) {
            throw new Exception("index out of range: " + x);
        }
        return (int) x;
    }

    /** Go's {@code template.HTMLEscapeString}. */
    static String htmlEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case 0 -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Go's {@code template.JSEscapeString}. */
    static String jsEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                    if (c < ' ' || (c >= 0x7f && !Character.isDefined(c)) || Character.getType(c) == Character.CONTROL) {
                        sb.append(String.format("\\u%04X", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Go's {@code url.QueryEscape}. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
