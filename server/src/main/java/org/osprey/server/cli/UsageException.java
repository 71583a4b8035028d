package org.osprey.server.cli;

/** A command line the user must fix: unknown flag, bad value, missing argument. Exit code 2. Thread-safe: immutable. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
