package org.osprey.tsdb;

import org.osprey.model.labels.Labels;

/** One selected series: its labels and a way to walk its samples in time order. */
public interface Series {
    Labels labels();

    /**
     * An iterator over the samples in the selection's range.
     *
     * @param reuse an iterator from an earlier call that the implementation may reset and return, or null
     */
    SampleIterator iterator(SampleIterator reuse);
}
