package org.osprey.promql.parser;

import java.util.List;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.labels.MatchType;
import org.osprey.promql.value.ValueType;

/**
 * An instant vector selector. {@code name} is the metric name written outside the braces (or null);
 * {@code matchers} always include the name matcher. Thread-safe: immutable.
 */
public record VectorSelector(String name, List<LabelMatcher> matchers, long offset, At at, int pos, boolean smoothed)
        implements Expr {
    public VectorSelector {
        matchers = List.copyOf(matchers);
    }

    public VectorSelector(String name, List<LabelMatcher> matchers, long offset, At at, int pos) {
        this(name, matchers, offset, at, pos, false);
    }

    /** With the experimental smoothed modifier: values interpolated between the samples around t. */
    public VectorSelector withSmoothed(boolean s) {
        return new VectorSelector(name, matchers, offset, at, pos, s);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    public VectorSelector withOffset(long newOffset) {
        return new VectorSelector(name, matchers, newOffset, at, pos, smoothed);
    }

    public VectorSelector withAt(At newAt) {
        return new VectorSelector(name, matchers, offset, newAt, pos, smoothed);
    }

    /** The selector without offset and @, as printed inside a range selector. */
    String selectorText() {
        StringBuilder sb = new StringBuilder();
        boolean nameInBraces = false;
        if (name != null) {
            if (org.osprey.model.labels.LabelNames.isLegacyMetricName(name)) {
                sb.append(name);
            } else {
                nameInBraces = true;
            }
        }
        StringBuilder inner = new StringBuilder();
        if (nameInBraces) {
            org.osprey.model.labels.LabelNames.appendQuoted(inner, name);
        }
        // Upstream prints the matchers sorted as strings.
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (LabelMatcher m : matchers) {
            if (name != null && m.type() == MatchType.EQUAL && m.name().equals(Labels.METRIC_NAME)
                    && m.value().equals(name)) {
                continue;
            }
            parts.add(m.toString());
        }
        java.util.Collections.sort(parts);
        for (String p : parts) {
            if (!inner.isEmpty()) {
                inner.append(',');
            }
            inner.append(p);
        }
        if (!inner.isEmpty() || name == null) {
            sb.append('{').append(inner).append('}');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return selectorText() + at + Printer.offset(offset) + (smoothed ? " smoothed" : "");
    }
}
