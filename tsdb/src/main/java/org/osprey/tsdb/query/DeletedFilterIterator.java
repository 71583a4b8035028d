package org.osprey.tsdb.query;

import org.osprey.tsdb.SampleIterator;

/** Hides samples inside deleted intervals (tombstones). Not thread-safe. */
final class DeletedFilterIterator implements SampleIterator {
    private final SampleIterator in;
    private final long[] deleted;

    DeletedFilterIterator(SampleIterator in, long[] deleted) {
        this.in = in;
        this.deleted = deleted;
    }

    private boolean isDeleted(long t) {
        for (int i = 0; i < deleted.length; i += 2) {
            if (t >= deleted[i] && t <= deleted[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private boolean skipDeleted(boolean ok) {
        while (ok && isDeleted(in.atT())) {
            ok = in.next();
        }
        return ok;
    }

    @Override
    public boolean next() {
        return skipDeleted(in.next());
    }

    @Override
    public boolean seek(long t) {
        return skipDeleted(in.seek(t));
    }

    @Override
    public long atT() {
        return in.atT();
    }

    @Override
    public double at() {
        return in.at();
    }
}
