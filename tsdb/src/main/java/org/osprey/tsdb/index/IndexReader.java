package org.osprey.tsdb.index;

import java.util.List;

/**
 * Read access to an inverted index (the head's or a block's). Refs are whatever the owner uses
 * to find a series again (head series refs, block series offsets). Implementations are
 * thread-safe.
 */
public interface IndexReader {
    /** Sorted refs of series with label name=value; empty when none. */
    long[] postings(String name, String value);

    /** Sorted refs of every series. */
    long[] allPostings();

    /** Sorted distinct values of a label name (empty list when unknown). */
    List<String> labelValues(String name);

    /** Sorted distinct label names. */
    List<String> labelNames();
}
