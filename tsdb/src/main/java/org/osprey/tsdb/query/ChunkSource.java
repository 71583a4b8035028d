package org.osprey.tsdb.query;

import java.util.List;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.tsdb.index.IndexReader;

/** The head or one block seen by a querier. Thread-safe. */
public interface ChunkSource {
    long minTime();

    long maxTime();

    /** Series matching all matchers that have chunks overlapping [mint, maxt], sorted by labels. */
    List<ChunkSeries> select(long mint, long maxt, LabelMatcher... matchers);

    /** The source's inverted index, for label names and values without matchers. */
    IndexReader index();

    /** Marks the source in use so it is not unmapped while a querier reads it; false if already closed. */
    default boolean retain() {
        return true;
    }

    default void release() {
    }
}
