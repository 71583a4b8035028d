package org.osprey.bench.tsdb;

import java.nio.file.Files;
import java.nio.file.Path;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;

/**
 * Heap bytes per active head series: N series (labels shaped like a node-exporter scrape), one
 * hour of 15 s samples each (two full chunks moved to mapped files plus an open chunk), WAL on.
 * Also times a clean restart (WAL replay) of the same directory. Run:
 * {@code java -Xmx4g -cp benchmarks.jar org.osprey.bench.tsdb.HeadMemoryEvaluation 100000}
 */
public final class HeadMemoryEvaluation {
    private HeadMemoryEvaluation() {
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 240;
        Path dir = Files.createTempDirectory("head-mem");
        TsdbOptions opts = TsdbOptions.defaults().withWal(true, false).withCompaction(false);
        try {
            long before = usedHeap();
            long appendNanos;
            try (Tsdb db = Tsdb.open(dir, opts)) {
                long[] refs = new long[n];
                Labels[] ls = new Labels[n];
                for (int i = 0; i < n; i++) {
                    ls[i] = Labels.of("__name__", "metric_" + (i % 500), "instance", "10.0." + (i / 500 / 250) + "." + (i / 500 % 250) + ":9100",
                            "job", "node", "mode", i % 2 == 0 ? "user" : "system");
                }
                long t0 = System.nanoTime();
                for (int s = 0; s < samples; s++) {
                    Appender a = db.appender();
                    for (int i = 0; i < n; i++) {
                        refs[i] = a.append(refs[i], ls[i], s * 15_000L + (i & 7), 1000 + s * 3 + (i & 3));
                        if ((i & 1023) == 1023) {
                            a.commit();
                            a = db.appender();
                        }
                    }
                    a.commit();
                }
                appendNanos = System.nanoTime() - t0;
                ls = null;
                refs = null;
                long after = usedHeap();
                System.out.printf("series=%d samples/series=%d%n", n, samples);
                System.out.printf("append: %.0f samples/s (one thread, WAL without fsync)%n", (double) n * samples / (appendNanos / 1e9));
                System.out.printf("heap per series: %.0f bytes (heap growth %d MB)%n", (after - before) / (double) n, (after - before) >> 20);
                System.out.printf("head chunk files: %d MB mapped%n", dirSize(dir.resolve("chunks_head")) >> 20);
            }
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            try (Tsdb db = Tsdb.open(dir, opts)) {
                System.out.printf("restart (WAL replay of %d series, %d samples): %d ms wall, %d ms CPU%n", db.headSeries(), (long) n * samples,
                        (System.nanoTime() - t1) / 1_000_000, (mx.getCurrentThreadCpuTime() - c0) / 1_000_000);
            }
            System.out.printf("WAL bytes per sample: %.2f%n", dirSize(dir.resolve("wal")) / ((double) n * samples));
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long dirSize(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
