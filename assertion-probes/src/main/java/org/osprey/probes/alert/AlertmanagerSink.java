package org.osprey.probes.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osprey.model.labels.Labels;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts probe alerts to an Alertmanager's v2 API ({@code POST /api/v2/alerts}), one alert per
 * request. A firing alert carries {@code endsAt = now + validity}, as Prometheus does, so the
 * Alertmanager resolves it by itself if Osprey stops sending. Failures are logged and counted, not
 * retried: the next resend carries the state again. Thread-safe: yes.
 */
public final class AlertmanagerSink implements AlertSink {
    private static final System.Logger LOG = System.getLogger(AlertmanagerSink.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI alertsUrl;
    private final Duration validity;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param alertmanager base URL ({@code http://am:9093}) or the full {@code .../api/v2/alerts} URL
     * @param validity     how long a firing alert stays active without a resend; use a few resend
     *                     intervals (Prometheus uses 4 × max(resend delay, evaluation interval))
     * @param timeout      per request
     */
    public AlertmanagerSink(URI alertmanager, Duration validity, Duration timeout, Clock clock) {
        String s = alertmanager.toString();
        this.alertsUrl = s.endsWith("/api/v2/alerts") ? alertmanager
                : URI.create(s.endsWith("/") ? s + "api/v2/alerts" : s + "/api/v2/alerts");
        this.validity = validity;
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI alertsUrl() {
        return alertsUrl;
    }

    /** Alerts accepted by the Alertmanager (2xx). */
    public long sent() {
        return sent.get();
    }

    /** Alerts the Alertmanager refused or could not be reached for. */
    public long failed() {
        return failed.get();
    }

    /** Renders {@code osprey_probe_alert_notifications_total} and {@code ..._failed_total}. */
    public void visitMetrics(org.osprey.probes.metrics.ProbeMetricVisitor v) {
        v.family("osprey_probe_alert_notifications_total", "counter", "Probe alerts accepted by the Alertmanager.");
        v.sample("osprey_probe_alert_notifications_total", Labels.EMPTY, sent.get());
        v.family("osprey_probe_alert_notifications_failed_total", "counter", "Probe alerts the Alertmanager refused or could not be sent.");
        v.sample("osprey_probe_alert_notifications_failed_total", Labels.EMPTY, failed.get());
    }

    @Override
    public void firing(ProbeAlert alert) {
        post(alert, clock.instant().plus(validity));
    }

    @Override
    public void resolved(ProbeAlert alert) {
        post(alert, alert.endsAt());
    }

    /** The v2 {@code postableAlerts} body for one alert. */
    String body(ProbeAlert alert, Instant endsAt) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("labels", labelMap(alert.labels()));
        a.put("annotations", new java.util.TreeMap<>(alert.annotations()));
        a.put("startsAt", alert.startsAt().toString());
        a.put("endsAt", endsAt.toString());
        return JSON.writeValueAsString(List.of(a));
    }

    private static Map<String, String> labelMap(Labels labels) {
        Map<String, String> m = new LinkedHashMap<>();
        labels.forEach(m::put);
        return m;
    }

    private void post(ProbeAlert alert, Instant endsAt) {
        HttpRequest req = HttpRequest.newBuilder(alertsUrl).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert, endsAt)))
                .build();
        try {
            HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() / 100 == 2) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "Alertmanager {0} refused probe alert {1}: HTTP {2} {3}",
                        alertsUrl, alert.labels(), resp.statusCode(), resp.body());
            }
        } catch (IOException e) {
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "Sending probe alert to {0} failed: {1}", alertsUrl, e.toString());
        } catch (InterruptedException e) {
            failed.incrementAndGet();
            Thread.currentThread().interrupt();
        }
    }
}
