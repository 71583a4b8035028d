package org.osprey.bench.tsdb;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbCounters;
import org.osprey.tsdb.TsdbOptions;
import org.osprey.tsdb.head.FullChunkStore;
import org.osprey.tsdb.head.Head;

/**
 * Does a persisted Chronicle Map labels → series-ref registry make restart faster than replaying
 * the WAL's series records? Measures, for N series: (a) open of a Tsdb whose WAL holds N series
 * records and one sample each (full replay, head rebuilt), (b) opening a persisted Chronicle Map
 * of the same N entries and rebuilding the same head from it, and the per-series cost of keeping
 * the map up to date on the append path. Run:
 * {@code java <chronicle flags> -cp benchmarks.jar org.osprey.bench.tsdb.ChronicleRegistryEvaluation 200000}
 */
public final class ChronicleRegistryEvaluation {
    private ChronicleRegistryEvaluation() {
    }

    private static Labels labels(int i) {
        return Labels.of("__name__", "metric_" + (i % 200), "instance", "host-" + (i / 200) + ":9100", "job", "node", "env", "prod",
                "pod", "pod-" + Integer.toHexString(i * 2654435761L > 0 ? i * 7919 : i));
    }

    /** "name\u0000value\u0000..." — a compact flat key. */
    private static String key(Labels l) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            sb.append(l.name(i)).append('\0').append(l.value(i)).append('\0');
        }
        return sb.toString();
    }

    private static Labels parse(CharSequence k) {
        Labels.Builder b = Labels.builder();
        String s = k.toString();
        int p = 0;
        while (p < s.length()) {
            int a = s.indexOf('\0', p);
            int c = s.indexOf('\0', a + 1);
            b.set(s.substring(p, a), s.substring(a + 1, c));
            p = c + 1;
        }
        return b.build();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path tmp = Files.createTempDirectory("chronicle-eval");
        try {
            for (int round = 0; round < 3; round++) {
                run(n, tmp.resolve("r" + round), round == 2);
            }
        } finally {
            try (var s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(int n, Path dir, boolean print) throws Exception {
        Files.createDirectories(dir);
        Labels[] ls = new Labels[n];
        for (int i = 0; i < n; i++) {
            ls[i] = labels(i);
        }
        // (a) WAL: write N series with one sample each, close, time the reopen (replay)
        Path data = dir.resolve("tsdb");
        try (Tsdb db = Tsdb.open(data, TsdbOptions.defaults().withWal(true, false).withCompaction(false))) {
            Appender a = db.appender();
            for (int i = 0; i < n; i++) {
                a.append(0, ls[i], 1000, i);
                if (i % 10_000 == 9_999) {
                    a.commit();
                    a = db.appender();
                }
            }
            a.commit();
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long seriesA;
        try (Tsdb db = Tsdb.open(data, TsdbOptions.defaults().withWal(true, false).withCompaction(false))) {
            seriesA = db.headSeries();
        }
        long walOpen = System.nanoTime() - t0;
        long walCpu = mx.getCurrentThreadCpuTime() - c0;

        // (b) Chronicle: build the persisted registry (append-path cost), close, time reopen + head rebuild
        File file = dir.resolve("registry.cm").toFile();
        long tPut = System.nanoTime();
        try (ChronicleMap<CharSequence, Long> map = ChronicleMapBuilder.of(CharSequence.class, Long.class)
                .averageKey(key(ls[0])).entries(n).createPersistedTo(file)) {
            for (int i = 0; i < n; i++) {
                map.put(key(ls[i]), (long) i + 1);
            }
        }
        long putNanos = System.nanoTime() - tPut;
        long c1 = mx.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        Head head = new Head(TsdbOptions.defaults(), new TsdbCounters(), FullChunkStore.HEAP);
        try (ChronicleMap<CharSequence, Long> map = ChronicleMapBuilder.of(CharSequence.class, Long.class)
                .averageKey(key(ls[0])).entries(n).createPersistedTo(file)) {
            // the map iterates in hash order; sort by ref so postings lists are appended, not inserted into
            long[] refs = new long[map.size()];
            Labels[] byRef = new Labels[map.size() + 1];
            int k = 0;
            for (Map.Entry<CharSequence, Long> e : map.entrySet()) {
                long ref = e.getValue();
                refs[k++] = ref;
                byRef[(int) ref] = parse(e.getKey());
            }
            java.util.Arrays.sort(refs);
            for (long ref : refs) {
                head.replaySeries(ref, byRef[(int) ref]);
            }
        }
        head.replayDone();
        long chronicleOpen = System.nanoTime() - t1;
        long chronicleCpu = mx.getCurrentThreadCpuTime() - c1;
        if (print) {
            System.out.printf("series=%d%n", n);
            System.out.printf("(a) WAL replay open: %d ms wall, %d ms CPU (%d series rebuilt, includes one sample per series)%n",
                    walOpen / 1_000_000, walCpu / 1_000_000, seriesA);
            System.out.printf("(b) Chronicle registry open + head rebuild: %d ms wall, %d ms CPU (%d series)%n",
                    chronicleOpen / 1_000_000, chronicleCpu / 1_000_000, head.numSeries());
            System.out.printf("    Chronicle put per new series (append path): %.2f us; file %d MB%n", putNanos / 1000.0 / n, file.length() >> 20);
            System.out.printf("    WAL dir size: %d KB%n", dirSize(data.resolve("wal")) >> 10);
        }
    }

    private static long dirSize(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
