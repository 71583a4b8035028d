package org.osprey.tsdb.block;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.chunkenc.ChunkMeta;
import org.osprey.tsdb.index.IndexReader;
import org.osprey.tsdb.index.Postings;
import org.osprey.tsdb.index.PostingsForMatchers;
import org.osprey.tsdb.query.ChunkSeries;
import org.osprey.tsdb.query.ChunkSource;
import org.osprey.tsdb.wal.ByteReader;
import org.osprey.tsdb.wal.RecordBuffer;

/**
 * One persisted block read through memory maps: the index and chunk files are mapped, every
 * checksum is verified at open, and only the symbol table and the postings table live on the
 * heap. Deletions go to a small {@code tombstones} file next to the immutable data. Thread-safe:
 * immutable except the tombstones map, which is swapped atomically.
 */
public final class Block implements ChunkSource, IndexReader {
    static final int TOMBSTONES_MAGIC = 0x4F535054; // "OSPT"

    private final Path dir;
    private final BlockMeta meta;
    private final MemorySegment index;
    private final MemorySegment[] chunkFiles;
    private final String[] symbols;
    private final Map<String, NameEntry> postingsTable;
    private final long allPostingsOffset;
    private final long sizeBytes;
    private volatile Map<Long, long[]> tombstones;

    private record NameEntry(String[] values, long[] offsets) {
    }

    private Block(Path dir, BlockMeta meta, MemorySegment index, MemorySegment[] chunkFiles, String[] symbols,
                  Map<String, NameEntry> table, long allOff, long size, Map<Long, long[]> tombstones) {
        this.dir = dir;
        this.meta = meta;
        this.index = index;
        this.chunkFiles = chunkFiles;
        this.symbols = symbols;
        this.postingsTable = table;
        this.allPostingsOffset = allOff;
        this.sizeBytes = size;
        this.tombstones = tombstones;
    }

