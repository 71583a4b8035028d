package org.osprey.probes.config;

/**
 * A probe file that cannot be used; the message starts with {@code file:line:column:} so an operator
 * can jump to the offending key. Thread-safe: immutable.
 */
public final class ProbeConfigException extends Exception {
    private final String source;
    private final int line;

    /**
     * @param source file name (or another label for the input)
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     */
    public ProbeConfigException(String source, int line, int column, String message) {
        super(line > 0 ? source + ":" + line + ":" + column + ": " + message : source + ": " + message);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    /** 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }
}
