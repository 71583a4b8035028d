package org.osprey.promql.engine;

/** The evaluation timestamps start, start+interval, ... (n of them), ms. Thread-safe: immutable. */
record Steps(long start, long end, long interval, int n) {
    static Steps of(long start, long end, long interval) {
        if (interval <= 0) {
            return new Steps(start, start, 1, 1);
        }
        return new Steps(start, end, interval, (int) ((end - start) / interval) + 1);
    }

    long t(int i) {
        return start + i * interval;
    }
}
