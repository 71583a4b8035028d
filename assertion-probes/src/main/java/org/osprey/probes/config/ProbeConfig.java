package org.osprey.probes.config;

import java.time.Duration;
import java.util.List;

/**
 * A whole probe file. Thread-safe: immutable.
 *
 * @param resendInterval how often a still-failing probe re-sends its firing alert, so Alertmanager
 *                       keeps it active (Prometheus' {@code --rules.alert.resend-delay} idea)
 */
public record ProbeConfig(List<ProbeDefinition> probes, Duration resendInterval) {
    public ProbeConfig {
        probes = List.copyOf(probes);
    }
}
