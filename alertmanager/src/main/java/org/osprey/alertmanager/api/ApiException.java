package org.osprey.alertmanager.api;

/** An API request error carrying the HTTP status to answer with. Thread-safe: immutable. */
final class ApiException extends Exception {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
