package org.osprey.server.api;

/** An API call that ends in Prometheus's error envelope with the given type. Thread-safe: immutable. */
public final class ApiException extends RuntimeException {
    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }

    public static ApiException badData(String message) {
        return new ApiException(ErrorType.BAD_DATA, message);
    }

    /** Prometheus's {@code invalidParamError}: {@code invalid parameter "name": reason}. */
    public static ApiException invalidParam(String name, String reason) {
        return new ApiException(ErrorType.BAD_DATA, "invalid parameter \"" + name + "\": " + reason);
    }
}
