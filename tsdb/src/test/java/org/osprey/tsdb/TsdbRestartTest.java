package org.osprey.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.head.HeadSnapshot;
import org.osprey.tsdb.memory.MemoryStorage;

/** Clean restarts go through the shutdown snapshot; the result must equal the reference store. */
class TsdbRestartTest {
    @TempDir
    Path dir;

    private static java.util.Map<Labels, List<long[]>> want(MemoryStorage oracle, boolean deleted) {
        var want = StorageConformanceTest.read(oracle, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.regex("__name__", ".+"));
        if (deleted) {
            want.get(Labels.of("__name__", "r", "s", "3")).removeIf(x -> x[0] <= 30_000);
        }
        return want;
    }

    @Test
    void cleanRestartsRestoreTheHeadFromTheSnapshotWithoutLosingAnything() throws Exception {
        long seed = Long.getLong("osprey.seed", System.nanoTime());
        System.out.println("cleanRestarts seed=" + seed);
        Random r = new Random(seed);
        MemoryStorage oracle = new MemoryStorage();
        TsdbOptions opts = TsdbOptions.defaults().withWal(true, false).withCompaction(false).withOutOfOrderWindow(60_000);
        List<String> logs = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord rec) {
                logs.add(rec.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger(HeadSnapshot.class.getName()).addHandler(h);
        try {
            long t = 0;
            for (int restart = 0; restart < 3; restart++) {
                try (Tsdb db = Tsdb.open(dir, opts)) {
                    if (restart > 0) {
                        assertFalse(Files.exists(dir.resolve(HeadSnapshot.FILE)), "the snapshot is consumed at open");
                        StorageConformanceTest.assertSameData(want(oracle, restart > 1),
                                StorageConformanceTest.read(db, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.regex("__name__", ".+")));
                    }
                    for (int batch = 0; batch < 300; batch++) {
                        Appender a = db.appender();
                        Appender o = oracle.appender();
                        for (int s = 0; s < 20; s++) {
                            Labels l = Labels.of("__name__", "r", "s", "" + s);
                            double v = r.nextInt(3) == 0 ? r.nextGaussian() : batch;
                            a.append(0, l, t + s, v);
                            o.append(0, l, t + s, v);
                        }
                        a.commit();
                        o.commit();
                        t += 15_000;
                    }
                    if (restart == 1) {
                        assertEquals(1, db.delete(0, 30_000, LabelMatcher.equal("s", "3")));
                    }
                }
                assertTrue(Files.exists(dir.resolve(HeadSnapshot.FILE)), "clean close writes the snapshot");
            }
            try (Tsdb db = Tsdb.open(dir, opts)) {
                var got = StorageConformanceTest.read(db, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.regex("__name__", ".+"));
                StorageConformanceTest.assertSameData(want(oracle, true), got); // the deletion survives restarts too
            }
        } finally {
            Logger.getLogger(HeadSnapshot.class.getName()).removeHandler(h);
        }
        assertEquals(3, logs.stream().filter(l -> l.startsWith("head restored from shutdown snapshot")).count(), logs.toString());
    }
}
