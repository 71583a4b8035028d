package org.osprey.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;

/**
 * A full disk, simulated by pointing the next WAL segment at /dev/full (every write fails with
 * ENOSPC): commits fail fast with an error naming the segment, nothing half-applied is visible,
 * and what was committed before stays readable.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void commitOnAFullDiskFailsWithAClearErrorInsteadOfHanging() throws Exception {
        Path devFull = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(devFull), "needs /dev/full");
        TsdbOptions opts = TsdbOptions.defaults().withWal(true, true).withWalSegmentBytes(4096).withCompaction(false);
        Labels l = Labels.of("__name__", "d");
        try (Tsdb db = Tsdb.open(dir, opts)) {
            // the first segment after open is 00000001; the one after rotation goes to /dev/full
            Files.createSymbolicLink(dir.resolve("wal").resolve("00000002"), devFull);
            int committed = 0;
            UncheckedIOException failure = null;
            for (int i = 0; i < 10_000 && failure == null; i++) {
                Appender a = db.appender();
                a.append(0, l, i * 1000L, i);
                try {
                    a.commit();
                    committed++;
                } catch (UncheckedIOException e) {
                    failure = e;
                }
            }
            UncheckedIOException e = failure;
            assertTrue(e != null, "a commit failed once the segment hit the full disk");
            assertTrue(e.getMessage().contains("00000002") && e.getMessage().contains("No space left on device"), e.getMessage());
            int ok = committed;
            var got = StorageConformanceTest.read(db, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.equal("__name__", "d"));
            assertEquals(ok, got.get(l).size(), "exactly the committed samples are visible");
            // further commits keep failing quickly rather than blocking
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                Appender a = db.appender();
                a.append(0, l, 99_000_000L, 1);
                assertThrows(UncheckedIOException.class, a::commit);
            });
        }
    }
}
