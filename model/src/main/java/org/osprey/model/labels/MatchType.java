package org.osprey.model.labels;

/** The four label matcher operators of PromQL and Alertmanager. Thread-safe: enum. */
public enum MatchType {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String operator;

    MatchType(String operator) {
        this.operator = operator;
    }

    public String operator() {
        return operator;
    }

    public static MatchType fromOperator(String op) {
        for (MatchType t : values()) {
            if (t.operator.equals(op)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown match operator \"" + op + "\"");
    }
}
