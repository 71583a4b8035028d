package org.osprey.promql.parser;

/**
 * The {@code @} modifier of a selector or subquery: none, a fixed timestamp (ms), or the query's
 * start() / end(). Thread-safe: immutable.
 */
public record At(Mode mode, long timestamp) {
    public enum Mode { NONE, TIMESTAMP, START, END }

    public static final At NONE = new At(Mode.NONE, 0);
    public static final At START = new At(Mode.START, 0);
    public static final At END = new At(Mode.END, 0);

    public static At timestamp(long ms) {
        return new At(Mode.TIMESTAMP, ms);
    }

    public boolean isSet() {
        return mode != Mode.NONE;
    }

    /** The evaluation time this modifier pins to, or {@code stepTime} when unset. */
    public long resolve(long stepTime, long queryStart, long queryEnd) {
        return switch (mode) {
            case NONE -> stepTime;
            case TIMESTAMP -> timestamp;
            case START -> queryStart;
            case END -> queryEnd;
        };
    }

    @Override
    public String toString() {
        return switch (mode) {
            case NONE -> "";
            case START -> " @ start()";
            case END -> " @ end()";
            case TIMESTAMP -> " @ " + String.format(java.util.Locale.ROOT, "%.3f", timestamp / 1000.0);
        };
    }
}
