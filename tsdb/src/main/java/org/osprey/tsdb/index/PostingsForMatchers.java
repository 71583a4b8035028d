package org.osprey.tsdb.index;

import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.MatchType;

/**
 * Resolves label matchers to a sorted postings list, as Prometheus's PostingsForMatchers does:
 * matchers that reject the empty string select the union of the postings of the values they
 * accept; matchers that accept it remove the series whose value they reject; the results are
 * intersected. A name's values are enumerated once per matcher, never the series. Thread-safe:
 * stateless.
 */
public final class PostingsForMatchers {
    private PostingsForMatchers() {
    }

    public static long[] resolve(IndexReader ix, LabelMatcher... matchers) {
        long[] positive = null;
        List<long[]> negatives = new ArrayList<>();
        for (LabelMatcher m : matchers) {
            if (!m.matchesEmpty()) {
                long[] p = matching(ix, m, false);
                positive = positive == null ? p : Postings.intersect(positive, p);
                if (positive.length == 0) {
                    return Postings.EMPTY;
                }
            } else {
                // Accepts "" → series lacking the label match; subtract those whose value is rejected.
                negatives.add(matching(ix, m, true));
            }
        }
        if (positive == null) {
            positive = ix.allPostings();
        }
        for (long[] neg : negatives) {
            positive = Postings.subtract(positive, neg);
        }
        return positive;
    }

    /** Union of postings for values the matcher accepts (or rejects when {@code rejected}). */
    private static long[] matching(IndexReader ix, LabelMatcher m, boolean rejected) {
        if (m.type() == MatchType.EQUAL && !rejected) {
            return ix.postings(m.name(), m.value());
        }
        if (m.type() == MatchType.NOT_EQUAL && rejected) {
            return ix.postings(m.name(), m.value());
        }
        List<long[]> parts = new ArrayList<>();
        for (String v : ix.labelValues(m.name())) {
            if (m.matches(v) != rejected) {
                parts.add(ix.postings(m.name(), v));
            }
        }
        return Postings.union(parts);
    }
}
