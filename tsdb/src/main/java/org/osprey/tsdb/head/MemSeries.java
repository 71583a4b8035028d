package org.osprey.tsdb.head;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.chunkenc.ChunkMeta;
import org.osprey.tsdb.chunkenc.XorChunkWriter;

/**
 * One head series: its labels, finished chunks (heap or memory-mapped), the open chunk, and any
 * out-of-order samples awaiting compaction. Thread-safe: every mutable field is guarded by the
 * series' own monitor.
 */
public final class MemSeries {
    final long ref;
    final Labels labels;
    private final List<ChunkMeta> fullChunks = new ArrayList<>(2);
    private XorChunkWriter open;
    private long maxT = Long.MIN_VALUE;
    private long minT = Long.MAX_VALUE;
    private long lastBits;
    // Out-of-order samples, sorted by time; only used with an out-of-order window.
    private long[] oooTs;
    private double[] oooVs;
    private int oooN;
    // Deleted [from,to] pairs from tombstones, applied at read and compaction time.
    private long[] deleted;
    // In-batch state of the one appender currently holding uncommitted samples for this series.
    Object batchOwner;
    long batchT;
    long batchBits;
    // Whether a series record for this series is in the WAL; guarded by the head's commit lock.
    boolean logged;

    MemSeries(long ref, Labels labels) {
        this.ref = ref;
        this.labels = labels;
    }

    public long ref() {
        return ref;
    }

    public Labels labels() {
        return labels;
    }

    /** Result of an append check: ok, in-order duplicate (no-op), or out-of-order accept. */
    static final int APPEND = 0;
    static final int SAME = 1;
    static final int OOO = 2;

    /**
     * Checks a sample against the committed data.
     *
     * @param oooMinT lowest timestamp the out-of-order window still accepts, or Long.MAX_VALUE when off
     * @param minValid lowest timestamp the head accepts at all (older data lives in blocks)
     * @throws SampleRejectedException with the reason
     */
    synchronized int check(long t, double v, long oooMinT, long minValid) {
        if (t > maxT) {
            if (t < minValid && oooMinT == Long.MAX_VALUE) {
                throw SampleRejectedException.OUT_OF_BOUNDS;
            }
            return APPEND;
        }
        if (t == maxT) {
            if (Double.doubleToRawLongBits(v) == lastBits) {
                return SAME;
            }
            throw SampleRejectedException.DUPLICATE;
        }
        if (oooMinT == Long.MAX_VALUE) {
            throw SampleRejectedException.OUT_OF_ORDER;
        }
        if (t < oooMinT) {
            throw SampleRejectedException.TOO_OLD;
        }
        return OOO;
    }

    /**
     * Stores an in-order sample; returns false when a concurrent commit got there first.
     *
     * @param chunkRange the chunk may not span a multiple of this (block boundary)
     * @param store      where full chunks go
     */
    synchronized int append(long t, double v, int samplesPerChunk, long chunkRange, FullChunkStore store) {
        if (t <= maxT) {
            if (t == maxT && Double.doubleToRawLongBits(v) == lastBits) {
                return SAME;
            }
            return -1;
        }
        if (open != null && (open.numSamples() >= samplesPerChunk
                || Math.floorDiv(t, chunkRange) != Math.floorDiv(open.minTime(), chunkRange)
                || open.numSamples() >= XorChunkWriter.MAX_SAMPLES)) {
            cutOpen(store);
        }
        if (open == null) {
            open = new XorChunkWriter();
        }
        open.append(t, v);
        if (minT == Long.MAX_VALUE) {
            minT = t;
        }
        maxT = t;
        lastBits = Double.doubleToRawLongBits(v);
        return APPEND;
    }

    private void cutOpen(FullChunkStore store) {
        fullChunks.add(store.store(open.buffer(), open.sizeBytes(), open.minTime(), open.maxTime(), open.numSamples()));
        open = null;
    }

    /** Inserts an out-of-order sample; an existing sample with equal time keeps its value unless bits match. */
    synchronized boolean appendOutOfOrder(long t, double v) {
        if (oooTs == null) {
            oooTs = new long[8];
            oooVs = new double[8];
        }
        int pos = Arrays.binarySearch(oooTs, 0, oooN, t);
        if (pos >= 0) {
            return Double.doubleToRawLongBits(oooVs[pos]) == Double.doubleToRawLongBits(v);
        }
        pos = -pos - 1;
        if (oooN == oooTs.length) {
            oooTs = Arrays.copyOf(oooTs, oooN * 2);
            oooVs = Arrays.copyOf(oooVs, oooN * 2);
        }
        System.arraycopy(oooTs, pos, oooTs, pos + 1, oooN - pos);
        System.arraycopy(oooVs, pos, oooVs, pos + 1, oooN - pos);
        oooTs[pos] = t;
        oooVs[pos] = v;
        oooN++;
        if (t < minT) {
            minT = t;
        }
        return true;
    }

    synchronized long minTime() {
        return minT;
    }

