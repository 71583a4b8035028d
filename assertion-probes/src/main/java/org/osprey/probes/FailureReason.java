package org.osprey.probes;

import java.util.Locale;

/**
 * Why a run failed; the lower-case name is the {@code reason} label, a closed set so the failure
 * counter's cardinality stays bounded. Thread-safe: immutable.
 */
public enum FailureReason {
    /** The run did not finish within its timeout. */
    TIMEOUT,
    /** No connection (refused, unreachable, DNS). */
    CONNECT,
    /** TLS handshake or certificate failure. */
    TLS,
    /** HTTP status not among the accepted codes. */
    STATUS,
    /** HTTP response slower than {@code max_latency}. */
    LATENCY,
    /** HTTP body longer than {@code body_size_limit}. */
    BODY_SIZE,
    /** HTTP body did not contain a match of {@code body_regex}. */
    BODY_REGEX,
    /** A JSON pointer was missing or its value differed (or the body was not JSON). */
    JSON_POINTER,
    /** TCP send failed. */
    SEND,
    /** TCP reply did not match {@code expect}. */
    EXPECT,
    /** Kubernetes create step failed. */
    CREATE,
    /** Kubernetes read step failed or returned other content. */
    READ,
    /** Kubernetes delete step failed. */
    DELETE,
    /** Anything else (I/O error, unexpected exception). */
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
