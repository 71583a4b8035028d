package org.osprey.model.textparse;

/**
 * Rejects malformed exposition input. The message starts with {@code line N: } and names the
 * problem, for example {@code line 3: expected value after metric, got "x"}. Thread-safe: immutable.
 */
public final class ExpositionParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public ExpositionParseException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based line number where the problem was found. */
    public int line() {
        return line;
    }
}
