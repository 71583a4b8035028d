package org.osprey.tsdb.block;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.chunkenc.PackedChunkEncoder;
import org.osprey.tsdb.wal.RecordBuffer;

/**
 * Writes one immutable block: chunk files, index, {@code meta.json} (formats in
 * {@code tsdb/docs/format/}). Series must be added in label order. Everything goes to
 * {@code <ulid>.tmp} and is renamed into place after fsync, so a crash never leaves a
 * half-written block under its final name. Not thread-safe.
 */
public final class BlockWriter {
    static final int CHUNKS_MAGIC = 0x4F535043; // "OSPC"
    static final int INDEX_MAGIC = 0x4F535049; // "OSPI"
    static final int FORMAT_VERSION = 1;
    static final int FILE_HEADER_BYTES = 8;
    /** Samples per block chunk: twice the head's, since block chunks are never appended to. */
    static final int BLOCK_CHUNK_SAMPLES = 240;
    static final long MAX_CHUNK_FILE_BYTES = 512L << 20;

    private final Path parent;
    private final Path tmp;
    private final String ulid;
    private final long mint;
    private final long maxt;
    private final int level;
    private final List<String> sources;

    private final List<Labels> seriesLabels = new ArrayList<>();
    private final List<long[]> seriesChunks = new ArrayList<>(); // per series: [minT, maxT, ref]*
    private Labels last;
    private long numSamples;
    private long numChunks;

    private FileChannel chunkFile;
    private int chunkSeq;
    private long chunkPos;
    private final RecordBuffer chunkBuf = new RecordBuffer(1 << 20);
    private final CRC32C crc = new CRC32C();

    /**
     * @param mint inclusive start of the block range, ms
     * @param maxt exclusive end of the block range, ms
     */
    public BlockWriter(Path parent, long mint, long maxt, int level, List<String> sources, int samplesPerChunk) throws IOException {
        this.parent = parent;
        this.ulid = Ulid.next();
        this.tmp = parent.resolve(ulid + ".tmp");
        this.mint = mint;
        this.maxt = maxt;
        this.level = level;
        this.sources = sources;
        Files.createDirectories(tmp.resolve("chunks"));
    }

    public String ulid() {
        return ulid;
    }

    private final long[] bufT = new long[BLOCK_CHUNK_SAMPLES];
    private final double[] bufV = new double[BLOCK_CHUNK_SAMPLES];

    /** Adds a series, re-encoding the samples the iterator yields inside [mint, maxt). */
    public void addSeries(Labels labels, SampleIterator it) throws IOException {
        if (last != null && last.compareTo(labels) >= 0) {
            throw new IllegalArgumentException("series out of order: " + labels + " after " + last);
        }
        long[] metas = new long[6];
        int nm = 0;
        int n = 0;
        boolean ok = it.seek(mint);
        while (ok) {
            long t = it.atT();
            if (t >= maxt) {
                break;
            }
            if (n == BLOCK_CHUNK_SAMPLES) {
                metas = ensure(metas, nm);
                writeChunk(n, metas, nm++);
                n = 0;
            }
            bufT[n] = t;
            bufV[n] = it.at();
            n++;
            numSamples++;
            ok = it.next();
        }
        if (n > 0) {
            metas = ensure(metas, nm);
            writeChunk(n, metas, nm++);
        }
        if (nm == 0) {
            return; // nothing in range: the series is not part of this block
        }
        last = labels;
        seriesLabels.add(labels);
        seriesChunks.add(java.util.Arrays.copyOf(metas, nm * 3));
    }

    private static long[] ensure(long[] a, int n) {
        return a.length >= (n + 1) * 3 ? a : java.util.Arrays.copyOf(a, Math.max(6, a.length * 2 + 3));
    }

