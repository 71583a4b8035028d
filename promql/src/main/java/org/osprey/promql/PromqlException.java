package org.osprey.promql;

/** A failed parse or evaluation, worded as Prometheus words it. Thread-safe: immutable. */
public class PromqlException extends RuntimeException {
    private final ErrorType type;

    public PromqlException(ErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public PromqlException(ErrorType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
