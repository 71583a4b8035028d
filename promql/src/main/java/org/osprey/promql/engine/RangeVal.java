package org.osprey.promql.engine;

import java.util.List;
import org.osprey.promql.parser.Expr;

/**
 * A range vector over all steps: each step i looks at the points in (evalTimes[i] - range, evalTimes[i]].
 * {@code source} is the selector or subquery it came from. Not thread-safe.
 */
final class RangeVal {
    final List<RangeSeries> series;
    final long range;
    final long[] evalTimes;
    final Expr source;

    RangeVal(List<RangeSeries> series, long range, long[] evalTimes, Expr source) {
        this.series = series;
        this.range = range;
        this.evalTimes = evalTimes;
        this.source = source;
    }
}