    private void writeChunk(int n, long[] metas, int i) throws IOException {
        byte[] chunk = PackedChunkEncoder.encode(bufT, bufV, n);
        int len = chunk.length;
        if (chunkFile == null || chunkPos + chunkBuf.length() + len + 16 > MAX_CHUNK_FILE_BYTES) {
            openChunkFile();
        }
        chunkBuf.putUvarint(len);
        int encAt = chunkBuf.length();
        chunkBuf.putByte(PackedChunkEncoder.ENCODING);
        long dataOffset = chunkPos + chunkBuf.length();
        chunkBuf.putBytes(chunk, 0, len);
        crc.reset();
        crc.update(chunkBuf.array(), encAt, len + 1);
        chunkBuf.putInt((int) crc.getValue());
        metas[i * 3] = bufT[0];
        metas[i * 3 + 1] = bufT[n - 1];
        metas[i * 3 + 2] = ((long) chunkSeq << 32) | dataOffset;
        numChunks++;
        if (chunkBuf.length() > 1 << 20) {
            flushChunks();
        }
    }

    private void openChunkFile() throws IOException {
        closeChunkFile();
        chunkSeq++;
        chunkFile = FileChannel.open(tmp.resolve("chunks").resolve(String.format("%06d", chunkSeq)),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        chunkBuf.reset();
        chunkBuf.putInt(CHUNKS_MAGIC);
        chunkBuf.putByte(FORMAT_VERSION);
        chunkBuf.putByte(0);
        chunkBuf.putByte(0);
        chunkBuf.putByte(0);
        chunkPos = 0;
    }

    private void flushChunks() throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(chunkBuf.array(), 0, chunkBuf.length());
        while (bb.hasRemaining()) {
            chunkFile.write(bb);
        }
        chunkPos += chunkBuf.length();
        chunkBuf.reset();
    }

    private void closeChunkFile() throws IOException {
        if (chunkFile != null) {
            flushChunks();
            chunkFile.force(true);
            chunkFile.close();
            chunkFile = null;
        }
    }

