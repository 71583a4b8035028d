package org.osprey.tsdb;

/** A cursor over selected series: {@code while (set.next()) use(set.at());}. Single-threaded. */
public interface SeriesSet {
    boolean next();

    Series at();

    SeriesSet EMPTY = new SeriesSet() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public Series at() {
            throw new IllegalStateException("empty series set");
        }
    };
}
