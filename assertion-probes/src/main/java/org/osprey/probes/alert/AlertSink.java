package org.osprey.probes.alert;

/**
 * Where probe alerts go: the server bridges this to its notifier; {@link AlertmanagerSink} posts to
 * an Alertmanager directly. Implementations should not block for long: they are called from the
 * probe's run thread. Thread-safe: implementations must be, different probes call concurrently.
 */
public interface AlertSink {
    /** Discards alerts; for running probes for metrics only. */
    AlertSink NONE = new AlertSink() {
        @Override
        public void firing(ProbeAlert alert) {
        }

        @Override
        public void resolved(ProbeAlert alert) {
        }
    };

    /**
     * The probe failed enough consecutive runs to fire, or is still failing and the resend
     * interval has passed (so a receiver that expires alerts keeps it active).
     */
    void firing(ProbeAlert alert);

    /** A firing probe passed again; {@code alert.endsAt()} is the resolve time. */
    void resolved(ProbeAlert alert);
}