    synchronized long maxTime() {
        return maxT;
    }

    synchronized boolean isEmpty() {
        return minT == Long.MAX_VALUE;
    }

    /**
     * Chunks overlapping [mint, maxt] in time order: full chunks, a snapshot of the open chunk,
     * then (possibly overlapping) one chunk holding out-of-order samples.
     */
    synchronized List<ChunkMeta> chunks(long mint, long maxt) {
        List<ChunkMeta> out = new ArrayList<>(fullChunks.size() + 2);
        for (ChunkMeta c : fullChunks) {
            if (c.overlaps(mint, maxt)) {
                out.add(c);
            }
        }
        if (open != null && open.numSamples() > 0 && open.minTime() <= maxt && open.maxTime() >= mint) {
            out.add(new ChunkMeta(open.minTime(), open.maxTime(), java.lang.foreign.MemorySegment.ofArray(open.buffer()), 0, open.numSamples()));
        }
        if (oooN > 0 && oooTs[0] <= maxt && oooTs[oooN - 1] >= mint) {
            XorChunkWriter w = new XorChunkWriter(oooN * 2 + 16);
            for (int i = 0; i < oooN; i++) {
                w.append(oooTs[i], oooVs[i]);
            }
            out.add(ChunkMeta.ofBytes(w.toBytes(), w.minTime(), w.maxTime()));
        }
        return out;
    }

    synchronized boolean hasOutOfOrder() {
        return oooN > 0;
    }

    /** Deleted intervals as [from0,to0,from1,to1,...], or null. */
    synchronized long[] deletedIntervals() {
        return deleted;
    }

    synchronized void addDeleted(long from, long to) {
        int n = deleted == null ? 0 : deleted.length;
        long[] d = deleted == null ? new long[2] : Arrays.copyOf(deleted, n + 2);
        d[n] = from;
        d[n + 1] = to;
        deleted = d;
    }

    /**
     * Drops chunks and out-of-order samples wholly before {@code mint}; returns true when the
     * series holds nothing afterwards and may be removed.
     */
    synchronized boolean truncateBefore(long mint) {
        fullChunks.removeIf(c -> c.maxTime() < mint);
        if (open != null && open.maxTime() < mint) {
            open = null;
        }
        if (oooN > 0) {
            int keep = 0;
            for (int i = 0; i < oooN; i++) {
                if (oooTs[i] >= mint) {
                    oooTs[keep] = oooTs[i];
                    oooVs[keep] = oooVs[i];
                    keep++;
                }
            }
            oooN = keep;
        }
        if (deleted != null) {
            boolean any = false;
            for (int i = 1; i < deleted.length; i += 2) {
                any |= deleted[i] >= mint;
            }
            if (!any) {
                deleted = null;
            }
        }
        long newMin = Long.MAX_VALUE;
        if (!fullChunks.isEmpty()) {
            newMin = fullChunks.get(0).minTime();
        } else if (open != null) {
            newMin = open.minTime();
        }
        if (oooN > 0) {
            newMin = Math.min(newMin, oooTs[0]);
        }
        minT = newMin;
        return newMin == Long.MAX_VALUE && batchOwner == null;
    }

    /** Everything a shutdown snapshot needs, copied under the lock. */
    record State(List<ChunkMeta> full, byte[] open, int openCount, long[] oooTs, double[] oooVs, long[] deleted) {
    }

    synchronized State state() {
        byte[] o = open == null ? null : open.toBytes();
        return new State(List.copyOf(fullChunks), o, open == null ? 0 : open.numSamples(),
                oooN == 0 ? new long[0] : Arrays.copyOf(oooTs, oooN), oooN == 0 ? new double[0] : Arrays.copyOf(oooVs, oooN), deleted);
    }

    /** Rebuilds this (new, empty) series from a snapshot state; the open chunk is re-appended. */
    synchronized void restore(State st) {
        fullChunks.addAll(st.full());
        for (ChunkMeta c : st.full()) {
            minT = Math.min(minT, c.minTime());
            maxT = Math.max(maxT, c.maxTime());
        }
        if (st.open() != null && st.openCount() > 0) {
            open = new XorChunkWriter();
            org.osprey.tsdb.chunkenc.XorIterator it = new org.osprey.tsdb.chunkenc.XorIterator()
                    .reset(java.lang.foreign.MemorySegment.ofArray(st.open()), 0, st.openCount());
            while (it.next()) {
                open.append(it.atT(), it.at());
                lastBits = Double.doubleToRawLongBits(it.at());
            }
            minT = Math.min(minT, open.minTime());
            maxT = Math.max(maxT, open.maxTime());
        }
        for (int i = 0; i < st.oooTs().length; i++) {
            appendOutOfOrder(st.oooTs()[i], st.oooVs()[i]);
        }
        deleted = st.deleted();
        logged = true;
    }

    synchronized int chunkCount() {
        return fullChunks.size() + (open == null ? 0 : 1);
    }
}
