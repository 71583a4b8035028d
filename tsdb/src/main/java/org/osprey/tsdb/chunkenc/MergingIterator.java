package org.osprey.tsdb.chunkenc;

import org.osprey.tsdb.SampleIterator;

/**
 * Merges several time-ordered iterators into one; on equal timestamps the earliest iterator in
 * the array wins and the others skip that sample. Used when chunks overlap (out-of-order data,
 * overlapping blocks). Not thread-safe.
 */
public final class MergingIterator implements SampleIterator {
    private final SampleIterator[] its;
    private final boolean[] live;
    private boolean started;
    private int cur = -1;

    public MergingIterator(SampleIterator... its) {
        this.its = its;
        this.live = new boolean[its.length];
    }

    private void start(long seekTo, boolean seek) {
        for (int i = 0; i < its.length; i++) {
            live[i] = seek ? its[i].seek(seekTo) : its[i].next();
        }
        started = true;
    }

    private boolean pick() {
        int best = -1;
        long bt = Long.MAX_VALUE;
        for (int i = 0; i < its.length; i++) {
            if (live[i] && (best < 0 || its[i].atT() < bt)) {
                best = i;
                bt = its[i].atT();
            }
        }
        cur = best;
        return best >= 0;
    }

    @Override
    public boolean next() {
        if (!started) {
            start(0, false);
            return pick();
        }
        if (cur < 0) {
            return false;
        }
        long t = its[cur].atT();
        for (int i = 0; i < its.length; i++) {
            if (live[i] && its[i].atT() == t) {
                live[i] = its[i].next();
            }
        }
        return pick();
    }

    @Override
    public boolean seek(long t) {
        if (!started) {
            start(t, true);
            return pick();
        }
        if (cur < 0) {
            return false;
        }
        for (int i = 0; i < its.length; i++) {
            if (live[i] && its[i].atT() < t) {
                live[i] = its[i].seek(t);
            }
        }
        return pick();
    }

    @Override
    public long atT() {
        return its[cur].atT();
    }

    @Override
    public double at() {
        return its[cur].at();
    }
}
