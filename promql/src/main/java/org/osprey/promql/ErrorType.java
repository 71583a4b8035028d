package org.osprey.promql;

/** Error classes of the query API; the lower-case name is the API's "errorType". Thread-safe: enum. */
public enum ErrorType {
    BAD_DATA, EXECUTION, TIMEOUT, CANCELED, INTERNAL, UNAVAILABLE, NOT_FOUND;

    /** "bad_data", "execution", ... as the Prometheus HTTP API spells it. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
