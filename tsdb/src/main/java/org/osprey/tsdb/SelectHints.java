package org.osprey.tsdb;

/**
 * What the caller will do with a selection, so storage may skip work. All times in ms.
 *
 * @param start first timestamp the caller reads (inclusive)
 * @param end   last timestamp the caller reads (inclusive)
 * @param step  evaluation step, 0 for an instant query
 * @param func  the PromQL function around the selector, or "" (e.g. "series" for metadata-only)
 */
public record SelectHints(long start, long end, long step, String func) {
    public static SelectHints range(long start, long end) {
        return new SelectHints(start, end, 0, "");
    }
}
