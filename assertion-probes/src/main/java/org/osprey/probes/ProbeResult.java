package org.osprey.probes;

import java.util.List;

/**
 * Outcome of one probe run. Thread-safe: immutable.
 *
 * @param reason  null on success
 * @param message the failing assertion in words, empty on success
 * @param steps   per-step outcomes for multi-step probes, empty otherwise
 */
public record ProbeResult(boolean success, FailureReason reason, String message, List<StepResult> steps) {
    public ProbeResult {
        steps = List.copyOf(steps);
    }

    public static ProbeResult ok() {
        return new ProbeResult(true, null, "", List.of());
    }

    public static ProbeResult ok(List<StepResult> steps) {
        return new ProbeResult(true, null, "", steps);
    }

    public static ProbeResult failed(FailureReason reason, String message) {
        return new ProbeResult(false, reason, message, List.of());
    }

    public static ProbeResult failed(FailureReason reason, String message, List<StepResult> steps) {
        return new ProbeResult(false, reason, message, steps);
    }
}
