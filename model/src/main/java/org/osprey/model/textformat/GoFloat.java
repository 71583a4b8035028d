package org.osprey.model.textformat;

import org.osprey.model.value.FloatFormat;

/**
 * Formats doubles as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} does, which is how the
 * Prometheus text format writes values ({@code 1.234567e+06}, {@code 0.001}, {@code +Inf},
 * {@code NaN}); see {@link FloatFormat} for the rules. Thread-safe: stateless.
 */
public final class GoFloat {
    private GoFloat() {
    }

    public static String format(double v) {
        return FloatFormat.format(v);
    }

    /** Appends v in Go's shortest {@code 'g'} form. */
    public static void append(StringBuilder sb, double v) {
        FloatFormat.append(sb, v);
    }

    /** Appends v as OpenMetrics writers do: integral finite values get {@code .0}. */
    public static void appendOpenMetrics(StringBuilder sb, double v) {
        FloatFormat.appendOpenMetrics(sb, v);
    }
}
