package org.osprey.probes.alert;

import java.time.Instant;
import java.util.Map;
import org.osprey.model.labels.Labels;

/**
 * A {@code ProbeFailed} alert as handed to an {@link AlertSink}. Thread-safe: immutable.
 *
 * @param labels      alertname, probe, kind, severity and the probe's own labels
 * @param annotations summary, description (the failing assertion's message) and reason
 * @param startsAt    when the alert started firing
 * @param endsAt      null while firing; the resolve time once resolved
 */
public record ProbeAlert(Labels labels, Map<String, String> annotations, Instant startsAt, Instant endsAt) {
    public static final String ALERT_NAME = "ProbeFailed";

    public ProbeAlert {
        annotations = Map.copyOf(annotations);
    }

    public boolean resolved() {
        return endsAt != null;
    }
}
