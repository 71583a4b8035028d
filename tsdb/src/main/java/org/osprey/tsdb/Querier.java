package org.osprey.tsdb;

import java.util.List;
import org.osprey.model.labels.LabelMatcher;

/**
 * A read view over [mint, maxt]. Series returned reflect data committed before the querier was
 * opened or later; their iterators may be read after other appends. Close when done. Used by one
 * thread at a time.
 */
public interface Querier extends AutoCloseable {
    /**
     * Selects the series matching all matchers (at least one matcher must not match the empty
     * string). Iterators yield only samples in [mint, maxt] of this querier (or of the hints' range
     * when narrower).
     *
     * @param sorted when true, series come in {@link org.osprey.model.labels.Labels} order
     */
    SeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers);

    /** Sorted distinct values of the label among series matching the matchers (all series if none). */
    List<String> labelValues(String name, LabelMatcher... matchers);

    /** Sorted distinct label names among series matching the matchers (all series if none). */
    List<String> labelNames(LabelMatcher... matchers);

    @Override
    void close();
}
