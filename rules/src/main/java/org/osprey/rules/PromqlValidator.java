package org.osprey.rules;

import org.osprey.promql.PromqlException;
import org.osprey.promql.parser.PromqlParser;
import org.osprey.rules.rulefmt.RuleParser;

/** Rule-file expression check backed by the PromQL parser. Thread-safe: stateless. */
public final class PromqlValidator implements RuleParser.ExprValidator {
    public static final PromqlValidator INSTANCE = new PromqlValidator();

    private PromqlValidator() {
    }

    @Override
    public String check(String expr) {
        try {
            PromqlParser.parse(expr);
            return null;
        } catch (PromqlException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
