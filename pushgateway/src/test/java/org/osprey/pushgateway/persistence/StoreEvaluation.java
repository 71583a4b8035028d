package org.osprey.pushgateway.persistence;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;
import org.osprey.pushgateway.store.MetricGroup;

/**
 * Not a test: a one-off measurement behind the persistence decision in the module README.
 * Persists the same groups (default 1,000 groups of 100 gauge series) with Chronicle Map (one
 * entry per group, the group encoded as its own snapshot) and with {@link SnapshotFile}, and
 * tries a group far larger than the map's configured average. Run with the Chronicle JVM flags
 * of the root pom's argLine:
 * {@code java $FLAGS -cp $(pushgateway/scripts/classpath.sh) org.osprey.pushgateway.persistence.StoreEvaluation [groups] [series]}
 */
public final class StoreEvaluation {
    private StoreEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        int groupCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int series = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<MetricGroup> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            groups.add(group("job" + g, series));
        }
        Path dir = Files.createTempDirectory("pg-eval");
        Map<String, byte[]> encoded = new HashMap<>();
        for (MetricGroup g : groups) {
            encoded.put(g.groupingKey().toString(), SnapshotFile.encode(List.of(g)));
        }
        int avg = (int) encoded.values().stream().mapToInt(b -> b.length).average().orElse(1);
        System.out.printf("%d groups x %d series, %d bytes per encoded group%n", groupCount, series, avg);

        for (int round = 0; round < 3; round++) {
            Path snap = dir.resolve("snap" + round + ".data");
            long t0 = System.nanoTime();
            long size = SnapshotFile.write(snap, groups);
            long t1 = System.nanoTime();
            List<MetricGroup> back = SnapshotFile.read(snap);
            long t2 = System.nanoTime();
            System.out.printf("snapshot: write %.1f ms (incl. fsync), read %.1f ms, %d bytes, %d groups back%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, size, back.size());
        }

        for (int round = 0; round < 3; round++) {
            File cm = dir.resolve("chronicle" + round + ".dat").toFile();
            long t0 = System.nanoTime();
            try (ChronicleMap<CharSequence, byte[]> map = ChronicleMapBuilder.of(CharSequence.class, byte[].class)
                    .name("pushgateway-groups").averageKey("job=\"job123\"").averageValueSize(avg)
                    .entries(groupCount * 2L).createPersistedTo(cm)) {
                long t1 = System.nanoTime();
                for (Map.Entry<String, byte[]> e : encoded.entrySet()) {
                    map.put(e.getKey(), e.getValue());
                }
                long t2 = System.nanoTime();
                System.out.printf("chronicle: create %.1f ms, put all %.1f ms (no fsync), file %d bytes%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, cm.length());
            }
            long t3 = System.nanoTime();
            int back = 0;
            try (ChronicleMap<CharSequence, byte[]> map = ChronicleMapBuilder.of(CharSequence.class, byte[].class)
                    .name("pushgateway-groups").averageKey("job=\"job123\"").averageValueSize(avg)
                    .entries(groupCount * 2L).createPersistedTo(cm)) {
                for (byte[] v : map.values()) {
                    back += SnapshotFile.decode(v, cm.toPath()).size();
                }
            }
            System.out.printf("chronicle: reopen and decode %.1f ms, %d groups back%n", (System.nanoTime() - t3) / 1e6, back);
        }

        // A pusher is free to send one huge group; Chronicle sizes segments from the average.
        File big = dir.resolve("big.dat").toFile();
        try (ChronicleMap<CharSequence, byte[]> map = ChronicleMapBuilder.of(CharSequence.class, byte[].class)
                .averageKey("job=\"job123\"").averageValueSize(avg).entries(groupCount * 2L).createPersistedTo(big)) {
            byte[] huge = SnapshotFile.encode(List.of(group("huge", series * 2000)));
            map.put("huge", huge);
            System.out.printf("chronicle: a %d-byte group was accepted (file now %d bytes)%n", huge.length, big.length());
        } catch (RuntimeException e) {
            System.out.printf("chronicle: a group %dx the average was refused: %s%n", 2000, e);
        }
    }

    private static MetricGroup group(String job, int series) {
        LabelPairs key = LabelPairs.of("job", job);
        List<Metric> metrics = new ArrayList<>(series);
        for (int i = 0; i < series; i++) {
            metrics.add(Metric.simple(LabelPairs.of("instance", "", "job", job, "series", "s" + i), i * 1.5, Metric.NO_TIMESTAMP));
        }
        return new MetricGroup(key, Map.of("batch_metric", new Family("batch_metric", "A metric.", MetricType.GAUGE, metrics)),
                1.7e9, 0, 0, MetricGroup.NEVER);
    }
}
