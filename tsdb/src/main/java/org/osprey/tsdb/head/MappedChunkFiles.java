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
 * of truth: the WAL rebuilds the head at start, so leftover files are removed on open. A file is
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

    public MappedChunkFiles(Path dir, long fileBytes) throws IOException {
        this.dir = dir;
        this.fileBytes = fileBytes;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.delete(p);
            }
        }
    }

    @Override
    public synchronized ChunkMeta store(byte[] chunk, int len, long minT, long maxT, int numSamples) {
        int need = len + 8;
        if (cur == null || cur.state[0] + need > cur.seg.byteSize()) {
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
