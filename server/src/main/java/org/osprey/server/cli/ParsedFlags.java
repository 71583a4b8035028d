package org.osprey.server.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osprey.model.value.PromDuration;

/**
 * The outcome of {@link FlagSet#parse}: every known flag's value (given or default), which flags
 * were given, positional arguments, and whether help was asked for. Thread-safe: immutable.
 */
public final class ParsedFlags {
    private final Map<String, List<String>> values;
    private final Set<String> given;
    private final List<String> positional;
    private final boolean help;

    ParsedFlags(Map<String, List<String>> values, Set<String> given, List<String> positional, boolean help) {
        this.values = Map.copyOf(values);
        this.given = Set.copyOf(given);
        this.positional = List.copyOf(positional);
        this.help = help;
    }

    /** The flag's value, or "" when it has neither value nor default. */
    public String get(String name) {
        List<String> v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no such flag: " + name);
        }
        return v.isEmpty() ? "" : v.get(v.size() - 1);
    }

    public List<String> getAll(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(get(name));
    }

    /** Milliseconds; 0 when empty. */
    public long durationMillis(String name) {
        String v = get(name);
        return v.isEmpty() ? 0 : PromDuration.parseMillis(v);
    }

    /** Bytes; 0 when empty. */
    public long bytes(String name) {
        String v = get(name);
        return v.isEmpty() ? 0 : ByteSizes.parse(v);
    }

    public long integer(String name) {
        String v = get(name);
        return v.isEmpty() ? 0 : Long.parseLong(v);
    }

    public boolean isGiven(String name) {
        return given.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    public boolean helpRequested() {
        return help;
    }

    /** Every flag name and its effective value, as {@code /api/v1/status/flags} shows them. */
    public Map<String, String> effective() {
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> out.put(k, String.join(",", v)));
        return out;
    }
}
