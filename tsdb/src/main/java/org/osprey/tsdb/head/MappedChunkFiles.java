package org.osprey.tsdb.head;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.CRC32C;
import org.osprey.tsdb.chunkenc.ChunkMeta;

/**
 * Full head chunks moved off the Java heap into memory-mapped files in {@code chunks_head/}
 * (format: {@code tsdb/docs/format/head_chunks.md}). The files are a memory offload, not a source
 * of truth: after a crash the WAL rebuilds the head and leftover files are removed; after a clean
 * shutdown a head snapshot points into them and they are adopted. A file is
 * deleted once every chunk in it is older than the head's truncation point; its mapping lives on
 * (GC-managed arena) while a querier still holds one of its chunks. Thread-safe: appends are
 * serialized by this object's lock.
 */
public final class MappedChunkFiles implements FullChunkStore {
    static final int MAGIC = 0x4F535048; // "OSPH"
    static final int HEADER_BYTES = 8;
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private final Path dir;
    private final long fileBytes;
    private final Deque<MappedFile> files = new ArrayDeque<>();
    private MappedFile cur;
    private int nextSeq = 1;
    private final CRC32C crc = new CRC32C();

    private record MappedFile(Path path, MemorySegment seg, long[] state) {
        // state[0] = write position, state[1] = max chunk time
    }

    private final java.util.TreeMap<Integer, Path> existing = new java.util.TreeMap<>();

    /**
     * Opens the directory. Files left by the previous run stay until {@link #adopt} (restoring a
     * shutdown snapshot) or {@link #deleteUnadopted()}.
     */
    public MappedChunkFiles(Path dir, long fileBytes) throws IOException {
        this.dir = dir;
        this.fileBytes = fileBytes;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == 6 && n.chars().allMatch(Character::isDigit)) {
                    existing.put(Integer.parseInt(n), p);
                } else {
                    Files.delete(p);
                }
            }
        }
        nextSeq = existing.isEmpty() ? 1 : existing.lastKey() + 1;
    }

    /**
     * Maps a file left by the previous run so restored chunks can point into it; no new chunk is
     * written to it. Returns null when it is missing or its header is wrong.
     */
    public synchronized MemorySegment adopt(int seq) {
        Path p = existing.get(seq);
        if (p == null) {
            return null;
        }
        for (MappedFile f : files) {
            if (f.path.equals(p)) {
                return f.seg;
            }
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), Arena.ofAuto());
            if (seg.byteSize() < HEADER_BYTES || seg.get(INT_BE, 0) != MAGIC) {
                return null;
            }
            files.addLast(new MappedFile(p, seg, new long[] {seg.byteSize(), Long.MIN_VALUE}));
            return seg;
        } catch (IOException e) {
            return null;
        }
    }

    /** Records that a restored chunk ending at {@code maxT} lives in an adopted file. */
    public synchronized void noteRestored(MemorySegment seg, long maxT) {
        for (MappedFile f : files) {
            if (f.seg == seg) {
                f.state[1] = Math.max(f.state[1], maxT);
            }
        }
    }

    /** Deletes files of the previous run that no restored chunk uses. */
    public synchronized void deleteUnadopted() throws IOException {
        java.util.Set<Path> kept = new java.util.HashSet<>();
        for (MappedFile f : files) {
            kept.add(f.path);
        }
        for (Path p : existing.values()) {
            if (!kept.contains(p)) {
                Files.deleteIfExists(p);
            }
        }
        existing.clear();
    }

    /** The file sequence holding a chunk's segment, or -1 when it is not one of ours. */
    public synchronized int seqOf(MemorySegment seg) {
        for (MappedFile f : files) {
            if (f.seg == seg) {
                return Integer.parseInt(f.path.getFileName().toString());
            }
        }
        return -1;
    }

    /** Forces every mapped file to disk (before a shutdown snapshot points at them). */
    public synchronized void force() {
        for (MappedFile f : files) {
            f.seg.force();
        }
    }

    @Override
    public synchronized ChunkMeta store(byte[] chunk, int len, long minT, long maxT, int numSamples) {
        int need = len + 8;
        if (cur == null || cur.state[0] + need > cur.seg.byteSize()) {
            deleteExistingOnce();
            cur = newFile(Math.max(fileBytes, need + HEADER_BYTES));
        }
        long pos = cur.state[0];
        MemorySegment seg = cur.seg;
        seg.set(INT_BE, pos, len);
        crc.reset();
        crc.update(chunk, 0, len);
        seg.set(INT_BE, pos + 4, (int) crc.getValue());
        MemorySegment.copy(chunk, 0, seg, ValueLayout.JAVA_BYTE, pos + 8, len);
        cur.state[0] = pos + need;
        cur.state[1] = Math.max(cur.state[1], maxT);
        return new ChunkMeta(minT, maxT, seg, pos + 8, numSamples);
    }

    private void deleteExistingOnce() {
        // Appends before deleteUnadopted() ran must not reuse an old file's name.
        while (existing.containsKey(nextSeq)) {
            nextSeq++;
        }
    }

    private MappedFile newFile(long size) {
        Path p = dir.resolve(String.format("%06d", nextSeq++));
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, Arena.ofAuto());
            seg.set(INT_BE, 0, MAGIC);
            seg.set(ValueLayout.JAVA_BYTE, 4, (byte) 1);
            MappedFile f = new MappedFile(p, seg, new long[] {HEADER_BYTES, Long.MIN_VALUE});
            files.addLast(f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("creating head chunk file " + p + " failed: " + e.getMessage(), e);
        }
    }

    /** Deletes files whose chunks all end before {@code mint} (except the one being written). */
    public synchronized void truncateBefore(long mint) {
        while (files.size() > 1 && files.peekFirst().state[1] < mint) {
            MappedFile f = files.removeFirst();
            try {
                Files.deleteIfExists(f.path);
            } catch (IOException e) {
                throw new UncheckedIOException("deleting head chunk file " + f.path + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Bytes of chunk data written into files still present. */
    public synchronized long bytesUsed() {
        long n = 0;
        for (MappedFile f : files) {
            n += f.state[0];
        }
        return n;
    }
}
