package org.osprey.server.api;

import java.util.Collection;
import java.util.Map;
import org.osprey.model.value.FloatFormat;

/**
 * A small append-only JSON writer over a StringBuilder, so large responses (a million label
 * values) are written without an intermediate object tree. Commas are tracked per nesting level.
 * Not thread-safe: one per response.
 */
public final class Json {
    private final StringBuilder sb;
    private long firstFlags = 1; // bit per depth: 1 = nothing written yet at that depth
    private int depth;
    private boolean afterName;

    public Json(StringBuilder sb) {
        this.sb = sb;
    }

    public Json() {
        this(new StringBuilder(256));
    }

    public StringBuilder buffer() {
        return sb;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void comma() {
        if (afterName) {
            afterName = false;
            return;
        }
        long bit = 1L << depth;
        if ((firstFlags & bit) != 0) {
            firstFlags &= ~bit;
        } else {
            sb.append(',');
        }
    }

    private void push() {
        depth++;
        firstFlags |= 1L << depth;
    }

    public Json beginObject() {
        comma();
        sb.append('{');
        push();
        return this;
    }

    public Json endObject() {
        depth--;
        sb.append('}');
        return this;
    }

    public Json beginArray() {
        comma();
        sb.append('[');
        push();
        return this;
    }

    public Json endArray() {
        depth--;
        sb.append(']');
        return this;
    }

    public Json name(String name) {
        comma();
        quote(sb, name);
        sb.append(':');
        afterName = true;
        return this;
    }

    public Json value(String s) {
        comma();
        if (s == null) {
            sb.append("null");
        } else {
            quote(sb, s);
        }
        return this;
    }

    public Json value(long n) {
        comma();
        sb.append(n);
        return this;
    }

    public Json value(boolean b) {
        comma();
        sb.append(b);
        return this;
    }

    /** A JSON number; NaN/Inf (not valid JSON numbers) are written as strings as Go does not, so avoid them. */
    public Json number(double d) {
        comma();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            quote(sb, FloatFormat.formatPlain(d));
        } else {
            sb.append(FloatFormat.formatPlain(d));
        }
        return this;
    }

    public Json nullValue() {
        comma();
        sb.append("null");
        return this;
    }

    /** Writes pre-rendered JSON as one value. */
    public Json raw(CharSequence json) {
        comma();
        sb.append(json);
        return this;
    }

    public Json field(String name, String value) {
        return name(name).value(value);
    }

    public Json field(String name, long value) {
        return name(name).value(value);
    }

    public Json field(String name, boolean value) {
        return name(name).value(value);
    }

    /** A {@code [<ts seconds>, "<value>"]} sample pair. */
    public Json samplePair(long t, double v) {
        comma();
        sb.append('[');
        PromFloat.appendTimestamp(sb, t);
        sb.append(",\"").append(FloatFormat.formatPlain(v)).append("\"]");
        return this;
    }

    /** An object of string fields, in the map's order. */
    public Json stringMap(Map<String, String> map) {
        beginObject();
        for (Map.Entry<String, String> e : map.entrySet()) {
            name(e.getKey()).value(e.getValue());
        }
        return endObject();
    }

    public Json stringArray(Collection<String> values) {
        beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    /** Appends a JSON string literal with the escapes Go's encoding/json uses for control and HTML characters. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00");
                        sb.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