    /**
     * Opens and validates a block directory.
     *
     * @throws CorruptBlockException naming the file and the problem when any check fails
     */
    public static Block open(Path dir) throws IOException {
        BlockMeta meta;
        try {
            meta = BlockMeta.read(dir.resolve("meta.json"));
        } catch (IOException e) {
            throw new CorruptBlockException(dir.resolve("meta.json"), e.getMessage());
        }
        Path ip = dir.resolve("index");
        MemorySegment index = map(ip);
        long n = index.byteSize();
        if (n < BlockWriter.FILE_HEADER_BYTES + 36) {
            throw new CorruptBlockException(ip, "too short (" + n + " bytes)");
        }
        if (SegReader.int32At(index, 0) != BlockWriter.INDEX_MAGIC) {
            throw new CorruptBlockException(ip, "bad magic");
        }
        if (index.get(ValueLayout.JAVA_BYTE, 4) != BlockWriter.FORMAT_VERSION) {
            throw new CorruptBlockException(ip, "unsupported index version " + index.get(ValueLayout.JAVA_BYTE, 4));
        }
        CRC32C crc = new CRC32C();
        crc.update(index.asSlice(0, n - 4).asByteBuffer());
        if ((int) crc.getValue() != SegReader.int32At(index, n - 4)) {
            throw new CorruptBlockException(ip, "checksum mismatch");
        }
        long toc = n - 4 - 32;
        long symbolsOff = SegReader.int64At(index, toc);
        long tableOff = SegReader.int64At(index, toc + 24);
        SegReader r = new SegReader(index, symbolsOff);
        String[] symbols = new String[(int) r.uvarint()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = r.string();
        }
        r.pos = tableOff;
        long entries = r.uvarint();
        Map<String, List<String>> values = new HashMap<>();
        Map<String, List<Long>> offs = new HashMap<>();
        long allOff = -1;
        for (long i = 0; i < entries; i++) {
            String name = symbols[(int) r.uvarint()];
            String value = symbols[(int) r.uvarint()];
            long off = r.uvarint();
            if (name.isEmpty()) {
                allOff = off;
                continue;
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            offs.computeIfAbsent(name, k -> new ArrayList<>()).add(off);
        }
        Map<String, NameEntry> table = new HashMap<>();
        values.forEach((name, vs) -> {
            List<Long> os = offs.get(name);
            long[] o = new long[os.size()];
            for (int i = 0; i < o.length; i++) {
                o[i] = os.get(i);
            }
            table.put(name, new NameEntry(vs.toArray(new String[0]), o));
        });
        List<MemorySegment> chunks = new ArrayList<>();
        long size = n;
        for (int seq = 1; ; seq++) {
            Path cp = dir.resolve("chunks").resolve(String.format("%06d", seq));
            if (!Files.exists(cp)) {
                break;
            }
            MemorySegment seg = map(cp);
            verifyChunkFile(cp, seg);
            chunks.add(seg);
            size += seg.byteSize();
        }
        Map<Long, long[]> tomb = readTombstones(dir.resolve("tombstones"));
        return new Block(dir, meta, index, chunks.toArray(new MemorySegment[0]), symbols, table, allOff, size, tomb);
    }

    private static MemorySegment map(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), Arena.ofAuto());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CorruptBlockException(p, "missing");
        }
    }

    private static void verifyChunkFile(Path p, MemorySegment seg) throws CorruptBlockException {
        long n = seg.byteSize();
        if (n < BlockWriter.FILE_HEADER_BYTES || SegReader.int32At(seg, 0) != BlockWriter.CHUNKS_MAGIC) {
            throw new CorruptBlockException(p, "bad chunk file header");
        }
        CRC32C crc = new CRC32C();
        SegReader r = new SegReader(seg, BlockWriter.FILE_HEADER_BYTES);
        while (r.pos < n) {
            long at = r.pos;
            try {
                long len = r.uvarint();
                long enc = r.pos;
                if (enc + 1 + len + 4 > n) {
                    throw new CorruptBlockException(p, "chunk at offset " + at + " runs past end of file");
                }
                crc.reset();
                crc.update(seg.asSlice(enc, len + 1).asByteBuffer());
                if ((int) crc.getValue() != SegReader.int32At(seg, enc + 1 + len)) {
                    throw new CorruptBlockException(p, "chunk checksum mismatch at offset " + at);
                }
                r.pos = enc + 1 + len + 4;
            } catch (IndexOutOfBoundsException | IllegalStateException e) {
                throw new CorruptBlockException(p, "unreadable chunk at offset " + at + ": " + e.getMessage());
            }
        }
    }

    public BlockMeta meta() {
        return meta;
    }

    public Path dir() {
        return dir;
    }

    /** Bytes on disk (index and chunk files). */
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public long minTime() {
        return meta.minTime();
    }

    /** Inclusive: the meta's maxTime is exclusive. */
    @Override
    public long maxTime() {
        return meta.maxTime() - 1;
    }

    // ------------------------------------------------------------ index

    @Override
    public long[] postings(String name, String value) {
        NameEntry e = postingsTable.get(name);
        if (e == null) {
            return Postings.EMPTY;
        }
        int i = Arrays.binarySearch(e.values, value);
        return i < 0 ? Postings.EMPTY : readPostings(e.offsets[i]);
    }

    @Override
    public long[] allPostings() {
        return allPostingsOffset < 0 ? Postings.EMPTY : readPostings(allPostingsOffset);
    }

    private long[] readPostings(long off) {
        SegReader r = new SegReader(index, off);
        long[] out = new long[(int) r.uvarint()];
        long prev = 0;
        for (int i = 0; i < out.length; i++) {
            prev += r.uvarint();
            out[i] = prev;
        }
        return out;
    }

    @Override
    public List<String> labelValues(String name) {
        NameEntry e = postingsTable.get(name);
        return e == null ? List.of() : List.of(e.values);
    }

    @Override
    public List<String> labelNames() {
        List<String> out = new ArrayList<>(postingsTable.keySet());
        out.sort(null);
        return out;
    }

    @Override
    public IndexReader index() {
        return this;
    }

    /** Decodes the series at {@code ref}: labels plus chunks overlapping [mint, maxt]. */
    private ChunkSeries series(long ref, long mint, long maxt) {
        SegReader r = new SegReader(index, ref);
        int nl = (int) r.uvarint();
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < nl; i++) {
            b.set(symbols[(int) r.uvarint()], symbols[(int) r.uvarint()]);
        }
        int nc = (int) r.uvarint();
        List<ChunkMeta> chunks = new ArrayList<>(Math.min(nc, 16));
        long prevMax = 0;
        long prevRef = 0;
        for (int i = 0; i < nc; i++) {
            long minT = prevMax + r.varint();
            long maxT = minT + r.uvarint();
            long cref = prevRef + r.varint();
            prevMax = maxT;
            prevRef = cref;
            if (minT <= maxt && maxT >= mint) {
                MemorySegment f = chunkFiles[(int) (cref >>> 32) - 1];
                long off = cref & 0xffffffffL;
                int count = ((f.get(ValueLayout.JAVA_BYTE, off) & 0xff) << 8) | (f.get(ValueLayout.JAVA_BYTE, off + 1) & 0xff);
                int encoding = f.get(ValueLayout.JAVA_BYTE, off - 1);
                chunks.add(new ChunkMeta(minT, maxT, f, off, count, encoding));
            }
        }
        if (chunks.isEmpty()) {
            return null;
        }
        return new ChunkSeries(b.build(), chunks, tombstones.get(ref));
    }

    @Override
    public List<ChunkSeries> select(long mint, long maxt, LabelMatcher... matchers) {
        long[] refs = PostingsForMatchers.resolve(this, matchers);
        List<ChunkSeries> out = new ArrayList<>(refs.length);
        for (long ref : refs) {
            ChunkSeries s = series(ref, mint, maxt);
            if (s != null) {
                out.add(s); // refs follow label order, so the list is sorted already
            }
        }
        return out;
    }

    // ------------------------------------------------------------ tombstones

    public boolean hasTombstones() {
        return !tombstones.isEmpty();
    }

    /** Marks [from, to] of matching series deleted; returns how many series were hit. */
    public synchronized int delete(long from, long to, LabelMatcher... matchers) throws IOException {
        long[] refs = PostingsForMatchers.resolve(this, matchers);
        if (refs.length == 0 || to < minTime() || from > maxTime()) {
            return 0;
        }
        Map<Long, long[]> next = new HashMap<>(tombstones);
        for (long ref : refs) {
            long[] cur = next.get(ref);
            long[] add = cur == null ? new long[2] : Arrays.copyOf(cur, cur.length + 2);
            add[add.length - 2] = from;
            add[add.length - 1] = to;
            next.put(ref, add);
        }
        writeTombstones(dir, next);
        tombstones = next;
        return refs.length;
    }

    static void writeTombstones(Path dir, Map<Long, long[]> t) throws IOException {
        RecordBuffer b = new RecordBuffer(64);
        b.putInt(TOMBSTONES_MAGIC);
        b.putByte(BlockWriter.FORMAT_VERSION);
        b.putByte(0);
        b.putByte(0);
        b.putByte(0);
        int count = 0;
        for (long[] iv : t.values()) {
            count += iv.length / 2;
        }
        b.putUvarint(count);
        for (var e : t.entrySet()) {
            long[] iv = e.getValue();
            for (int i = 0; i < iv.length; i += 2) {
                b.putUvarint(e.getKey());
                b.putVarint(iv[i]);
                b.putVarint(iv[i + 1]);
            }
        }
        CRC32C c = new CRC32C();
        c.update(b.array(), 0, b.length());
        b.putInt((int) c.getValue());
        Path tmp = dir.resolve("tombstones.tmp");
        Files.write(tmp, Arrays.copyOf(b.array(), b.length()));
        BlockWriter.fsync(tmp);
        Files.move(tmp, dir.resolve("tombstones"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Map<Long, long[]> readTombstones(Path p) throws IOException {
        if (!Files.exists(p)) {
            return Map.of();
        }
        byte[] b = Files.readAllBytes(p);
        if (b.length < 12) {
            throw new CorruptBlockException(p, "too short");
        }
        CRC32C c = new CRC32C();
        c.update(b, 0, b.length - 4);
        ByteReader tail = new ByteReader(b, b.length - 4, 4);
        if ((int) c.getValue() != tail.getInt()) {
            throw new CorruptBlockException(p, "checksum mismatch");
        }
        ByteReader r = new ByteReader(b, 0, b.length - 4);
        if (r.getInt() != TOMBSTONES_MAGIC) {
            throw new CorruptBlockException(p, "bad magic");
        }
        r.getInt();
        long n = r.getUvarint();
        Map<Long, long[]> out = new HashMap<>();
        for (long i = 0; i < n; i++) {
            long ref = r.getUvarint();
            long from = r.getVarint();
            long to = r.getVarint();
            long[] cur = out.get(ref);
            long[] add = cur == null ? new long[2] : Arrays.copyOf(cur, cur.length + 2);
            add[add.length - 2] = from;
            add[add.length - 1] = to;
            out.put(ref, add);
        }
        return out;
    }

    /** Hard-links this block's files into {@code target/<ulid>} (a consistent backup at no copy cost). */
    public void snapshotTo(Path target) throws IOException {
        Path out = target.resolve(meta.ulid());
        Files.createDirectories(out.resolve("chunks"));
        for (String f : List.of("meta.json", "index", "tombstones")) {
            Path src = dir.resolve(f);
            if (Files.exists(src)) {
                Files.createLink(out.resolve(f), src);
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("chunks"))) {
            for (Path p : ds) {
                Files.createLink(out.resolve("chunks").resolve(p.getFileName()), p);
            }
        }
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }
}
