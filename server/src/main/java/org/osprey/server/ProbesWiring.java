package org.osprey.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.probes.ProbeFactory;
import org.osprey.probes.ProbeService;
import org.osprey.probes.alert.AlertSink;
import org.osprey.probes.alert.ProbeAlert;
import org.osprey.probes.config.ProbeConfig;
import org.osprey.probes.config.ProbeConfigException;
import org.osprey.probes.config.ProbeConfigLoader;
import org.osprey.probes.metrics.ProbeMetricVisitor;
import org.osprey.rules.notifier.Notifier;
import org.osprey.rules.notifier.NotifierAlert;
import org.osprey.server.metrics.TextMetricsWriter;

/**
 * Runs the assertion probes of {@code --probes.file}: their metrics go to /metrics and their
 * alerts into the rules notifier, so they reach the Alertmanagers of prometheus.yml with the same
 * external labels, relabeling and auth as rule alerts. Thread-safe: the probe service is.
 */
final class ProbesWiring implements AutoCloseable {
    private final Path file;
    private final ProbeService service;

    private ProbesWiring(Path file, ProbeService service) {
        this.file = file;
        this.service = service;
    }

    /**
     * Reads and checks the probe file.
     *
     * @throws IllegalArgumentException naming the file and the problem (line and column when known)
     */
    static ProbeConfig load(Path file) {
        try {
            return ProbeConfigLoader.load(file);
        } catch (ProbeConfigException e) {
            throw new IllegalArgumentException("error loading probes from \"" + file + "\": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("error loading probes from \"" + file + "\": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the probes of an already loaded file.
     *
     * @param resendDelayMillis {@code --rules.alert.resend-delay}; with the probes' own resend
     *                          interval it sets how long a firing alert stays valid in Alertmanager
     */
    static ProbesWiring start(Path file, ProbeConfig config, Notifier notifier, long resendDelayMillis) {
        AlertSink sink = new NotifierSink(notifier, resendDelayMillis, config.resendInterval().toMillis());
        return new ProbesWiring(file, ProbeService.start(config, ProbeFactory.withDefaultKubernetes(), sink, Clock.systemUTC()));
    }

    Path file() {
        return file;
    }

    /** Applies a loaded file: unchanged probes keep their counters and alert state. */
    void reload(ProbeConfig config) {
        service.reload(config);
    }

    void writeMetrics(TextMetricsWriter out) {
        service.visitMetrics(new ProbeMetricVisitor() {
            @Override
            public void family(String name, String type, String help) {
                out.family(name, type, help);
            }

            @Override
            public void sample(String name, Labels labels, double value) {
                out.sample(name, value, ProbeMetricVisitor.labelPairs(labels));
            }
        });
    }

    @Override
    public void close() {
        service.close();
    }

    /**
     * Hands probe alerts to the notifier. A firing alert is valid for four resend periods (as
     * upstream's rule alerts), so Alertmanager resolves it itself if Osprey stops sending.
     */
    private record NotifierSink(Notifier notifier, long resendDelayMillis, long probeResendMillis) implements AlertSink {
        @Override
        public void firing(ProbeAlert a) {
            long validFor = 4 * Math.max(resendDelayMillis, probeResendMillis);
            notifier.send(List.of(new NotifierAlert(a.labels(), Labels.fromMap(a.annotations()), a.startsAt().toEpochMilli(),
                    System.currentTimeMillis() + validFor, "")));
        }

        @Override
        public void resolved(ProbeAlert a) {
            notifier.send(List.of(new NotifierAlert(a.labels(), Labels.fromMap(a.annotations()), a.startsAt().toEpochMilli(),
                    a.endsAt().toEpochMilli(), "")));
        }
    }
}
