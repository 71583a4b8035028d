package org.osprey.pushgateway.push;

/** A push body that cannot be decoded; the message is what the HTTP 400 body says. Thread-safe: immutable. */
public final class PushParseException extends Exception {
    public PushParseException(String message) {
        super(message);
    }
}
