package org.osprey.probes;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.osprey.probes.alert.AlertTracker;
import org.osprey.probes.config.ProbeDefinition;
import org.osprey.model.value.PromDuration;
import org.osprey.probes.metrics.ProbeStats;

/**
 * Runs one probe once at a time: enforces the timeout (plus a 100 ms grace) by interrupting the run's virtual thread,
 * records the result in {@link ProbeStats} and feeds the {@link AlertTracker}. A run that ignores
 * the interrupt keeps the probe busy, so later ticks are skipped rather than overlapping it.
 * Thread-safe: yes; concurrent {@link #runOnce()} calls skip while one is busy.
 */
public final class ProbeRunner {
    /**
     * Extra wait beyond the timeout before the runner gives up on a run: the probe gets the whole
     * timeout for its own, more specific timeout message, and the grace covers returning it.
     */
    static final long GRACE_NANOS = 100_000_000L;

    private final ProbeDefinition definition;
    private final Probe probe;
    private final ProbeStats stats = new ProbeStats();
    private final AlertTracker alerts;
    private final Clock clock;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Set<Thread> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ProbeRunner(ProbeDefinition definition, Probe probe, AlertTracker alerts, Clock clock) {
        this.definition = definition;
        this.probe = probe;
        this.alerts = alerts;
        this.clock = clock;
    }

    public ProbeDefinition definition() {
        return definition;
    }

    public ProbeStats stats() {
        return stats;
    }

    public AlertTracker alerts() {
        return alerts;
    }

    /**
     * Runs the probe now on a virtual thread and waits for it, at most its timeout.
     *
     * @return the recorded result, or null when the previous run was still busy (counted as skipped)
     *         or the caller was interrupted
     */
    public ProbeResult runOnce() {
        if (closed) {
            return null;
        }
        if (!busy.compareAndSet(false, true)) {
            stats.skipped();
            return null;
        }
        // Two parties hold "busy": the run thread and this recorder; whoever ends last releases it,
        // so a timed-out run that has not stopped yet still blocks the next one.
        AtomicInteger holders = new AtomicInteger(2);
        CompletableFuture<ProbeResult> outcome = new CompletableFuture<>();
        long start = System.nanoTime();
        Thread runThread = Thread.ofVirtual().name("osprey-probe-" + definition.name()).unstarted(() -> {
            ProbeResult r = null;
            try {
                // An interrupt sent before the thread started is lost, so the flag is checked again here.
                r = closed ? null : probe.run(definition.timeout());
            } catch (Throwable t) {
                r = ProbeResult.failed(FailureReason.ERROR, "probe threw " + t);
            } finally {
                active.remove(Thread.currentThread());
                // Release before publishing, so a caller that got the result can start the next run at once.
                release(holders);
                outcome.complete(r);
            }
        });
        active.add(runThread);
        // Re-checked after registering: either shutdown() sees this thread, or this sees the flag.
        if (closed) {
            active.remove(runThread);
            busy.set(false);
            return null;
        }
        runThread.start();
        ProbeResult result;
        try {
            result = outcome.get(definition.timeout().toNanos() + GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            runThread.interrupt();
            result = ProbeResult.failed(FailureReason.TIMEOUT, "probe " + definition.name() + " did not finish within "
                    + PromDuration.format(definition.timeout()));
        } catch (InterruptedException e) {
            runThread.interrupt();
            Thread.currentThread().interrupt();
            release(holders);
            return null;
        } catch (ExecutionException e) {
            result = ProbeResult.failed(FailureReason.ERROR, String.valueOf(e.getCause()));
        }
        if (result == null) {
            release(holders);
            return null;
        }
        try {
            double seconds = (System.nanoTime() - start) / 1e9;
            stats.record(result, seconds, clock.millis());
            stats.alertFiring(alerts.observe(result, clock.instant()));
            return result;
        } finally {
            release(holders);
        }
    }

    private void release(AtomicInteger holders) {
        if (holders.decrementAndGet() == 0) {
            busy.set(false);
        }
    }

    /** Whether a run (possibly a timed-out one that has not stopped) is in progress. */
    public boolean busy() {
        return busy.get();
    }

    /** Closes the probe's resources; for shutdown, after runs ended or were abandoned. */
    void closeProbe() {
        probe.close();
    }

    /** Refuses further runs and interrupts in-flight ones; for shutdown. */
    void shutdown() {
        closed = true;
        for (Thread t : active) {
            t.interrupt();
        }
    }

    /** Waits until in-flight run threads ended, at most {@code millis}; false when some did not. */
    boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (Thread t : active) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || !t.join(java.time.Duration.ofMillis(left))) {
                return false;
            }
        }
        return true;
    }
}
