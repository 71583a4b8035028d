package org.osprey.promql.parser;

import java.math.BigDecimal;
import java.util.List;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.value.PromDuration;

/** Formatting shared by the nodes' toString(). Thread-safe: stateless. */
final class Printer {
    private Printer() {
    }

    /**
     * Go's fmt %v for a float64 (what upstream's NumberLiteral.String uses): shortest round-trip
     * digits, exponent form when the decimal exponent is below -4 or at least 6 ("1e-10", "1e+06").
     */
    static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - bd.scale() - 1;
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            return sb.append(a).toString();
        }
        return sign + bd.toPlainString();
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
