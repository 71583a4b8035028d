package org.osprey.tsdb.head;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.zip.CRC32C;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.chunkenc.ChunkMeta;
import org.osprey.tsdb.wal.ByteReader;
import org.osprey.tsdb.wal.RecordBuffer;

/**
 * The head written at clean shutdown ({@code chunk_snapshot}, format in
 * {@code tsdb/docs/format/head_snapshot.md}): every series with references to its full chunks in
 * {@code chunks_head/} and its open chunk's bytes, valid for the WAL up to one segment. A restart
 * that finds it restores the head without replaying those segments; the file is deleted once
 * read, so after any later crash the WAL (still complete) is replayed instead. Thread-safe:
 * stateless.
 */
public final class HeadSnapshot {
    private static final Logger LOG = Logger.getLogger(HeadSnapshot.class.getName());
    static final int MAGIC = 0x4F535053; // "OSPS"
    static final int VERSION = 1;
    public static final String FILE = "chunk_snapshot";

    private HeadSnapshot() {
    }

    /** Writes the snapshot atomically; the caller has closed the WAL at {@code walSegment} and forced the chunk files. */
    public static void write(Path dataDir, Head head, MappedChunkFiles chunks, int walSegment) throws IOException {
        Path tmp = dataDir.resolve(FILE + ".tmp");
        CRC32C crc = new CRC32C();
        long[] count = new long[1];
        List<MemSeries> all = new ArrayList<>();
        head.forEachSeries(all::add);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            RecordBuffer b = new RecordBuffer(1 << 12);
            b.putInt(MAGIC);
            b.putByte(VERSION);
            b.putByte(0);
            b.putByte(0);
            b.putByte(0);
            b.putUvarint(walSegment);
            b.putUvarint(all.size());
            emit(raw, crc, b);
            for (MemSeries s : all) {
                MemSeries.State st = s.state();
                b.putUvarint(s.ref);
                b.putUvarint(s.labels.size());
                for (int i = 0; i < s.labels.size(); i++) {
                    b.putString(s.labels.name(i));
                    b.putString(s.labels.value(i));
                }
                b.putUvarint(st.full().size());
                for (ChunkMeta c : st.full()) {
                    int seq = chunks.seqOf(c.data());
                    if (seq < 0) {
                        throw new IOException("chunk of series " + s.labels + " is not in a head chunk file");
                    }
                    b.putUvarint(seq);
                    b.putUvarint(c.offset());
                    b.putVarint(c.minTime());
                    b.putVarint(c.maxTime());
                    b.putUvarint(c.numSamples());
                }
                byte[] open = st.open();
                b.putUvarint(open == null ? 0 : open.length);
                if (open != null) {
                    b.putBytes(open, 0, open.length);
                }
                b.putUvarint(st.openCount());
                b.putUvarint(st.oooTs().length);
                for (int i = 0; i < st.oooTs().length; i++) {
                    b.putVarint(st.oooTs()[i]);
                    b.putLong(Double.doubleToRawLongBits(st.oooVs()[i]));
                }
                long[] d = st.deleted();
                b.putUvarint(d == null ? 0 : d.length);
                if (d != null) {
                    for (long x : d) {
                        b.putVarint(x);
                    }
                }
                emit(raw, crc, b);
                count[0]++;
            }
            b.putInt((int) crc.getValue());
            raw.write(b.array(), 0, b.length());
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("head snapshot written at shutdown: " + count[0] + " series, WAL segment " + walSegment);
    }

    private static void emit(OutputStream out, CRC32C crc, RecordBuffer b) throws IOException {
        crc.update(b.array(), 0, b.length());
        out.write(b.array(), 0, b.length());
        b.reset();
    }

    /** One parsed series. */
    private record Entry(long ref, Labels labels, MemSeries.State state) {
    }

    /**
     * Restores the head from a snapshot if one is present and fully valid, then deletes the file.
     *
     * @return the WAL segment the snapshot covers, or -1 when the WAL must be replayed in full
     */
    public static int restore(Path dataDir, Head head, MappedChunkFiles chunks) {
        Path p = dataDir.resolve(FILE);
        if (!Files.exists(p)) {
            return -1;
        }
        long start = System.nanoTime();
        try {
            byte[] b = Files.readAllBytes(p);
            if (b.length < 12) {
                throw new IOException("too short");
            }
            CRC32C crc = new CRC32C();
            crc.update(b, 0, b.length - 4);
            if ((int) crc.getValue() != new ByteReader(b, b.length - 4, 4).getInt()) {
                throw new IOException("checksum mismatch");
            }
            ByteReader r = new ByteReader(b, 0, b.length - 4);
            if (r.getInt() != MAGIC || r.getByte() != VERSION) {
                throw new IOException("bad magic or version");
            }
            r.getByte();
            r.getByte();
            r.getByte();
            int walSegment = (int) r.getUvarint();
            long n = r.getUvarint();
            List<Entry> entries = new ArrayList<>((int) Math.min(n, 1 << 24));
            for (long i = 0; i < n; i++) {
                long ref = r.getUvarint();
                long nl = r.getUvarint();
                Labels.Builder lb = Labels.builder();
                for (long k = 0; k < nl; k++) {
                    lb.set(r.getString(), r.getString());
                }
                int nf = (int) r.getUvarint();
                List<ChunkMeta> full = new ArrayList<>(nf);
                for (int k = 0; k < nf; k++) {
                    int seq = (int) r.getUvarint();
                    long off = r.getUvarint();
                    long mn = r.getVarint();
                    long mx = r.getVarint();
                    int cnt = (int) r.getUvarint();
                    MemorySegment seg = chunks.adopt(seq);
                    if (seg == null || off + 2 > seg.byteSize()) {
                        throw new IOException("head chunk file " + String.format("%06d", seq) + " missing or too short");
                    }
                    chunks.noteRestored(seg, mx);
                    full.add(new ChunkMeta(mn, mx, seg, off, cnt));
                }
                int ol = (int) r.getUvarint();
                byte[] open = null;
                if (ol > 0) {
                    open = new byte[ol];
                    for (int k = 0; k < ol; k++) {
                        open[k] = (byte) r.getByte();
                    }
                }
                int openCount = (int) r.getUvarint();
                int oooN = (int) r.getUvarint();
                long[] oooT = new long[oooN];
                double[] oooV = new double[oooN];
                for (int k = 0; k < oooN; k++) {
                    oooT[k] = r.getVarint();
                    oooV[k] = Double.longBitsToDouble(r.getLong());
                }
                int nd = (int) r.getUvarint();
                long[] deleted = nd == 0 ? null : new long[nd];
                for (int k = 0; k < nd; k++) {
                    deleted[k] = r.getVarint();
                }
                entries.add(new Entry(ref, lb.build(), new MemSeries.State(full, open, openCount, oooT, oooV, deleted)));
            }
            for (Entry e : entries) {
                head.restoreSeries(e.ref, e.labels, e.state);
            }
            LOG.info(String.format("head restored from shutdown snapshot: %d series in %d ms; WAL segments up to %d skipped",
                    entries.size(), (System.nanoTime() - start) / 1_000_000, walSegment));
            return walSegment;
        } catch (IOException | RuntimeException e) {
            LOG.warning("ignoring head snapshot " + p + " (" + e.getMessage() + "); replaying the WAL instead");
            return -1;
        } finally {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warning("cannot delete " + p + ": " + e.getMessage());
            }
        }
    }
}
