package org.osprey.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesCacheTest {
    @Test
    void findsEntriesByRawBytesAtAnyOffsetAcrossResizesAndEviction() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        SeriesCache c = new SeriesCache();
        int n = 5000;
        SeriesCache.Entry[] added = new SeriesCache.Entry[n];
        for (int i = 0; i < n; i++) {
            byte[] key = ("metric_" + i + "{a=\"" + rnd.nextInt(1000) + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[key.length + 7];
            int off = rnd.nextInt(7);
            System.arraycopy(key, 0, padded, off, key.length);
            int h = SeriesCache.hash(padded, off, off + key.length);
            assertEquals(SeriesCache.hash(key, 0, key.length), h, "hash depends on bytes only, seed " + seed);
            assertNull(c.get(padded, off, off + key.length, h));
            added[i] = c.add(padded, off, off + key.length, h);
            added[i].lastIter = i < n / 2 ? 0 : 100;
        }
        assertEquals(n, c.size());
        for (int i = 0; i < n; i++) {
            byte[] key = added[i].key;
            assertSame(added[i], c.get(key, 0, key.length, SeriesCache.hash(key, 0, key.length)), "seed " + seed);
        }
        c.evictOlderThan(100);
        assertEquals(n / 2, c.size());
        byte[] old = added[0].key;
        assertNull(c.get(old, 0, old.length, SeriesCache.hash(old, 0, old.length)));
        byte[] kept = added[n - 1].key;
        assertSame(added[n - 1], c.get(kept, 0, kept.length, SeriesCache.hash(kept, 0, kept.length)));
        assertNotSame(added[0], added[1]);
    }
}
