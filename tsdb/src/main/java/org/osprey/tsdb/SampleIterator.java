package org.osprey.tsdb;

/**
 * Walks samples in increasing timestamp order without allocating per sample. Single-threaded.
 *
 * <pre>{@code while (it.next()) { long t = it.atT(); double v = it.at(); } }</pre>
 */
public interface SampleIterator {
    /** Advances to the next sample; false when exhausted. */
    boolean next();

    /**
     * Advances to the first sample with timestamp >= t (staying put if the current one already is);
     * false when there is none.
     */
    boolean seek(long t);

    /** Timestamp of the current sample, ms. */
    long atT();

    /** Value of the current sample (may be the stale marker NaN). */
    double at();

    SampleIterator EMPTY = new SampleIterator() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public boolean seek(long t) {
            return false;
        }

        @Override
        public long atT() {
            throw new IllegalStateException("empty iterator");
        }

        @Override
        public double at() {
            throw new IllegalStateException("empty iterator");
        }
    };
}
