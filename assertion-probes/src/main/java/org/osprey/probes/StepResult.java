package org.osprey.probes;

/**
 * Outcome of one step of a multi-step probe (kubernetes: create, read, delete).
 * Thread-safe: immutable.
 *
 * @param durationSeconds wall time of the step
 * @param message         why it failed, or empty on success
 */
public record StepResult(String step, boolean success, double durationSeconds, String message) {
}
