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
 */
public record ChunkMeta(long minTime, long maxTime, MemorySegment data, long offset, int numSamples) {
    /** Wraps a finished heap chunk. */
    public static ChunkMeta ofBytes(byte[] chunk, long minTime, long maxTime) {
        return new ChunkMeta(minTime, maxTime, MemorySegment.ofArray(chunk), 0, XorChunkWriter.numSamples(chunk, 0));
    }

    public boolean overlaps(long mint, long maxt) {
        return minTime <= maxt && maxTime >= mint;
    }
}