    /**
     * Writes the merged content of {@code sources} over [mint, maxt) as one block in {@code into};
     * returns its meta, or null when no sample fell in the range.
     */
    public static BlockMeta writeMerged(java.util.List<org.osprey.tsdb.query.ChunkSource> sources, long mint, long maxt, int level,
                                        java.util.List<String> parents, Path into, int samplesPerChunk) throws IOException {
        BlockWriter w = new BlockWriter(into, mint, maxt, level, parents, samplesPerChunk);
        try (org.osprey.tsdb.query.MergedQuerier q = new org.osprey.tsdb.query.MergedQuerier(sources, mint, maxt - 1)) {
            org.osprey.tsdb.SeriesSet set = q.select(true, null);
            SampleIterator reuse = null;
            while (set.next()) {
                org.osprey.tsdb.Series s = set.at();
                reuse = s.iterator(reuse);
                w.addSeries(s.labels(), reuse);
            }
            return w.finish();
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    /** Number of series added so far. */
    public int seriesCount() {
        return seriesLabels.size();
    }

    /**
     * Writes the index and meta, fsyncs, and moves the block into place.
     *
     * @return the meta, or null when no series had samples in range (nothing is left on disk)
     */
    public BlockMeta finish() throws IOException {
        closeChunkFile();
        if (seriesLabels.isEmpty()) {
            abort();
            return null;
        }
        writeIndex();
        BlockMeta meta = new BlockMeta(ulid, mint, maxt, numSamples, seriesLabels.size(), numChunks, level,
                sources.isEmpty() ? List.of(ulid) : sources);
        Files.write(tmp.resolve("meta.json"), meta.toJson());
        fsync(tmp.resolve("meta.json"));
        fsync(tmp.resolve("chunks"));
        fsync(tmp);
        Files.move(tmp, parent.resolve(ulid), StandardCopyOption.ATOMIC_MOVE);
        fsync(parent);
        return meta;
    }

    /** Removes the temporary directory. */
    public void abort() throws IOException {
        if (chunkFile != null) {
            chunkFile.close();
            chunkFile = null;
        }
        Block.deleteTree(tmp);
    }

    static void fsync(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Directories cannot be opened for fsync on every platform; data files were forced already.
        }
    }

    private void writeIndex() throws IOException {
        RecordBuffer b = new RecordBuffer(1 << 20);
        b.putInt(INDEX_MAGIC);
        b.putByte(FORMAT_VERSION);
        b.putByte(0);
        b.putByte(0);
        b.putByte(0);
        // symbols
        TreeSet<String> syms = new TreeSet<>();
        syms.add("");
        for (Labels l : seriesLabels) {
            for (int i = 0; i < l.size(); i++) {
                syms.add(l.name(i));
                syms.add(l.value(i));
            }
        }
        Map<String, Integer> symIdx = new HashMap<>(syms.size() * 2);
        long symbolsOff = b.length();
        b.putUvarint(syms.size());
        int k = 0;
        for (String s : syms) {
            symIdx.put(s, k++);
            b.putString(s);
        }
        // series; their offsets are the series refs
        long seriesOff = b.length();
        long[] offsets = new long[seriesLabels.size()];
        TreeMap<String, TreeMap<String, List<Integer>>> postings = new TreeMap<>();
        for (int s = 0; s < seriesLabels.size(); s++) {
            offsets[s] = b.length();
            Labels l = seriesLabels.get(s);
            b.putUvarint(l.size());
            for (int i = 0; i < l.size(); i++) {
                b.putUvarint(symIdx.get(l.name(i)));
                b.putUvarint(symIdx.get(l.value(i)));
                postings.computeIfAbsent(l.name(i), x -> new TreeMap<>()).computeIfAbsent(l.value(i), x -> new ArrayList<>()).add(s);
            }
            long[] c = seriesChunks.get(s);
            int n = c.length / 3;
            b.putUvarint(n);
            long prevMax = 0;
            long prevRef = 0;
            for (int j = 0; j < n; j++) {
                b.putVarint(c[j * 3] - prevMax);
                b.putUvarint(c[j * 3 + 1] - c[j * 3]);
                b.putVarint(c[j * 3 + 2] - prevRef);
                prevMax = c[j * 3 + 1];
                prevRef = c[j * 3 + 2];
            }
        }
        // postings lists, then the table that finds them; ("", "") lists every series
        long postingsOff = b.length();
        List<long[]> table = new ArrayList<>(); // nameSym, valueSym, offset
        long allOff = b.length();
        b.putUvarint(offsets.length);
        long prev = 0;
        for (long o : offsets) {
            b.putUvarint(o - prev);
            prev = o;
        }
        table.add(new long[] {symIdx.get(""), symIdx.get(""), allOff});
        for (var byName : postings.entrySet()) {
            for (var byValue : byName.getValue().entrySet()) {
                long off = b.length();
                List<Integer> list = byValue.getValue();
                b.putUvarint(list.size());
                prev = 0;
                for (int s : list) {
                    b.putUvarint(offsets[s] - prev);
                    prev = offsets[s];
                }
                table.add(new long[] {symIdx.get(byName.getKey()), symIdx.get(byValue.getKey()), off});
            }
        }
        long tableOff = b.length();
        b.putUvarint(table.size());
        for (long[] e : table) {
            b.putUvarint(e[0]);
            b.putUvarint(e[1]);
            b.putUvarint(e[2]);
        }
        b.putLong(symbolsOff);
        b.putLong(seriesOff);
        b.putLong(postingsOff);
        b.putLong(tableOff);
        CRC32C c = new CRC32C();
        c.update(b.array(), 0, b.length());
        b.putInt((int) c.getValue());
        Path p = tmp.resolve("index");
        try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW)) {
            out.write(b.array(), 0, b.length());
        }
        fsync(p);
    }
}
