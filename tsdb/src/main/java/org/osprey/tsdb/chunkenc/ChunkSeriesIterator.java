package org.osprey.tsdb.chunkenc;

import java.util.List;
import org.osprey.tsdb.SampleIterator;

/**
 * Walks a series' chunks in time order, yielding only samples in [mint, maxt]. Chunks must not
 * overlap (use {@link MergingIterator} when they may); chunks outside the range are skipped
 * without decoding. Reusable via {@link #reset}. Not thread-safe.
 */
public final class ChunkSeriesIterator implements SampleIterator {
    private final XorIterator xorIt = new XorIterator();
    private final PackedIterator packedIt = new PackedIterator();
    private SampleIterator chunkIt = xorIt;
    private boolean hasSample; // chunkIt is positioned on a sample
    private List<ChunkMeta> chunks = List.of();
    private int idx;
    private boolean inChunk;
    private long mint;
    private long maxt;
    private boolean done;

    public ChunkSeriesIterator reset(List<ChunkMeta> chunks, long mint, long maxt) {
        this.chunks = chunks;
        this.mint = mint;
        this.maxt = maxt;
        this.idx = -1;
        this.inChunk = false;
        this.done = false;
        return this;
    }

    private boolean openNext(long from) {
        while (++idx < chunks.size()) {
            ChunkMeta c = chunks.get(idx);
            if (c.minTime() > maxt) {
                break;
            }
            if (c.maxTime() < from || c.numSamples() == 0) {
                continue;
            }
            if (c.encoding() == PackedChunkEncoder.ENCODING) {
                chunkIt = packedIt.reset(c.data(), c.offset(), c.numSamples());
            } else {
                chunkIt = xorIt.reset(c.data(), c.offset(), c.numSamples());
            }
            hasSample = false;
            inChunk = true;
            return true;
        }
        inChunk = false;
        done = true;
        return false;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        while (true) {
            if (!inChunk && !openNext(mint)) {
                return false;
            }
            if (chunkIt.next()) {
                hasSample = true;
                long t = chunkIt.atT();
                if (t < mint) {
                    if (chunkIt.seek(mint)) {
                        t = chunkIt.atT();
                    } else {
                        inChunk = false;
                        continue;
                    }
                }
                if (t > maxt) {
                    done = true;
                    return false;
                }
                return true;
            }
            inChunk = false;
        }
    }

    @Override
    public boolean seek(long t) {
        if (done) {
            return false;
        }
        long target = Math.max(t, mint);
        if (inChunk && hasSample && chunkIt.atT() >= target) {
            return true;
        }
        while (true) {
            if (inChunk) {
                ChunkMeta c = chunks.get(idx);
                if (c.maxTime() >= target && chunkIt.seek(target)) {
                    hasSample = true;
                    if (chunkIt.atT() > maxt) {
                        done = true;
                        return false;
                    }
                    return true;
                }
                inChunk = false;
            }
            if (!openNext(target)) {
                return false;
            }
        }
    }

    @Override
    public long atT() {
        return chunkIt.atT();
    }

    @Override
    public double at() {
        return chunkIt.at();
    }
}
