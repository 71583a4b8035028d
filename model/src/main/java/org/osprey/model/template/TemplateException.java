package org.osprey.model.template;

/**
 * A template parse or execution error; the message is Go's wording, e.g.
 * {@code template: __alert_X:1: function "foo" not defined} or
 * {@code template: t:1:3: executing "t" at <humanize "x">: error calling humanize: ...}.
 * Immutable.
 */
public final class TemplateException extends Exception {
    private final boolean parse;

    TemplateException(String message, boolean parse, Throwable cause) {
        super(message, cause);
        this.parse = parse;
    }

    /** True for a parse (syntax) error, false for an execution error. */
    public boolean isParseError() {
        return parse;
    }
}
