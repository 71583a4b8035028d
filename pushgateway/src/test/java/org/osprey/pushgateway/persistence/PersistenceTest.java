package org.osprey.pushgateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.pushgateway.PushgatewayOptions;
import org.osprey.pushgateway.RunningPushgateway;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;
import org.osprey.pushgateway.store.MetricGroup;

/** State survives a restart through the persistence file; a crash loses at most one interval. */
class PersistenceTest {
    @TempDir
    Path dir;

    private static final String BODY = """
            # HELP rpc Latency.
            # TYPE rpc summary
            rpc{quantile="0.5"} 0.2
            rpc_sum 10
            rpc_count 40
            # TYPE lat histogram
            lat_bucket{le="0.1"} 1
            lat_bucket{le="+Inf"} 4
            lat_sum 2.5
            lat_count 4
            g{a="x\\"y"} 3.5
            """;

    @Test
    void restartRestoresGroupsAndPushTimes() throws Exception {
        Path file = dir.resolve("pg.data");
        PushgatewayOptions options = PushgatewayOptions.defaults().withPersistence(file, 60_000);
        String before;
        try (RunningPushgateway pg = new RunningPushgateway(options)) {
            assertEquals(200, pg.send("PUT", "/metrics/job/a/instance/i1", BODY).statusCode());
            assertEquals(200, pg.send("PUT", "/metrics/job/b/e@base64/=", "other 1\n").statusCode());
            assertEquals(400, pg.send("PUT", "/metrics/job/c", "# TYPE g counter\ng 1\n").statusCode());
            before = pg.pushedMetrics();
        } // stop writes the file a last time
        assertTrue(Files.size(file) > 0);
        try (RunningPushgateway pg = new RunningPushgateway(options)) {
            assertEquals(before, pg.pushedMetrics(), "same groups, metrics and push times after restart");
            // Consistency indexes were rebuilt: a conflicting type is still rejected.
            assertEquals(400, pg.send("PUT", "/metrics/job/d", "# TYPE g counter\ng 1\n").statusCode());
        }
    }

    @Test
    void expiredGroupsStayExpiredAcrossARestart() throws Exception {
        Path file = dir.resolve("ttl.data");
        PushgatewayOptions options = PushgatewayOptions.defaults().withPersistence(file, 60_000);
        try (RunningPushgateway pg = new RunningPushgateway(options)) {
            pg.send("PUT", "/metrics/job/brief", "m 1\n", "X-Osprey-Group-TTL", "200ms");
            pg.send("PUT", "/metrics/job/lasting", "m 2\n");
        }
        Thread.sleep(300);
        try (RunningPushgateway pg = new RunningPushgateway(options)) {
            String s = pg.pushedMetrics();
            assertFalse(s.contains("job=\"brief\""), s);
            assertTrue(s.contains("m{instance=\"\",job=\"lasting\"} 2"), s);
        }
    }

    @Test
    void aCorruptFileStopsTheStartInsteadOfBeingOverwritten() throws Exception {
        Path file = dir.resolve("bad.data");
        Files.writeString(file, "OSPGWSNP but not really");
        org.osprey.pushgateway.Pushgateway pg = new org.osprey.pushgateway.Pushgateway(
                PushgatewayOptions.defaults().withListenAddress("127.0.0.1:0").withPersistence(file, 60_000));
        assertThrows(java.io.IOException.class, pg::start);
        pg.stop();
        assertEquals("OSPGWSNP but not really", Files.readString(file), "the file is left for the operator");
    }

    @Test
    void crashLosesAtMostOneInterval() throws Exception {
        Path file = dir.resolve("pg.data");
        PushgatewayOptions options = PushgatewayOptions.defaults().withPersistence(file, 200);
        RunningPushgateway pg = new RunningPushgateway(options);
        pg.send("PUT", "/metrics/job/early", "m 1\n");
        long deadline = System.currentTimeMillis() + 5000;
        while (SnapshotFile.read(file).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        // Simulate a crash: read the file as it is on disk without the shutdown write.
        List<MetricGroup> onDisk = SnapshotFile.read(file);
        pg.close();
        assertEquals(1, onDisk.size(), "the periodic writer persisted the push within an interval");
        assertEquals("early", onDisk.getFirst().groupingKey().get("job"));
    }

    @Test
    void snapshotRoundTripsEveryField() throws Exception {
        Path file = dir.resolve("s.data");
        Metric summary = new Metric(LabelPairs.of("instance", "", "job", "j"), 0, 40, 10, new double[] {0.5, 0.9},
                new double[] {0.2, Double.NaN}, Metric.NO_TIMESTAMP);
        Metric gauge = Metric.simple(LabelPairs.of("a", "Προμηθεύς", "job", "j"), Double.NEGATIVE_INFINITY, Metric.NO_TIMESTAMP);
        MetricGroup g = new MetricGroup(LabelPairs.of("job", "j"), Map.of(
                "rpc", new Family("rpc", "Latency.\nTwo lines", MetricType.SUMMARY, List.of(summary)),
                "g", new Family("g", null, MetricType.GAUGE, List.of(gauge))), 1.5e9, 1.4e9, 1234, 99_999);
        SnapshotFile.write(file, List.of(g));
        List<MetricGroup> read = SnapshotFile.read(file);
        assertEquals(1, read.size());
        assertEquals(g, read.getFirst());
        assertFalse(Files.exists(dir.resolve("s.data.tmp")), "temporary file renamed away");
    }

    @Test
    void corruptionIsDetectedAndNamesTheFile() throws Exception {
        Path file = dir.resolve("c.data");
        SnapshotFile.write(file, List.of(new MetricGroup(LabelPairs.of("job", "j"), Map.of(), 1, 0, 1, MetricGroup.NEVER)));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(20);
            int b = raf.read();
            raf.seek(20);
            raf.write(b ^ 0x01);
        }
        var e = assertThrows(SnapshotFile.CorruptSnapshotException.class, () -> SnapshotFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"), e.getMessage());
        Files.writeString(file, "not a snapshot at all");
        assertTrue(assertThrows(SnapshotFile.CorruptSnapshotException.class, () -> SnapshotFile.read(file)).getMessage().contains("magic"));
    }
}
