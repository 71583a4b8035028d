package org.osprey.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.LabelMatcher;

/**
 * Kills a child JVM with SIGKILL in the middle of heavy appends (twice, with a restart between),
 * then checks that every acknowledged batch is complete and nothing beyond the one batch that
 * may have been in flight exists.
 */
class KillDashNineTest {
    @TempDir
    Path dir;

    /**
     * Runs the child until it has acknowledged at least {@code minAcks} batches, kills it, and
     * returns the last ack it printed (read to end of stream: the child runs ahead of the reader).
     */
    private int runAndKill(int start, int minAcks) throws Exception {
        return runAndStop(start, minAcks, true);
    }

    private int runAndStop(int start, int minAcks, boolean kill) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                dir.toString(), Integer.toString(start));
        Path err = dir.resolveSibling(dir.getFileName() + "-child-" + start + ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        int last = start - 1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    last = Integer.parseInt(line.substring(4));
                    if (last - start + 1 >= minAcks && p.isAlive()) {
                        // Signal through the handle: unlike Process.destroy* it leaves our end of the
                        // pipe open, so the acks the child printed before dying can still be read.
                        if (kill) {
                            p.toHandle().destroyForcibly(); // SIGKILL
                        } else {
                            p.toHandle().destroy(); // SIGTERM: shutdown hooks run
                        }
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
        assertTrue(last - start + 1 >= minAcks, "child acknowledged only " + (last - start + 1) + " batches; stderr:\n"
                + Files.readString(err));
        return last;
    }

    @Test
    void everyAcknowledgedBatchSurvivesKillDashNineAndNothingElseAppears() throws Exception {
        int lastAck = runAndKill(0, 3000);
        // A clean open and close in between: the second child restores the head from the shutdown
        // snapshot instead of the WAL, and is then killed, so the final open must fall back to the WAL.
        Tsdb.open(dir, CrashChild.options()).close();
        assertTrue(Files.exists(dir.resolve(org.osprey.tsdb.head.HeadSnapshot.FILE)));
        int lastAck2 = runAndKill(lastAck + 2, 1500); // restart after replay, append more, kill again
        try (Tsdb db = Tsdb.open(dir, CrashChild.options())) {
            verify(db, lastAck, lastAck2);
            db.compact(); // whatever the kill interrupted completes now, and the data stays the same
            verify(db, lastAck, lastAck2);
            assertTrue(db.blocks().size() > 0, "old data moved into blocks");
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no half-written block is left");
            }
            System.out.println("kill -9: acks " + lastAck + " and " + lastAck2 + ", blocks " + db.blocks().size());
        }
    }

    @Test
    void sigtermWithoutAnExplicitCloseStillWritesTheShutdownSnapshot() throws Exception {
        int lastAck = runAndStop(0, 500, false);
        assertTrue(Files.exists(dir.resolve(org.osprey.tsdb.head.HeadSnapshot.FILE)), "the storage's shutdown hook closed it");
        try (Tsdb db = Tsdb.open(dir, CrashChild.options())) {
            assertTrue(!Files.exists(dir.resolve(org.osprey.tsdb.head.HeadSnapshot.FILE)), "restored from the snapshot");
            verify(db, lastAck, lastAck + 1);
        }
    }

    private static void verify(Tsdb db, int lastAck, int lastAck2) {
        List<List<long[]>> series = new ArrayList<>(StorageConformanceTest.read(db, Long.MIN_VALUE, Long.MAX_VALUE,
                LabelMatcher.equal("__name__", "crash")).values());
        assertEquals(CrashChild.SERIES, series.size());
        for (List<long[]> samples : series) {
            List<Long> ts = new ArrayList<>();
            for (long[] x : samples) {
                ts.add(x[0]);
                assertEquals(x[0] / 1000, (long) Double.longBitsToDouble(x[1]), "value matches its batch");
            }
            // batches 0..lastAck all present; lastAck+1 may or may not be; then lastAck+2..lastAck2
            int i = 0;
            for (long b = 0; b <= lastAck; b++) {
                assertEquals(b * 1000, ts.get(i++), "acknowledged batch " + b);
            }
            if (i < ts.size() && ts.get(i) == (lastAck + 1) * 1000L) {
                i++;
            }
            for (long b = lastAck + 2; b <= lastAck2; b++) {
                assertEquals(b * 1000, ts.get(i++), "acknowledged batch " + b + " of the second run");
            }
            if (i < ts.size()) {
                assertEquals((lastAck2 + 1) * 1000L, ts.get(i++), "only the unacknowledged in-flight batch may follow");
            }
            assertEquals(ts.size(), i, "nothing else");
        }
    }
}
