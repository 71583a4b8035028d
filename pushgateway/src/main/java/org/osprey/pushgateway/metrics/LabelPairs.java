package org.osprey.pushgateway.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of label pairs sorted by name that, unlike {@code Labels}, keeps empty values:
 * the Pushgateway exposes {@code instance=""} on purpose so that a server scraping with
 * {@code honor_labels: true} does not attach its own instance label. Thread-safe: immutable.
 */
public final class LabelPairs implements Comparable<LabelPairs> {
    public static final LabelPairs EMPTY = new LabelPairs(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private int hash;

    private LabelPairs(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Builds from a map; the map's order is irrelevant. */
    public static LabelPairs of(Map<String, String> pairs) {
        TreeMap<String, String> sorted = new TreeMap<>(pairs);
        String[] ns = new String[sorted.size()];
        String[] vs = new String[sorted.size()];
        int i = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            ns[i] = e.getKey();
            vs[i] = e.getValue();
            i++;
        }
        return new LabelPairs(ns, vs);
    }

    /** Builds from alternating name, value arguments; a later duplicate name wins. */
    public static LabelPairs of(String... nameValues) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return of(m);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value for a name, or null when the name is absent (an empty value is a value here). */
    public String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** A copy as a sorted mutable map. */
    public TreeMap<String, String> toMap() {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], values[i]);
        }
        return m;
    }

    /**
     * Builds from parallel arrays already sorted by name with unique names (as {@code Labels}
     * hands them out); takes ownership of the arrays.
     *
     * @throws IllegalArgumentException when the names are not strictly ascending
     */
    public static LabelPairs ofSorted(String[] names, String[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        for (int i = 1; i < names.length; i++) {
            if (names[i - 1].compareTo(names[i]) >= 0) {
                throw new IllegalArgumentException("label names not sorted or not unique at " + names[i]);
            }
        }
        return new LabelPairs(names, values);
    }

    /**
     * These pairs with {@code overrides} laid over them (an override replaces a same-named pair).
     * A linear merge of two sorted arrays: this runs for every pushed metric.
     */
    public LabelPairs with(LabelPairs overrides) {
        if (overrides.names.length == 0) {
            return this;
        }
        String[] ns = new String[names.length + overrides.names.length];
        String[] vs = new String[ns.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < names.length || j < overrides.names.length) {
            int c = i == names.length ? 1 : j == overrides.names.length ? -1 : names[i].compareTo(overrides.names[j]);
            if (c < 0) {
                ns[k] = names[i];
                vs[k++] = values[i++];
            } else {
                if (c == 0) {
                    i++;
                }
                ns[k] = overrides.names[j];
                vs[k++] = overrides.values[j++];
            }
        }
        return k == ns.length ? new LabelPairs(ns, vs) : new LabelPairs(Arrays.copyOf(ns, k), Arrays.copyOf(vs, k));
    }

    /** These pairs plus one more (replacing a same-named pair). */
    public LabelPairs with(String name, String value) {
        return with(new LabelPairs(new String[] {name}, new String[] {value}));
    }

    /** These pairs without the named one. */
    public LabelPairs without(String name) {
        int idx = -1;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            return this;
        }
        String[] ns = new String[names.length - 1];
        String[] vs = new String[ns.length];
        System.arraycopy(names, 0, ns, 0, idx);
        System.arraycopy(values, 0, vs, 0, idx);
        System.arraycopy(names, idx + 1, ns, idx, ns.length - idx);
        System.arraycopy(values, idx + 1, vs, idx, vs.length - idx);
        return new LabelPairs(ns, vs);
    }

    /**
     * Orders as the Go client orders metrics within a family for exposition: fewer labels first,
     * then label values compared position by position (names are not compared, as in Go).
     */
    public int compareValuesTo(LabelPairs o) {
        if (values.length != o.values.length) {
            return Integer.compare(values.length, o.values.length);
        }
        for (int i = 0; i < values.length; i++) {
            int c = values[i].compareTo(o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Total order by name then value, pair by pair; used to key groups and series. */
    @Override
    public int compareTo(LabelPairs o) {
        int n = Math.min(names.length, o.names.length);
        for (int i = 0; i < n; i++) {
            int c = names[i].compareTo(o.names[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.length, o.names.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelPairs other && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    /** {@code {a="1",b=""}} with values quoted as in the text format. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(names[i]).append("=\"").append(values[i].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return sb.append('}').toString();
    }
}
