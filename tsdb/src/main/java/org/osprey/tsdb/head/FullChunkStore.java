package org.osprey.tsdb.head;

import org.osprey.tsdb.chunkenc.ChunkMeta;

/** Where the head puts a chunk once it is full. Implementations are thread-safe. */
public interface FullChunkStore {
    /**
     * Copies {@code len} bytes of an encoded chunk and returns a handle to the stored copy.
     */
    ChunkMeta store(byte[] chunk, int len, long minT, long maxT, int numSamples);

    /** Keeps full chunks on the heap (no data directory). */
    FullChunkStore HEAP = (chunk, len, minT, maxT, n) ->
            new ChunkMeta(minT, maxT, java.lang.foreign.MemorySegment.ofArray(java.util.Arrays.copyOf(chunk, len)), 0, n);
}
