package org.osprey.promql.value;

/** The four PromQL value types; {@link #apiName()} is the HTTP API's resultType string. Thread-safe: enum. */
public enum ValueType {
    SCALAR("scalar"),
    STRING("string"),
    VECTOR("vector"),
    MATRIX("matrix");

    private final String apiName;

    ValueType(String apiName) {
        this.apiName = apiName;
    }

    /** "scalar", "string", "vector" or "matrix". */
    public String apiName() {
        return apiName;
    }

    /** The wording Prometheus uses in type errors: "scalar", "string", "instant vector", "range vector". */
    public String documentedName() {
        return switch (this) {
            case SCALAR -> "scalar";
            case STRING -> "string";
            case VECTOR -> "instant vector";
            case MATRIX -> "range vector";
        };
    }

    @Override
    public String toString() {
        return apiName;
    }
}
