package org.osprey.alertmanager.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osprey.model.value.PromDuration;

/**
 * Strict, typed reading of one YAML mapping, the way Go's yaml.UnmarshalStrict reads a struct:
 * unknown keys are errors naming the Go-style type. Thread-safe: no (one parse at a time).
 */
final class YamlMap {
    private final Map<String, Object> values;
    private final String type;

    private YamlMap(Map<String, Object> values, String type) {
        this.values = values;
        this.type = type;
    }

    /** Wraps a loaded YAML value; null becomes an empty mapping, as an omitted block is in Go. */
    @SuppressWarnings("unchecked")
    static YamlMap of(Object node, String type, Set<String> allowed) throws ConfigException {
        if (node == null) {
            return new YamlMap(Map.of(), type);
        }
        if (!(node instanceof Map<?, ?> raw)) {
            throw new ConfigException("cannot unmarshal " + describe(node) + " into " + type);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!allowed.contains(key)) {
                throw new ConfigException("field " + key + " not found in type " + type);
            }
            m.put(key, e.getValue());
        }
        return new YamlMap(m, type);
    }

    private static String describe(Object node) {
        if (node instanceof List<?>) {
            return "!!seq";
        }
        if (node instanceof String s) {
            return "!!str `" + s + "`";
        }
        return "!!" + node.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    String type() {
        return type;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    /** A scalar as a string; "" when absent or null. */
    String str(String key) throws ConfigException {
        Object v = values.get(key);
        if (v == null) {
            return "";
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new ConfigException("cannot unmarshal " + describe(v) + " into string (field " + key + " of " + type + ")");
        }
        return String.valueOf(v);
    }

    Boolean bool(String key) throws ConfigException {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ConfigException("cannot unmarshal " + describe(v) + " into bool (field " + key + " of " + type + ")");
    }

    boolean bool(String key, boolean def) throws ConfigException {
        Boolean b = bool(key);
        return b == null ? def : b;
    }

    /** A duration in milliseconds, or -1 when absent. */
    long durationMillis(String key) throws ConfigException {
        String s = str(key);
        if (s.isEmpty()) {
            return -1;
        }
        try {
            return PromDuration.parseMillis(s);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    int integer(String key, int def) throws ConfigException {
        Object v = values.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        throw new ConfigException("cannot unmarshal " + describe(v) + " into int (field " + key + " of " + type + ")");
    }

    List<Object> list(String key) throws ConfigException {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new ConfigException("cannot unmarshal " + describe(v) + " into []" + key + " (in " + type + ")");
    }

    /** A list of scalars as strings; null entries are kept as null so callers can reject them. */
    List<String> strings(String key) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (Object o : list(key)) {
            if (o instanceof Map<?, ?> || o instanceof List<?>) {
                throw new ConfigException("cannot unmarshal " + describe(o) + " into string (field " + key + " of " + type + ")");
            }
            out.add(o == null ? null : String.valueOf(o));
        }
        return out;
    }

    /** A string-to-string mapping; null values stay null so callers can reject them with context. */
    Map<String, String> stringMap(String key) throws ConfigException {
        Object v = values.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new ConfigException("cannot unmarshal " + describe(v) + " into map[string]string (field " + key + " of " + type + ")");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object val = e.getValue();
            if (val instanceof Map<?, ?> || val instanceof List<?>) {
                throw new ConfigException("cannot unmarshal " + describe(val) + " into string (field " + key + " of " + type + ")");
            }
            out.put(String.valueOf(e.getKey()), val == null ? null : String.valueOf(val));
        }
        return out;
    }
}
