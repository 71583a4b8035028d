package org.osprey.model.template;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * Marks a map whose missing keys read as a zero value rather than as "no value", like a Go
 * {@code map[string]string} under {@code missingkey=zero} (Prometheus's {@code $labels.missing}
 * prints ""). Thread-safety: see implementations; {@link #stringMap} wrappers are read-only views.
 */
public interface ZeroValue {
    /** The value a missing key reads as under {@code missingkey=zero}. */
    Object zeroValue();

    /** The zero value of a map, or null when it does not declare one. */
    static Object of(Map<?, ?> m) {
        return m instanceof ZeroValue z ? z.zeroValue() : null;
    }

    /** A read-only view of a string-to-string map that behaves as a Go {@code map[string]string}. */
    static Map<String, String> stringMap(Map<String, String> m) {
        return new StringMap(m);
    }

    /** Read-only {@code map[string]string} view; thread-safe when the wrapped map is not mutated. */
    final class StringMap extends AbstractMap<String, String> implements ZeroValue {
        private final Map<String, String> delegate;

        StringMap(Map<String, String> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return java.util.Collections.unmodifiableMap(delegate).entrySet();
        }

        @Override
        public String get(Object key) {
            return delegate.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return delegate.containsKey(key);
        }

        @Override
        public int size() {
            return delegate.size();
        }

        @Override
        public Object zeroValue() {
            return "";
        }
    }
}
