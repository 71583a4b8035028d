package org.osprey.probes.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.osprey.model.labels.Labels;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.config.ProbeDefinition;

/**
 * Turns one probe's run results into alert transitions: fires after {@code failures_before_alert}
 * consecutive failures, re-sends while failing every {@code resendInterval}, resolves on the first
 * pass. Sink exceptions are logged and do not change the state. Thread-safe: methods synchronize.
 */
public final class AlertTracker {
    private static final System.Logger LOG = System.getLogger(AlertTracker.class.getName());

    private final ProbeDefinition probe;
    private final Duration resendInterval;
    private final AlertSink sink;
    private final Labels labels;
    private int consecutiveFailures;
    private Instant firingSince;
    private Instant lastSent;
    private String lastMessage = "";
    private String lastReason = "";

    public AlertTracker(ProbeDefinition probe, Duration resendInterval, AlertSink sink) {
        this.probe = probe;
        this.resendInterval = resendInterval;
        this.sink = sink;
        this.labels = probe.labels().toBuilder()
                .set("alertname", ProbeAlert.ALERT_NAME)
                .set("probe", probe.name())
                .set("kind", probe.kind().label())
                .set("severity", probe.severity())
                .build();
    }

    /**
     * Records one run and notifies the sink on a transition or resend.
     *
     * @return whether the alert is firing after this run
     */
    public synchronized boolean observe(ProbeResult r, Instant now) {
        if (r.success()) {
            consecutiveFailures = 0;
            if (firingSince != null) {
                ProbeAlert resolved = alert(now);
                firingSince = null;
                lastSent = null;
                notify(resolved, false);
            }
            return false;
        }
        consecutiveFailures++;
        lastMessage = r.message();
        lastReason = r.reason().label();
        if (firingSince == null) {
            if (consecutiveFailures >= probe.failuresBeforeAlert()) {
                firingSince = now;
                lastSent = now;
                notify(alert(null), true);
            }
        } else if (!now.isBefore(lastSent.plus(resendInterval))) {
            lastSent = now;
            notify(alert(null), true);
        }
        return firingSince != null;
    }

    public synchronized boolean firing() {
        return firingSince != null;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    private ProbeAlert alert(Instant endsAt) {
        Map<String, String> annotations = Map.of(
                "summary", "Probe " + probe.name() + " (" + probe.kind().label() + ") is failing",
                "description", lastMessage,
                "reason", lastReason);
        return new ProbeAlert(labels, annotations, firingSince, endsAt);
    }

    private void notify(ProbeAlert a, boolean firing) {
        try {
            if (firing) {
                sink.firing(a);
            } else {
                sink.resolved(a);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Alert sink failed for probe " + probe.name(), e);
        }
    }
}
