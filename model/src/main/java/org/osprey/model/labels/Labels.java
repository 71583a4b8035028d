package org.osprey.model.labels;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable set of label name/value pairs, sorted by name, names unique.
 *
 * <p>Stored as two parallel arrays so equality, ordering and hashing walk plain arrays. The
 * 64-bit {@link #stableHash()} is the same across runs and JVMs (FNV-1a over UTF-8 bytes with
 * separators), so it can key on-disk structures. Thread-safe: immutable.
 */
public final class Labels implements Comparable<Labels> {
    /** The metric name label. */
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final String[] names;
    private final String[] values;
    private int hash; // cached String-style hash; 0 means not computed yet
    private long stableHash; // cached; 0 means not computed yet

    /** Takes ownership of already sorted, de-duplicated arrays; callers inside this package only. */
    Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Builds from alternating name, value arguments: {@code Labels.of("job", "api", "instance", "a:1")}. */
    public static Labels of(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("Labels.of needs name/value pairs, got " + nameValues.length + " strings");
        }
        Builder b = builder();
        for (int i = 0; i < nameValues.length; i += 2) {
            b.set(nameValues[i], nameValues[i + 1]);
        }
        return b.build();
    }

    public static Labels fromMap(Map<String, String> map) {
        Builder b = builder();
        map.forEach(b::set);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with these labels; set/del then build a new set. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < names.length; i++) {
            b.set(names[i], values[i]);
        }
        return b;
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value of a label, or the empty string when absent (Prometheus treats both alike). */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? "" : values[i];
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The metric name, or "" when there is none. */
    public String metricName() {
        return get(METRIC_NAME);
    }

    public int indexOf(String name) {
        // Small sets dominate: a linear scan beats binary search below ~16 labels.
        if (names.length < 16) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }
        int i = Arrays.binarySearch(names, name, Labels::compareNames);
        return i < 0 ? -1 : i;
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    /** A copy without the given label names. */
    public Labels without(String... drop) {
        Builder b = toBuilder();
        for (String d : drop) {
            b.del(d);
        }
        return b.build();
    }

    /** A copy that keeps only the given label names. */
    public Labels keepOnly(Iterable<String> keep) {
        Builder b = builder();
        for (String k : keep) {
            int i = indexOf(k);
            if (i >= 0) {
                b.set(k, values[i]);
            }
        }
        return b.build();
    }

    public Labels withoutMetricName() {
        return has(METRIC_NAME) ? without(METRIC_NAME) : this;
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        forEach(m::put);
        return m;
    }

    /**
     * A hash stable across processes: FNV-1a 64 over each name and value in UTF-8, with a 0xff
     * separator after each (0xff never occurs in UTF-8, so ("a","bc") and ("ab","c") differ).
     */
    public long stableHash() {
        long h = stableHash;
        if (h == 0) {
            h = FNV_OFFSET;
            for (int i = 0; i < names.length; i++) {
                h = fnv(h, names[i]);
                h = (h ^ 0xff) * FNV_PRIME;
                h = fnv(h, values[i]);
                h = (h ^ 0xff) * FNV_PRIME;
            }
            if (h == 0) {
                h = 1;
            }
            stableHash = h;
        }
        return h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * FNV_PRIME;
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * FNV_PRIME;
                }
            }
        }
        return h;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 1;
            for (int i = 0; i < names.length; i++) {
                h = 31 * (31 * h + names[i].hashCode()) + values[i].hashCode();
            }
            hash = h == 0 ? 1 : h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Labels other) || other.names.length != names.length || other.hashCode() != hashCode()) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!names[i].equals(other.names[i]) || !values[i].equals(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    /** Orders as Prometheus's labels.Compare: pair by pair, name then value, shorter set first. */
    @Override
    public int compareTo(Labels o) {
        int n = Math.min(names.length, o.names.length);
        for (int i = 0; i < n; i++) {
            int c = compareNames(names[i], o.names[i]);
            if (c != 0) {
                return c;
            }
            c = compareNames(values[i], o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.length, o.names.length);
    }

    /**
     * Orders strings as Go compares them: by UTF-8 bytes, which is code point order. It equals
     * {@link String#compareTo} except where a supplementary character (a surrogate pair) meets a
     * character in U+E000..U+FFFF.
     */
    public static int compareNames(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy && (x >= 0xe000 || y >= 0xe000)) {
                    // the surrogate half belongs to a code point above U+FFFF, so it sorts last
                    return sx ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /**
     * True when the set is valid for storage as Prometheus 3 checks it (UTF-8 validation
     * scheme): a non-empty metric name if present, every name non-empty valid Unicode, every
     * value valid Unicode.
     */
    public boolean isValid() {
        for (int i = 0; i < names.length; i++) {
            if (!LabelNames.isValidName(names[i]) || !LabelNames.isValidValue(values[i])) {
                return false;
            }
        }
        return true;
    }

    /** True when every name also passes the legacy check ({@code [a-zA-Z_][a-zA-Z0-9_]*}; metric name with ':'). */
    public boolean isValidLegacy() {
        for (int i = 0; i < names.length; i++) {
            boolean ok = names[i].equals(METRIC_NAME) ? LabelNames.isLegacyMetricName(values[i]) : LabelNames.isLegacyName(names[i]);
            if (!ok || !LabelNames.isValidValue(values[i])) {
                return false;
            }
        }
        return true;
    }

    /** Prometheus's String form: {@code {__name__="up", job="x"}}, values escaped as Go's %q would. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (LabelNames.isLegacyName(names[i])) {
                sb.append(names[i]);
            } else {
                LabelNames.appendQuoted(sb, names[i]);
            }
            sb.append('=');
            LabelNames.appendQuoted(sb, values[i]);
        }
        return sb.append('}').toString();
    }

    /** Collects labels in any order; {@link #build()} sorts, keeps the last value per name, drops empty values. */
    public static final class Builder {
        private String[] names = new String[8];
        private String[] values = new String[8];
        private int size;

        private Builder() {
        }

        /** Sets a label; an empty value removes it, as in Prometheus. */
        public Builder set(String name, String value) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    values[i] = value;
                    return this;
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
            return this;
        }

        public Builder del(String name) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    System.arraycopy(names, i + 1, names, i, size - i - 1);
                    System.arraycopy(values, i + 1, values, i, size - i - 1);
                    size--;
                    return this;
                }
            }
            return this;
        }

        public String get(String name) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return values[i];
                }
            }
            return "";
        }

        public Builder reset() {
            size = 0;
            return this;
        }

        public Labels build() {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (!values[i].isEmpty()) {
                    n++;
                }
            }
            if (n == 0) {
                return EMPTY;
            }
            String[] ns = new String[n];
            String[] vs = new String[n];
            int j = 0;
            for (int i = 0; i < size; i++) {
                if (!values[i].isEmpty()) {
                    ns[j] = names[i];
                    vs[j] = values[i];
                    j++;
                }
            }
            // Insertion sort on the parallel arrays: label sets are small and often nearly
            // sorted, and this sorts without boxing indexes.
            for (int i = 1; i < n; i++) {
                String kn = ns[i];
                String kv = vs[i];
                int k = i - 1;
                while (k >= 0 && compareNames(ns[k], kn) > 0) {
                    ns[k + 1] = ns[k];
                    vs[k + 1] = vs[k];
                    k--;
                }
                ns[k + 1] = kn;
                vs[k + 1] = kv;
            }
            return new Labels(ns, vs);
        }
    }
}
