package org.osprey.rules;

/**
 * Health bookkeeping of one rule, shared by both rule kinds so neither repeats it.
 * Thread-safe: volatile fields, one writer (the group's thread), readers anywhere.
 */
public final class RuleStatus {
    private volatile Health health = Health.UNKNOWN;
    private volatile String lastError = "";
    private volatile long lastEvaluation;
    private volatile double evaluationSeconds;

    RuleStatus() {
    }

    public Health health() {
        return health;
    }

    /** Empty when healthy. */
    public String lastError() {
        return lastError;
    }

    /** Epoch ms of the last evaluation start, 0 before the first. */
    public long lastEvaluation() {
        return lastEvaluation;
    }

    /** Seconds the last evaluation took. */
    public double evaluationSeconds() {
        return evaluationSeconds;
    }

    void setHealth(Health h, String error) {
        health = h;
        lastError = error == null ? "" : error;
    }

    void setEvaluation(long startMillis, double seconds) {
        lastEvaluation = startMillis;
        evaluationSeconds = seconds;
    }
}
