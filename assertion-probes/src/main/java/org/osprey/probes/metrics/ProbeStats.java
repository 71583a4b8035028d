package org.osprey.probes.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.osprey.probes.FailureReason;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.StepResult;

/**
 * The running totals and latest outcome of one probe, as exported on /metrics.
 * Thread-safe: all methods synchronize; a run records while /metrics reads a copy.
 */
public final class ProbeStats {
    private final long[] failures = new long[FailureReason.values().length];
    private final DurationHistogram durations = new DurationHistogram();
    private final Map<String, StepResult> lastSteps = new LinkedHashMap<>();
    private long runs;
    private long skipped;
    /** -1 until the first run finishes, then 0 or 1. */
    private int lastSuccess = -1;
    private double lastRunSeconds = Double.NaN;
    private boolean alertFiring;

    /**
     * @param durationSeconds wall time of the run
     * @param finishedAtMillis epoch milliseconds when it finished
     */
    public synchronized void record(ProbeResult r, double durationSeconds, long finishedAtMillis) {
        runs++;
        lastSuccess = r.success() ? 1 : 0;
        if (!r.success()) {
            failures[r.reason().ordinal()]++;
        }
        durations.record(durationSeconds);
        lastRunSeconds = finishedAtMillis / 1000.0;
        for (StepResult s : r.steps()) {
            lastSteps.put(s.step(), s);
        }
    }

    /** A tick found the previous run still busy and did not start another. */
    public synchronized void skipped() {
        skipped++;
    }

    public synchronized void alertFiring(boolean firing) {
        alertFiring = firing;
    }

    public synchronized long runs() {
        return runs;
    }

    public synchronized long skippedRuns() {
        return skipped;
    }

    public synchronized long failures(FailureReason reason) {
        return failures[reason.ordinal()];
    }

    /** A consistent copy for rendering. */
    synchronized Snapshot snapshot() {
        return new Snapshot(failures.clone(), durations.copy(), new LinkedHashMap<>(lastSteps), runs, skipped,
                lastSuccess, lastRunSeconds, alertFiring);
    }

    record Snapshot(long[] failures, DurationHistogram durations, Map<String, StepResult> steps, long runs,
                    long skipped, int lastSuccess, double lastRunSeconds, boolean alertFiring) {
    }
}
