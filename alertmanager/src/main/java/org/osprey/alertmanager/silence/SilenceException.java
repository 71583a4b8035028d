package org.osprey.alertmanager.silence;

/** A silence request upstream would refuse (bad matchers, times, unknown id). Thread-safe: immutable. */
public final class SilenceException extends Exception {
    private final boolean notFound;

    public SilenceException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** True when the silence id does not exist (the API answers 404). */
    public boolean notFound() {
        return notFound;
    }
}
