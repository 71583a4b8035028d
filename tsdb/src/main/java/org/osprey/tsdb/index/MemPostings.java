package org.osprey.tsdb.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjLongConsumer;
import org.osprey.model.labels.Labels;

/**
 * The head's inverted index: label name → value → sorted series refs, plus a list of all refs.
 * Thread-safe: maps are concurrent and each list guards itself; a reader gets a consistent copy
 * of one list at a time.
 */
public final class MemPostings implements IndexReader {
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, RefList>> byName = new ConcurrentHashMap<>();
    private final RefList all = new RefList();

    /** Indexes a series under every label pair it has. */
    public void add(long ref, Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            byName.computeIfAbsent(labels.name(i), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(labels.value(i), k -> new RefList())
                    .add(ref);
        }
        all.add(ref);
    }

    /** Removes a series; empty lists and names disappear. */
    public void remove(long ref, Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            ConcurrentHashMap<String, RefList> values = byName.get(name);
            if (values == null) {
                continue;
            }
            values.computeIfPresent(labels.value(i), (k, list) -> list.remove(ref) == 0 ? null : list);
            byName.computeIfPresent(name, (k, v) -> v.isEmpty() ? null : v);
        }
        all.remove(ref);
    }

    @Override
    public long[] postings(String name, String value) {
        Map<String, RefList> values = byName.get(name);
        if (values == null) {
            return Postings.EMPTY;
        }
        RefList l = values.get(value);
        return l == null ? Postings.EMPTY : l.snapshot();
    }

    @Override
    public long[] allPostings() {
        return all.snapshot();
    }

    @Override
    public List<String> labelValues(String name) {
        Map<String, RefList> values = byName.get(name);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(values.keySet());
        Collections.sort(out);
        return out;
    }

    @Override
    public List<String> labelNames() {
        List<String> out = new ArrayList<>(byName.keySet());
        Collections.sort(out);
        return out;
    }

    /** Number of series with this label pair (no copy). */
    public int count(String name, String value) {
        Map<String, RefList> values = byName.get(name);
        RefList l = values == null ? null : values.get(value);
        return l == null ? 0 : l.size();
    }

    /** Visits every label pair with its series count; for cardinality statistics. */
    public void forEachPair(PairVisitor visitor) {
        byName.forEach((name, values) -> values.forEach((value, list) -> visitor.pair(name, value, list.size())));
    }

    /** Number of distinct values of every name. */
    public void forEachName(ObjLongConsumer<String> visitor) {
        byName.forEach((name, values) -> visitor.accept(name, values.size()));
    }

    public int seriesCount() {
        return all.size();
    }

    /** Receives one label pair and how many series carry it. */
    @FunctionalInterface
    public interface PairVisitor {
        void pair(String name, String value, int series);
    }

    /** A sorted growable long list; refs mostly arrive in increasing order, so adds are appends. */
    static final class RefList {
        private long[] refs = new long[4];
        private int size;

        synchronized void add(long ref) {
            if (size == refs.length) {
                refs = Arrays.copyOf(refs, size * 2);
            }
            if (size == 0 || refs[size - 1] < ref) {
                refs[size++] = ref;
                return;
            }
            int pos = Arrays.binarySearch(refs, 0, size, ref);
            if (pos >= 0) {
                return;
            }
            pos = -pos - 1;
            System.arraycopy(refs, pos, refs, pos + 1, size - pos);
            refs[pos] = ref;
            size++;
        }

        synchronized int remove(long ref) {
            int pos = Arrays.binarySearch(refs, 0, size, ref);
            if (pos >= 0) {
                System.arraycopy(refs, pos + 1, refs, pos, size - pos - 1);
                size--;
            }
            return size;
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(refs, size);
        }

        synchronized int size() {
            return size;
        }
    }
}
