package org.osprey.tsdb.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Storage;
import org.osprey.tsdb.StorageConformanceTest;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;
import org.osprey.tsdb.memory.MemoryStorage;

/** Head → blocks → compaction → retention, checked against the in-memory reference store. */
class BlockLifecycleTest {
    private static final long HOUR = 3_600_000L;
    private static final LabelMatcher ALL = LabelMatcher.regex("__name__", ".+");

    @TempDir
    Path dir;

    private static TsdbOptions opts() {
        // compaction is driven explicitly by the tests
        return TsdbOptions.defaults().withWal(true, false).withCompaction(false).withRetention(0, 0);
    }

    /** Appends the same random data to both stores: 12 series, one sample a minute for {@code hours}. */
    private static void fill(long seed, int hours, Storage... stores) {
        Random r = new Random(seed);
        long[][] refs = new long[stores.length][12];
        for (long t = 0; t < hours * HOUR; t += 60_000) {
            Appender[] as = new Appender[stores.length];
            for (int i = 0; i < stores.length; i++) {
                as[i] = stores[i].appender();
            }
            for (int s = 0; s < 12; s++) {
                if (r.nextInt(20) == 0) {
                    continue;
                }
                double v = r.nextInt(4) == 0 ? r.nextGaussian() : Math.floor(t / 60_000.0) + s;
                Labels l = Labels.of("__name__", "m" + (s % 3), "s", "" + s);
                for (int i = 0; i < stores.length; i++) {
                    refs[i][s] = as[i].append(refs[i][s], l, t + s, v);
                }
            }
            for (Appender a : as) {
                a.commit();
            }
        }
    }

    private static long seed(String name) {
        long seed = Long.getLong("osprey.seed", System.nanoTime());
        System.out.println(name + " seed=" + seed);
        return seed;
    }

