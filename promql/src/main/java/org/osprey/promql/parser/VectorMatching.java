package org.osprey.promql.parser;

import java.util.List;

/**
 * How two vectors match (fillLeft/fillRight: the experimental fill modifiers' values, null when absent).
 * How two vectors match: cardinality, the on()/ignoring() labels and the group_x() extra labels.
 * Thread-safe: immutable.
 */
public record VectorMatching(Cardinality card, List<String> matchingLabels, boolean on, List<String> include,
        Double fillLeft, Double fillRight) {
    public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    public VectorMatching {
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
    }

    /** Matching without fill modifiers. */
    public VectorMatching(Cardinality card, List<String> matchingLabels, boolean on, List<String> include) {
        this(card, matchingLabels, on, include, null, null);
    }
}
