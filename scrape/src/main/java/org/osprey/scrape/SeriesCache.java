package org.osprey.scrape;

import java.util.Arrays;
import org.osprey.model.labels.Labels;

/**
 * One target's series, keyed by the raw bytes of the series text ({@code name{labels}}) as the
 * target sent it: a hit yields the storage ref and final labels without parsing labels or building
 * a {@link Labels}. Open addressing over parallel arrays; a lookup allocates nothing.
 *
 * <p>Each entry records the scrape iteration that last saw it, which drives staleness (seen last
 * time, not this time) and eviction (unseen for {@link #EVICT_AFTER} scrapes).
 * Thread-safety: confined to its scrape loop.
 */
final class SeriesCache {
    static final int EVICT_AFTER = 10;

    /** A cached series; {@code labels == null} marks one dropped by metric relabeling. */
    static final class Entry {
        final byte[] key;
        final int hash;
        Labels labels;
        long ref;
        int lastIter;
        /** Timestamp of the last sample appended (for stale markers of honored timestamps). */
        long lastT;

        Entry(byte[] key, int hash) {
            this.key = key;
            this.hash = hash;
        }
    }

    private Entry[] table = new Entry[1024];
    private int size;

    int size() {
        return size;
    }

    /**
     * Hashes eight bytes per step (little-endian long reads, multiply-xorshift mixing): series
     * texts are 50-150 bytes, and a byte-at-a-time FNV showed in profiles of the hit path.
     */
    static int hash(byte[] buf, int from, int to) {
        long h = 0x9E3779B97F4A7C15L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ ((long) LONGS.get(buf, i) * 0xbf58476d1ce4e5b9L)) * 0x94d049bb133111ebL;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (; i < to; i++) {
            tail = (tail << 8) | (buf[i] & 0xff);
        }
        h = (h ^ tail) * 0xbf58476d1ce4e5b9L;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32));
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The entry for buf[from, to), or null. */
    Entry get(byte[] buf, int from, int to, int hash) {
        Entry[] t = table;
        int mask = t.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Entry e = t[i];
            if (e == null) {
                return null;
            }
            if (e.hash == hash && Arrays.equals(e.key, 0, e.key.length, buf, from, to)) {
                return e;
            }
        }
    }

    /** Adds a new entry for buf[from, to) (caller checked it is absent). */
    Entry add(byte[] buf, int from, int to, int hash) {
        if ((size + 1) * 2 > table.length) {
            resize(table.length * 2);
        }
        Entry e = new Entry(Arrays.copyOfRange(buf, from, to), hash);
        insert(table, e);
        size++;
        return e;
    }

    private static void insert(Entry[] t, Entry e) {
        int mask = t.length - 1;
        int i = e.hash & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = e;
    }

    private void resize(int capacity) {
        Entry[] n = new Entry[capacity];
        for (Entry e : table) {
            if (e != null) {
                insert(n, e);
            }
        }
        table = n;
    }

    /** Drops entries unseen since iteration {@code iter - EVICT_AFTER}; rebuilds the table. */
    void evictOlderThan(int iter) {
        Entry[] n = new Entry[table.length];
        int kept = 0;
        for (Entry e : table) {
            if (e != null && iter - e.lastIter <= EVICT_AFTER) {
                insert(n, e);
                kept++;
            }
        }
        table = n;
        size = kept;
    }
}
