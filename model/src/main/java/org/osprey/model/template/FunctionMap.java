package org.osprey.model.template;

import java.util.HashMap;
import java.util.Map;

/**
 * An immutable set of named template functions with their arity, added to the built-ins
 * ({@code and}, {@code printf}, ...); a name defined here overrides a built-in as in Go.
 * Thread-safe: immutable once built.
 */
public final class FunctionMap {
    /** Arity value for a function that takes any number of arguments. */
    public static final int VARIADIC = -1;

    /** One entry: the function, its fixed argument count (or {@link #VARIADIC}) and minimum count. */
    record Entry(String name, int arity, int minArgs, TemplateFunction fn) {
    }

    public static final FunctionMap EMPTY = new FunctionMap(Map.of());

    private final Map<String, Entry> entries;

    private FunctionMap(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder that starts with this map's functions. */
    public Builder toBuilder() {
        return new Builder(entries);
    }

    Entry get(String name) {
        return entries.get(name);
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** Collects functions; not thread-safe. */
    public static final class Builder {
        private final Map<String, Entry> entries;

        private Builder(Map<String, Entry> start) {
            entries = new HashMap<>(start);
        }

        /** Adds a function taking exactly {@code arity} arguments. */
        public Builder add(String name, int arity, TemplateFunction fn) {
            entries.put(name, new Entry(name, arity, arity, fn));
            return this;
        }

        /** Adds a variadic function needing at least {@code minArgs} arguments. */
        public Builder addVariadic(String name, int minArgs, TemplateFunction fn) {
            entries.put(name, new Entry(name, VARIADIC, minArgs, fn));
            return this;
        }

        public Builder addAll(FunctionMap other) {
            entries.putAll(other.entries);
            return this;
        }

        public FunctionMap build() {
            return new FunctionMap(Map.copyOf(entries));
        }
    }
}
