package org.osprey.promql.parser;

import java.util.List;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.value.FloatFormat;
import org.osprey.model.value.PromDuration;

/** Formatting shared by the nodes' toString(). Thread-safe: stateless. */
final class Printer {
    private Printer() {
    }

    /**
     * Go's fmt %v for a float64 (what upstream's NumberLiteral.String uses): shortest round-trip
     * digits, exponent form when the decimal exponent is below -4 or at least 6 ("1e-10", "1e+06"),
     * sign of zero kept.
     */
    static String formatNumber(double v) {
        return FloatFormat.formatG(v);
    }

    static String offset(long offset) {
        if (offset == 0) {
            return "";
        }
        return offset < 0 ? " offset -" + PromDuration.format(-offset) : " offset " + PromDuration.format(offset);
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
