package org.osprey.probes;

import java.time.Duration;

/**
 * One synthetic check that acts like a client and asserts what it sees. Implementations report
 * failures as a {@link ProbeResult}, never by throwing, and stop when interrupted.
 * Thread-safe: the scheduler never runs one probe concurrently with itself; implementations need
 * not support that.
 */
public interface Probe extends AutoCloseable {
    /**
     * Runs the check once.
     *
     * @param timeout the whole run's budget; the scheduler also interrupts the run when it is spent
     * @return the outcome; on failure the reason and the failing assertion's message
     */
    ProbeResult run(Duration timeout);

    /** Releases connections or clients the probe holds; called once when its service closes. */
    @Override
    default void close() {
    }
}
