package org.osprey.model.value;

/**
 * Prometheus's staleness marker: a signalling NaN with a fixed bit pattern, distinct from the
 * ordinary NaN a target may expose. Compare bits, never values (NaN != NaN). Thread-safe: constants.
 */
public final class StaleNaN {
    /** The bit pattern Prometheus writes for a stale marker. */
    public static final long BITS = 0x7ff0000000000002L;
    /** The stale marker as a double; only {@link #isStale(double)} can tell it from NaN. */
    public static final double VALUE = Double.longBitsToDouble(BITS);

    private StaleNaN() {
    }

    public static boolean isStale(double v) {
        return Double.doubleToRawLongBits(v) == BITS;
    }
}
