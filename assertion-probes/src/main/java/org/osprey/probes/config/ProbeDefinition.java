package org.osprey.probes.config;

import java.time.Duration;
import org.osprey.model.labels.Labels;

/**
 * One probe from the file. Exactly one of {@code http}, {@code tcp}, {@code kubernetes} is non-null,
 * matching {@code kind}. Thread-safe: immutable.
 *
 * @param labels              extra labels copied onto the probe's alerts
 * @param failuresBeforeAlert consecutive failed runs before the alert fires (at least 1)
 */
public record ProbeDefinition(String name, ProbeKind kind, Duration interval, Duration timeout, String severity,
                              Labels labels, int failuresBeforeAlert,
                              HttpSettings http, TcpSettings tcp, KubernetesSettings kubernetes) {
}
