package org.osprey.rules;

/** A rule evaluation failure; the message is what {@code lastError} shows. */
public final class RuleEvaluationException extends RuntimeException {
    public RuleEvaluationException(String message) {
        super(message);
    }

    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
