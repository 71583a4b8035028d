package org.osprey.server.cli;

/** How a flag's text value is checked; the parser rejects what the kind does not accept. Thread-safe: constants. */
public enum FlagKind {
    STRING,
    /** true/false; bare {@code --flag} means true and {@code --no-flag} false, as kingpin does. */
    BOOL,
    /** Prometheus duration such as {@code 15d}, {@code 1h30m}, {@code 500ms}. */
    DURATION,
    /** Byte size with base-2 units such as {@code 512MB}, {@code 1GiB}; 0 means unset. */
    BYTES,
    /** Non-negative integer. */
    INT,
    /** One of a fixed set of words listed in the flag's choices. */
    ENUM,
    /** May be given several times; values accumulate. */
    STRINGS
}
