package org.osprey.tsdb.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
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
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbCounters;
import org.osprey.tsdb.TsdbOptions;
import org.osprey.tsdb.head.FullChunkStore;
import org.osprey.tsdb.head.Head;

class WalTest {
    @TempDir
    Path dir;

    private static final TsdbOptions OPTS = TsdbOptions.defaults().withWal(true, false);

    /** Writes {@code batches} commits of one sample per series (3 series); returns nothing, data is t = batch*1000. */
    private void writeBatches(int batches) {
        try (Tsdb db = Tsdb.open(dir, OPTS)) {
            for (int b = 0; b < batches; b++) {
                Appender a = db.appender();
                for (int s = 0; s < 3; s++) {
                    a.append(0, Labels.of("__name__", "w", "s", "" + s), b * 1000L, b);
                }
                a.commit();
            }
        }
        try {
            // Without the shutdown snapshot the next open is a restart after a crash: full WAL replay.
            Files.deleteIfExists(dir.resolve(org.osprey.tsdb.head.HeadSnapshot.FILE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sample timestamps per series "s" label value, after reopening. */
    private static List<List<Long>> read(Tsdb db) {
        List<List<Long>> out = new ArrayList<>();
        try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, null, LabelMatcher.equal("__name__", "w"));
            while (set.next()) {
                List<Long> ts = new ArrayList<>();
                SampleIterator it = set.at().iterator(null);
                while (it.next()) {
                    ts.add(it.atT());
                    assertEquals(it.atT() / 1000.0, it.at());
                }
                out.add(ts);
            }
        }
        return out;
    }

    private static List<Long> recordStarts(byte[] b) {
        List<Long> out = new ArrayList<>();
        int pos = Wal.HEADER_BYTES;
        while (pos < b.length) {
            out.add((long) pos);
            int len = ((b[pos + 1] & 0xff) << 24) | ((b[pos + 2] & 0xff) << 16) | ((b[pos + 3] & 0xff) << 8) | (b[pos + 4] & 0xff);
            pos += Wal.RECORD_HEADER_BYTES + len;
        }
        return out;
    }

    private Path onlySegment() throws IOException {
        try (var s = Files.list(dir.resolve("wal"))) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{8}") && fileSize(p) > Wal.HEADER_BYTES)
                    .findFirst().orElseThrow();
        }
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void tornTailIsTruncatedAtLastGoodRecordAndCounted() throws Exception {
        long seed = Long.getLong("osprey.seed", System.nanoTime());
        System.out.println("tornTail seed=" + seed);
        Random r = new Random(seed);
        writeBatches(50);
        Path seg = onlySegment();
        long size = Files.size(seg);
        // cut inside one of the last three records, never exactly on a record boundary (a file that
        // ends on a boundary is indistinguishable from one that was never longer)
        List<Long> starts = recordStarts(Files.readAllBytes(seg));
        long from = starts.get(starts.size() - 3);
        long cutAt;
        do {
            cutAt = from + 1 + r.nextInt((int) (size - from - 1));
        } while (starts.contains(cutAt));
        long cut = size - cutAt;
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(size - cut);
        }
        Capture cap = new Capture();
        Logger.getLogger(Wal.class.getName()).addHandler(cap);
        try (Tsdb db = Tsdb.open(dir, OPTS)) {
            List<List<Long>> got = read(db);
            assertEquals(3, got.size());
            int kept = got.get(0).size();
            assertTrue(kept < 50 && kept >= 45, "kept " + kept + " of 50 after cutting " + cut + " bytes");
            for (List<Long> ts : got) {
                assertEquals(kept, ts.size(), "whole batches only");
                for (int i = 0; i < kept; i++) {
                    assertEquals(i * 1000L, ts.get(i));
                }
            }
            assertEquals(1, db.counters().walCorruptions());
        } finally {
            Logger.getLogger(Wal.class.getName()).removeHandler(cap);
        }
        assertTrue(cap.lines.stream().anyMatch(l -> l.contains("truncated to the last good record")), cap.lines.toString());
        assertTrue(cap.lines.stream().anyMatch(l -> l.startsWith("WAL segment loaded")), cap.lines.toString());
        try (Tsdb db = Tsdb.open(dir, OPTS)) {
            assertEquals(0, db.counters().walCorruptions(), "repaired once, clean afterwards");
        }
    }

    @Test
    void flippedByteInTheMiddleKeepsThePrefix() throws Exception {
        writeBatches(40);
        Path seg = onlySegment();
        long size = Files.size(seg);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(size / 2);
            int b = f.read();
            f.seek(size / 2);
            f.write(b ^ 0x5a);
        }
        try (Tsdb db = Tsdb.open(dir, OPTS)) {
            List<List<Long>> got = read(db);
            int kept = got.get(0).size();
            assertTrue(kept > 10 && kept < 40, "kept " + kept);
            assertEquals(1, db.counters().walCorruptions());
        }
        assertTrue(Files.size(seg) < size / 2 + 1);
    }

    @Test
    void checkpointKeepsLiveSeriesAndRecentSamplesOnly() throws Exception {
        TsdbCounters counters = new TsdbCounters();
        Head head = new Head(OPTS, counters, FullChunkStore.HEAP);
        Wal wal = Wal.open(dir.resolve("wal"), head, counters, 1 << 10, Long.MIN_VALUE);
        head.setLog(wal);
        for (int b = 0; b < 200; b++) {
            Appender a = head.appender();
            a.append(0, Labels.of("__name__", "w", "s", "live"), b * 1000L, b);
            if (b < 50) {
                a.append(0, Labels.of("__name__", "w", "s", "gone"), b * 1000L, b);
            }
            a.commit();
        }
        assertTrue(Wal.segments(dir.resolve("wal")).size() > 3, "small segments rotate");
        long mint = 100_000;
        head.truncate(mint);
        wal.checkpoint(mint, ref -> head.series(ref) != null);
        Appender a = head.appender();
        a.append(0, Labels.of("__name__", "w", "s", "live"), 500_000, 500);
        a.commit();
        wal.close();
        assertEquals(1, Wal.segments(dir.resolve("wal")).size());
        assertTrue(Files.isDirectory(dir.resolve("wal").resolve(String.format("checkpoint.%08d", Wal.latestCheckpoint(dir.resolve("wal"))))));

        Head again = new Head(OPTS, new TsdbCounters(), FullChunkStore.HEAP);
        Wal.open(dir.resolve("wal"), again, new TsdbCounters(), 1 << 10, Long.MIN_VALUE).close();
        assertEquals(1, again.numSeries());
        assertEquals(mint, again.minTime());
        assertEquals(500_000, again.maxTime());
        assertFalse(again.postings().labelValues("s").contains("gone"));
    }
}
