package org.osprey.promql.parser;

import java.math.BigDecimal;
import java.util.List;
import org.osprey.model.labels.LabelNames;

/** Formatting shared by the nodes' toString(). Thread-safe: stateless. */
final class Printer {
    private Printer() {
    }

    /** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
    static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).toPlainString();
    }

    static String offset(long offset) {
        if (offset == 0) {
            return "";
        }
        return offset < 0 ? " offset -" + Durations.format(-offset) : " offset " + Durations.format(offset);
    }

    static String joinLabels(List<String> labels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String l = labels.get(i);
            if (LabelNames.isLegacyName(l)) {
                sb.append(l);
            } else {
                LabelNames.appendQuoted(sb, l);
            }
        }
        return sb.toString();
    }
}
