package org.osprey.rules;

/** Mutable health bookkeeping shared by both rule kinds. Thread-safe: volatile fields, single writer. */
final class RuleStatus {
    volatile Health health = Health.UNKNOWN;
    volatile String lastError = "";
    volatile long lastEvaluation;
    volatile double evaluationSeconds;
}