    @Test
    void headBecomesBlocksWhichCompactAndSurviveRestart() throws Exception {
        MemoryStorage oracle = new MemoryStorage();
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(seed("headBecomesBlocks"), 20, db, oracle);
            db.compact();
            List<BlockMeta> metas = db.blocks();
            assertFalse(metas.isEmpty());
            // 20 h of data: the head keeps at most 1.5 ranges, the rest is in blocks merged past 2 h
            assertTrue(db.headMinTime() >= 16 * HOUR, "head min " + db.headMinTime());
            assertTrue(metas.stream().anyMatch(m -> m.maxTime() - m.minTime() > 2 * HOUR), "some block was compacted: " + metas);
            assertTrue(db.counters().compactions() > metas.size());
            StorageConformanceTest.assertSameData(read(oracle), read(db));
            StorageConformanceTest.assertSameData(read(oracle, 5 * HOUR + 17, 7 * HOUR), read(db, 5 * HOUR + 17, 7 * HOUR));
        }
        try (Tsdb db = Tsdb.open(dir, opts())) {
            StorageConformanceTest.assertSameData(read(oracle), read(db));
            try (var q = db.querier(0, Long.MAX_VALUE)) {
                assertEquals(List.of("m0", "m1", "m2"), q.labelValues("__name__"));
                assertEquals(List.of("0", "3", "6", "9"), q.labelValues("s", LabelMatcher.equal("__name__", "m0")));
            }
            assertEquals(0, db.minTime());
        }
    }

    private static Map<Labels, List<long[]>> read(Storage s) {
        return read(s, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static Map<Labels, List<long[]>> read(Storage s, long mint, long maxt) {
        return readAll(s, mint, maxt);
    }

    static Map<Labels, List<long[]>> readAll(Storage s, long mint, long maxt) {
        return StorageConformanceTest.read(s, mint, maxt, ALL);
    }

    @Test
    void retentionByTimeAndSizeDropsOldestBlocks() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts().withRetention(8 * HOUR, 0))) {
            fill(1, 24, db);
            db.compact();
            assertTrue(db.minTime() >= 24 * HOUR - 8 * HOUR - 4 * HOUR, "old blocks gone, min " + db.minTime());
            assertTrue(db.counters().compactions() > 0);
        }
        Path other = dir.resolve("sized");
        try (Tsdb db = Tsdb.open(other, opts().withRetention(0, 1))) {
            fill(1, 12, db);
            db.compact();
            assertEquals(List.of(), db.blocks(), "a 1-byte limit leaves no block");
            assertTrue(db.headSeries() > 0, "the head is never dropped by retention");
        }
    }

    @Test
    void deletedSeriesStayDeletedAcrossRestartAndCleanup() throws Exception {
        MemoryStorage oracle = new MemoryStorage();
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(7, 10, db, oracle);
            db.compact();
            assertTrue(db.delete(2 * HOUR, 9 * HOUR, LabelMatcher.equal("s", "4")) >= 2, "block and head series hit");
        }
        try (Tsdb db = Tsdb.open(dir, opts())) {
            Map<Labels, List<long[]>> got = read(db);
            List<long[]> s4 = got.get(Labels.of("__name__", "m1", "s", "4"));
            for (long[] x : s4) {
                assertTrue(x[0] < 2 * HOUR || x[0] > 9 * HOUR, "deleted sample at " + x[0]);
            }
            List<long[]> want = new ArrayList<>();
            for (long[] x : read(oracle).get(Labels.of("__name__", "m1", "s", "4"))) {
                if (x[0] < 2 * HOUR || x[0] > 9 * HOUR) {
                    want.add(x);
                }
            }
            assertEquals(want.size(), s4.size());
            long before = Files.walk(dir).filter(p -> p.getFileName().toString().equals("tombstones")).count();
            assertTrue(before > 0);
            db.cleanTombstones();
            assertEquals(0, Files.walk(dir).filter(p -> p.getFileName().toString().equals("tombstones")).count());
            assertEquals(want.size(), read(db).get(Labels.of("__name__", "m1", "s", "4")).size());
        }
    }

    @Test
    void snapshotHardLinksBlocksAndOpensAsADatabase() throws Exception {
        MemoryStorage oracle = new MemoryStorage();
        Path snap = dir.resolve("snap");
        try (Tsdb db = Tsdb.open(dir.resolve("data"), opts())) {
            fill(3, 9, db, oracle);
            db.compact();
            db.snapshot(snap, false);
            BlockMeta first = db.blocks().get(0);
            Path orig = dir.resolve("data").resolve(first.ulid()).resolve("index");
            Path linked = snap.resolve(first.ulid()).resolve("index");
            assertEquals(Files.getAttribute(orig, "unix:ino"), Files.getAttribute(linked, "unix:ino"));
        }
        try (Tsdb db = Tsdb.open(snap, opts())) {
            StorageConformanceTest.assertSameData(read(oracle), read(db));
        }
    }

    @Test
    void corruptChunkFileQuarantinesTheBlockAndTheRestStaysQueryable() throws Exception {
        List<String> logs = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logs.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        String victim;
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(5, 10, db);
            db.compact();
            victim = db.blocks().get(0).ulid();
        }
        Path chunk = dir.resolve(victim).resolve("chunks").resolve("000001");
        try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xff);
        }
        Logger.getLogger(Tsdb.class.getName()).addHandler(h);
        try (Tsdb db = Tsdb.open(dir, opts())) {
            assertTrue(logs.stream().anyMatch(l -> l.contains(victim) && l.contains("chunk checksum mismatch") && l.contains("quarantine")), logs.toString());
            assertTrue(Files.isDirectory(dir.resolve("quarantine").resolve(victim)));
            assertEquals(1, db.counters().blocksQuarantined());
            Map<Labels, List<long[]>> got = read(db);
            assertEquals(12, got.size(), "every series still answers from the other blocks and the head");
            assertTrue(db.minTime() > 0);
        } finally {
            Logger.getLogger(Tsdb.class.getName()).removeHandler(h);
        }
    }
}
