package org.osprey.tsdb.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.logging.Logger;
import java.util.zip.CRC32C;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.TsdbCounters;
import org.osprey.tsdb.head.Head;
import org.osprey.tsdb.head.HeadLog;
import org.osprey.tsdb.head.MemSeries;

/**
 * The write-ahead log: numbered segment files in {@code wal/}, each a header (magic "OSPW",
 * version) followed by CRC32C-checked records of series, samples and tombstones
 * (see {@code tsdb/docs/format/wal.md}). Replay at start rebuilds the head; a torn or corrupt
 * record ends replay of that segment, the file is truncated there, later segments are removed,
 * and the loss is logged and counted. Checkpoints fold old segments into {@code checkpoint.N}
 * keeping only live series and samples the head still holds. Thread-safe: writes are serialized
 * by the head's commit lock and this object's lock.
 */
public final class Wal implements HeadLog, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Wal.class.getName());
    static final int MAGIC = 0x4F535057; // "OSPW"
    static final int VERSION = 2;
    static final int HEADER_BYTES = 8;
    static final int RECORD_HEADER_BYTES = 9;
    static final int SERIES = 1;
    static final int SAMPLES = 2;
    static final int TOMBSTONES = 3;

    private final Path dir;
    private final TsdbCounters counters;
    private final long segmentBytes;
    private final RecordBuffer rb = new RecordBuffer(1 << 16);
    private final CRC32C crc = new CRC32C();
    private final Object lock = new Object();
    private FileChannel cur;
    private int curIndex;
    private long curSize;
    private volatile boolean closed;

    private Wal(Path dir, TsdbCounters counters, long segmentBytes) {
        this.dir = dir;
        this.counters = counters;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Replays the WAL in {@code dir} into the head, then opens a fresh segment for writing.
     *
     * @param minValidTime samples older than this are already in blocks and are skipped
     */
    public static Wal open(Path dir, Head head, TsdbCounters counters, long segmentBytes, long minValidTime) throws IOException {
        return open(dir, head, counters, segmentBytes, minValidTime, -1);
    }

    /**
     * As {@link #open(Path, Head, TsdbCounters, long, long)}, skipping the checkpoint and segments
     * up to {@code coveredSegment} (already in the head, restored from a shutdown snapshot).
     */
    public static Wal open(Path dir, Head head, TsdbCounters counters, long segmentBytes, long minValidTime, int coveredSegment) throws IOException {
        Files.createDirectories(dir);
        Wal wal = new Wal(dir, counters, segmentBytes);
        int last = Math.max(wal.replay(head, minValidTime, coveredSegment), coveredSegment);
        wal.openSegment(last + 1);
        return wal;
    }

    /** Index of the segment being written. */
    public int currentSegment() {
        synchronized (lock) {
            return curIndex;
        }
    }

    public Path dir() {
        return dir;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void log(List<MemSeries> created, long[] refs, long[] ts, double[] vs, int n) {
        synchronized (lock) {
            rb.reset();
            if (!created.isEmpty()) {
                int start = beginRecord(SERIES);
                rb.putUvarint(created.size());
                for (MemSeries s : created) {
                    rb.putUvarint(s.ref());
                    Labels l = s.labels();
                    rb.putUvarint(l.size());
                    for (int i = 0; i < l.size(); i++) {
                        rb.putString(l.name(i));
                        rb.putString(l.value(i));
                    }
                }
                endRecord(start);
            }
            if (n > 0) {
                int start = beginRecord(SAMPLES);
                rb.putUvarint(n);
                long prevRef = 0;
                long prevT = 0;
                for (int i = 0; i < n; i++) {
                    rb.putVarint(refs[i] - prevRef);
                    putTimeAndValue(rb, ts[i] - prevT, Double.doubleToRawLongBits(vs[i]));
                    prevRef = refs[i];
                    prevT = ts[i];
                }
                endRecord(start);
            }
            write();
        }
    }

    @Override
    public void logTombstones(long[] refs, long from, long to) {
        synchronized (lock) {
            rb.reset();
            int start = beginRecord(TOMBSTONES);
            rb.putUvarint(refs.length);
            for (long r : refs) {
                rb.putUvarint(r);
            }
            rb.putVarint(from);
            rb.putVarint(to);
            endRecord(start);
            write();
        }
        sync();
    }

    /**
     * Writes a timestamp delta and a value: uvarint(zigzag(dt) << 1 | isInteger), then the value
     * as a zig-zag varint when it is an integer that converts back to the same bits (counters,
     * gauges of counts; most samples), else its 8 raw bytes.
     */
    static void putTimeAndValue(RecordBuffer b, long dt, long bits) {
        double v = Double.longBitsToDouble(bits);
        long x = (long) v;
        boolean integer = Math.abs(v) < 0x1p62 && Double.doubleToRawLongBits((double) x) == bits;
        long z = (dt << 1) ^ (dt >> 63);
        b.putUvarint((z << 1) | (integer ? 1 : 0));
        if (integer) {
            b.putVarint(x);
        } else {
            b.putLong(bits);
        }
    }

    private int beginRecord(int type) {
        int start = rb.length();
        rb.putByte(type);
        rb.putInt(0); // length, patched
        rb.putInt(0); // crc, patched
        return start;
    }

    private void endRecord(int start) {
        int payload = rb.length() - start - RECORD_HEADER_BYTES;
        rb.setInt(start + 1, payload);
        crc.reset();
        crc.update(rb.array(), start, 1);
        crc.update(rb.array(), start + RECORD_HEADER_BYTES, payload);
        rb.setInt(start + 5, (int) crc.getValue());
    }

    private void write() {
        if (closed) {
            throw new IllegalStateException("WAL is closed");
        }
        try {
            if (curSize >= segmentBytes) {
                rotate();
            }
            ByteBuffer bb = ByteBuffer.wrap(rb.array(), 0, rb.length());
            long before = curSize;
            try {
                while (bb.hasRemaining()) {
                    cur.write(bb);
                }
            } catch (IOException e) {
                // Drop the partial record so later records do not follow garbage; if even that
                // fails, the next write starts a new segment and replay truncates this one.
                try {
                    cur.truncate(before);
                    cur.position(before);
                } catch (IOException ignored) {
                    curSize = Long.MAX_VALUE;
                }
                throw e;
            }
            curSize += rb.length();
        } catch (IOException e) {
            String m = e.getMessage() != null && e.getMessage().startsWith("creating WAL segment") ? e.getMessage()
                    : "writing WAL segment " + segmentPath(curIndex) + " failed: " + e.getMessage();
            throw new UncheckedIOException(m, e);
        }
    }

    /** Forces written records to disk. */
    public void sync() {
        FileChannel ch;
        synchronized (lock) {
            ch = cur;
        }
        try {
            if (ch != null && ch.isOpen()) {
                ch.force(false);
                counters.walFsync();
            }
        } catch (java.nio.channels.ClosedChannelException e) {
            // rotated meanwhile: rotation forced the old segment before closing it
        } catch (IOException e) {
            throw new UncheckedIOException("fsync of WAL failed: " + e.getMessage(), e);
        }
    }

    private void rotate() throws IOException {
        if (cur != null) {
            FileChannel old = cur;
            cur = null;
            old.force(false);
            old.close();
        }
        openSegment(curIndex + 1);
    }

    private void openSegment(int index) throws IOException {
        Path p = segmentPath(index);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
            h.putInt(MAGIC).put((byte) VERSION).put((byte) 0).put((byte) 0).put((byte) 0).flip();
            while (h.hasRemaining()) {
                ch.write(h);
            }
            ch.force(true);
        } catch (IOException e) {
            ch.close();
            throw new IOException("creating WAL segment " + p + " failed: " + e.getMessage(), e);
        }
        cur = ch;
        curIndex = index;
        curSize = HEADER_BYTES;
    }

    private Path segmentPath(int index) {
        return dir.resolve(String.format("%08d", index));
    }

    /** Starts a new segment; returns the index of the last closed one. */
    public int cut() {
        synchronized (lock) {
            try {
                int last = curIndex;
                rotate();
                return last;
            } catch (IOException e) {
                throw new UncheckedIOException("cutting WAL segment failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (cur != null) {
                    cur.force(false);
                    cur.close();
                }
            } catch (IOException e) {
                LOG.warning("closing WAL: " + e);
            }
        }
    }

    // ---------------------------------------------------------------- reading

    static List<Integer> segments(Path dir) throws IOException {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == 8 && n.chars().allMatch(Character::isDigit)) {
                    out.add(Integer.parseInt(n));
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Latest complete checkpoint index, or -1; removes unfinished ".tmp" ones. */
    static int latestCheckpoint(Path dir) throws IOException {
        int best = -1;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "checkpoint.*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    deleteTree(p);
                    continue;
                }
                try {
                    best = Math.max(best, Integer.parseInt(n.substring("checkpoint.".length())));
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
        }
        return best;
    }

    /** Receives decoded records. */
    interface RecordSink {
        void series(long ref, Labels labels);

        void sample(long ref, long t, double v);

        void tombstone(long ref, long from, long to);
    }

    /** Replays checkpoint then segments; returns the highest segment index seen (0 if none). */
    private int replay(Head head, long minValidTime, int covered) throws IOException {
        long start = System.nanoTime();
        int cp = latestCheckpoint(dir);
        List<Integer> segs = segments(dir);
        long[] stats = new long[3];
        RecordSink sink = new RecordSink() {
            @Override
            public void series(long ref, Labels labels) {
                head.replaySeries(ref, labels);
                stats[0]++;
            }

            @Override
            public void sample(long ref, long t, double v) {
                if (t >= minValidTime && head.replaySample(ref, t, v)) {
                    stats[1]++;
                } else {
                    stats[2]++;
                }
            }

            @Override
            public void tombstone(long ref, long from, long to) {
                head.replayTombstone(ref, from, to);
            }
        };
        if (cp >= 0 && cp > covered) {
            Path cpSeg = dir.resolve("checkpoint." + String.format("%08d", cp)).resolve("00000000");
            if (Files.exists(cpSeg)) {
                readSegment(cpSeg, sink, true);
            }
            LOG.info("WAL checkpoint loaded checkpoint=" + cp);
        }
        int last = Math.max(cp, 0);
        int max = segs.isEmpty() ? 0 : segs.get(segs.size() - 1);
        for (int i = 0; i < segs.size(); i++) {
            int idx = segs.get(i);
            if (idx <= cp) {
                Files.deleteIfExists(segmentPath(idx)); // a checkpoint finished but its deletions did not
                continue;
            }
            if (idx <= covered) {
                last = idx;
                continue;
            }
            boolean ok = readSegment(segmentPath(idx), sink, false);
            LOG.info("WAL segment loaded segment=" + idx + " maxSegment=" + max);
            last = idx;
            if (!ok) {
                for (int j = i + 1; j < segs.size(); j++) {
                    Path later = segmentPath(segs.get(j));
                    long size = Files.size(later);
                    Files.delete(later);
                    LOG.warning("WAL segment " + later + " removed after corruption in an earlier segment (" + size + " bytes lost)");
                }
                break;
            }
        }
        head.replayDone();
        LOG.info(String.format("WAL replay completed in %d ms: %d series, %d samples, %d samples skipped (already in blocks or refused)",
                (System.nanoTime() - start) / 1_000_000, stats[0], stats[1], stats[2]));
        return last;
    }

    /**
     * Reads one segment into the sink. On a torn or corrupt record, truncates the file there
     * (unless read-only), logs and counts the loss, and returns false.
     */
    boolean readSegment(Path p, RecordSink sink, boolean readOnly) throws IOException {
        byte[] b = Files.readAllBytes(p);
        String problem = null;
        int pos = 0;
        if (b.length < HEADER_BYTES) {
            problem = "segment header truncated (" + b.length + " bytes)";
        } else if (readInt(b, 0) != MAGIC) {
            problem = "bad magic";
        } else if (b[4] != VERSION) {
            problem = "unsupported WAL version " + b[4];
        } else {
            pos = HEADER_BYTES;
        }
        int records = 0;
        CRC32C c = new CRC32C();
        while (problem == null && pos < b.length) {
            if (b.length - pos < RECORD_HEADER_BYTES) {
                problem = "torn record header";
                break;
            }
            int type = b[pos] & 0xff;
            int len = readInt(b, pos + 1);
            int want = readInt(b, pos + 5);
            if (len < 0 || len > b.length - pos - RECORD_HEADER_BYTES) {
                problem = "torn record (length " + len + " beyond end of file)";
                break;
            }
            c.reset();
            c.update(b, pos, 1);
            c.update(b, pos + RECORD_HEADER_BYTES, len);
            if ((int) c.getValue() != want) {
                problem = "checksum mismatch";
                break;
            }
            try {
                decode(type, new ByteReader(b, pos + RECORD_HEADER_BYTES, len), sink);
            } catch (RuntimeException e) {
                problem = "undecodable record: " + e.getMessage();
                break;
            }
            pos += RECORD_HEADER_BYTES + len;
            records++;
        }
        if (problem == null) {
            return true;
        }
        long lost = b.length - pos;
        counters.walCorruption(1);
        if (readOnly) {
            LOG.warning("WAL corruption in " + p + " at offset " + pos + ": " + problem + "; " + lost + " bytes ignored after " + records + " good records");
        } else if (pos == 0) {
            Files.delete(p);
            LOG.warning("WAL corruption in " + p + ": " + problem + "; segment removed (" + lost + " bytes lost)");
        } else {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.truncate(pos);
                ch.force(true);
            }
            LOG.warning("WAL corruption in " + p + " at offset " + pos + ": " + problem + "; truncated to the last good record (" + records
                    + " records kept, " + lost + " bytes lost)");
        }
        return false;
    }

    private static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    static void decode(int type, ByteReader r, RecordSink sink) {
        switch (type) {
            case SERIES -> {
                long n = r.getUvarint();
                for (long i = 0; i < n; i++) {
                    long ref = r.getUvarint();
                    long nl = r.getUvarint();
                    Labels.Builder lb = Labels.builder();
                    for (long k = 0; k < nl; k++) {
                        lb.set(r.getString(), r.getString());
                    }
                    sink.series(ref, lb.build());
                }
            }
            case SAMPLES -> {
                long n = r.getUvarint();
                long ref = 0;
                long t = 0;
                for (long i = 0; i < n; i++) {
                    ref += r.getVarint();
                    long tv = r.getUvarint();
                    t += (tv >>> 2) ^ -((tv >>> 1) & 1);
                    long bits = (tv & 1) != 0 ? Double.doubleToRawLongBits((double) r.getVarint()) : r.getLong();
                    sink.sample(ref, t, Double.longBitsToDouble(bits));
                }
            }
            case TOMBSTONES -> {
                long n = r.getUvarint();
                long[] refs = new long[(int) Math.min(n, 1 << 24)];
                for (int i = 0; i < refs.length; i++) {
                    refs[i] = r.getUvarint();
                }
                long from = r.getVarint();
                long to = r.getVarint();
                for (long ref : refs) {
                    sink.tombstone(ref, from, to);
                }
            }
            default -> throw new IllegalStateException("unknown record type " + type);
        }
    }

    // ---------------------------------------------------------------- checkpoint

    /**
     * Folds all closed segments (and the previous checkpoint) into a new checkpoint that keeps
     * series records of live series and samples/tombstones at or after {@code mint}, then deletes
     * what it replaced.
     *
     * @param alive tells whether a series ref is still in the head
     */
    public void checkpoint(long mint, LongPredicate alive) {
        int last = cut();
        try {
            int prev = latestCheckpoint(dir);
            Path tmp = dir.resolve("checkpoint." + String.format("%08d", last) + ".tmp");
            deleteTree(tmp);
            Files.createDirectories(tmp);
            RecordBuffer out = new RecordBuffer(1 << 16);
            try (FileChannel ch = FileChannel.open(tmp.resolve("00000000"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.putInt(MAGIC);
                out.putByte(VERSION);
                out.putByte(0);
                out.putByte(0);
                out.putByte(0);
                CheckpointWriter w = new CheckpointWriter(out, ch, mint, alive);
                if (prev >= 0) {
                    Path prevSeg = dir.resolve("checkpoint." + String.format("%08d", prev)).resolve("00000000");
                    if (Files.exists(prevSeg)) {
                        readSegment(prevSeg, w, true);
                    }
                }
                for (int idx : segments(dir)) {
                    if (idx > prev && idx <= last) {
                        readSegment(segmentPath(idx), w, true);
                    }
                }
                w.finish();
                ch.force(true);
            }
            Path fin = dir.resolve("checkpoint." + String.format("%08d", last));
            Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
            for (int idx : segments(dir)) {
                if (idx <= last) {
                    Files.deleteIfExists(segmentPath(idx));
                }
            }
            if (prev >= 0) {
                deleteTree(dir.resolve("checkpoint." + String.format("%08d", prev)));
            }
            counters.checkpoint();
            counters.walTruncation();
            LOG.info("WAL checkpoint created checkpoint=" + last + " mint=" + mint);
        } catch (IOException e) {
            throw new UncheckedIOException("WAL checkpoint failed: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }

    /** Re-encodes the records a checkpoint keeps, flushing in large writes. */
    private final class CheckpointWriter implements RecordSink {
        private final RecordBuffer out;
        private final FileChannel ch;
        private final long mint;
        private final LongPredicate alive;
        private long[] sRefs = new long[1024];
        private long[] sTs = new long[1024];
        private long[] sVs = new long[1024];
        private int sN;

        CheckpointWriter(RecordBuffer out, FileChannel ch, long mint, LongPredicate alive) {
            this.out = out;
            this.ch = ch;
            this.mint = mint;
            this.alive = alive;
        }

        private int begin(int type) {
            int start = out.length();
            out.putByte(type);
            out.putInt(0);
            out.putInt(0);
            return start;
        }

        private void end(int start) {
            int payload = out.length() - start - RECORD_HEADER_BYTES;
            out.setInt(start + 1, payload);
            CRC32C c = new CRC32C();
            c.update(out.array(), start, 1);
            c.update(out.array(), start + RECORD_HEADER_BYTES, payload);
            out.setInt(start + 5, (int) c.getValue());
            if (out.length() > 1 << 20) {
                flush();
            }
        }

        private void flush() {
            try {
                ByteBuffer bb = ByteBuffer.wrap(out.array(), 0, out.length());
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                out.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void series(long ref, Labels labels) {
            if (!alive.test(ref)) {
                return;
            }
            int start = begin(SERIES);
            out.putUvarint(1);
            out.putUvarint(ref);
            out.putUvarint(labels.size());
            for (int i = 0; i < labels.size(); i++) {
                out.putString(labels.name(i));
                out.putString(labels.value(i));
            }
            end(start);
        }

        @Override
        public void sample(long ref, long t, double v) {
            if (t < mint || !alive.test(ref)) {
                return;
            }
            if (sN == sRefs.length) {
                flushSamples();
            }
            sRefs[sN] = ref;
            sTs[sN] = t;
            sVs[sN] = Double.doubleToRawLongBits(v);
            sN++;
        }

        private void flushSamples() {
            if (sN == 0) {
                return;
            }
            int start = begin(SAMPLES);
            out.putUvarint(sN);
            long pr = 0;
            long pt = 0;
            for (int i = 0; i < sN; i++) {
                out.putVarint(sRefs[i] - pr);
                putTimeAndValue(out, sTs[i] - pt, sVs[i]);
                pr = sRefs[i];
                pt = sTs[i];
            }
            end(start);
            sN = 0;
        }

        @Override
        public void tombstone(long ref, long from, long to) {
            if (to < mint || !alive.test(ref)) {
                return;
            }
            flushSamples(); // keep order: samples logged before the deletion stay before it
            int start = begin(TOMBSTONES);
            out.putUvarint(1);
            out.putUvarint(ref);
            out.putVarint(from);
            out.putVarint(to);
            end(start);
        }

        void finish() {
            flushSamples();
            flush();
        }
    }
}
