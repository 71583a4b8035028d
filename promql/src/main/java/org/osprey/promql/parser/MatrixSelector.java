package org.osprey.promql.parser;

import org.osprey.model.value.PromDuration;
import org.osprey.promql.value.ValueType;

/**
 * A range vector selector; offset and @ live on the inner selector. {@code mode} is the
 * experimental extended-range modifier (anchored / smoothed). Thread-safe: immutable.
 */
public record MatrixSelector(VectorSelector selector, long range, int pos, Mode mode) implements Expr {
    /** Range selection mode. */
    public enum Mode { PLAIN, ANCHORED, SMOOTHED }

    public MatrixSelector(VectorSelector selector, long range, int pos) {
        this(selector, range, pos, Mode.PLAIN);
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    public MatrixSelector withMode(Mode m) {
        return new MatrixSelector(selector, range, pos, m);
    }

    @Override
    public String toString() {
        return selector.selectorText() + "[" + PromDuration.format(range) + "]" + selector.at()
                + Printer.offset(selector.offset())
                + (mode == Mode.PLAIN ? "" : " " + mode.name().toLowerCase(java.util.Locale.ROOT));
    }
}
