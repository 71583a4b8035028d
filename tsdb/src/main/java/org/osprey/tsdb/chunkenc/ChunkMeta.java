package org.osprey.tsdb.chunkenc;

import java.lang.foreign.MemorySegment;

/**
 * One encoded chunk and its time range, wherever its bytes live (heap array or a memory-mapped
 * file). Thread-safe: immutable; the bytes it points to are never rewritten.
 *
 * @param minTime    first sample timestamp, ms
 * @param maxTime    last sample timestamp, ms
 * @param data       segment holding the chunk
 * @param offset     offset of the chunk's count header in {@code data}
 * @param numSamples samples to decode
 * @param encoding   1 = XOR ({@link XorChunkWriter}), 2 = packed ({@link PackedChunkEncoder})
 */
public record ChunkMeta(long minTime, long maxTime, MemorySegment data, long offset, int numSamples, int encoding) {
    public static final int XOR = 1;

    /** An XOR chunk. */
    public ChunkMeta(long minTime, long maxTime, MemorySegment data, long offset, int numSamples) {
        this(minTime, maxTime, data, offset, numSamples, XOR);
    }

    /** Wraps a finished heap chunk. */
    public static ChunkMeta ofBytes(byte[] chunk, long minTime, long maxTime) {
        return new ChunkMeta(minTime, maxTime, MemorySegment.ofArray(chunk), 0, XorChunkWriter.numSamples(chunk, 0));
    }

    public boolean overlaps(long mint, long maxt) {
        return minTime <= maxt && maxTime >= mint;
    }
}
