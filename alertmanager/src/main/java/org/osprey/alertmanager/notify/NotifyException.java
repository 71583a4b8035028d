package org.osprey.alertmanager.notify;

/** A failed delivery attempt; {@link #retryable()} says whether trying again may help. Thread-safe: immutable. */
public final class NotifyException extends Exception {
    private final boolean retryable;

    public NotifyException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public NotifyException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
