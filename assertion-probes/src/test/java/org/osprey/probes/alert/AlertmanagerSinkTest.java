package org.osprey.probes.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Posts alerts to a real loopback HTTP receiver standing in for Alertmanager's v2 API. */
class AlertmanagerSinkTest {
    private HttpServer receiver;
    private final LinkedBlockingQueue<String> posts = new LinkedBlockingQueue<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/api/v2/alerts", ex -> {
            posts.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static final Instant NOW = Instant.parse("2026-11-29T10:15:00Z");
    private static final Instant START = Instant.parse("2026-11-29T10:14:30Z");

    private AlertmanagerSink sink() {
        return new AlertmanagerSink(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()), Duration.ofMinutes(4),
                Duration.ofSeconds(2), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ProbeAlert alert(Instant endsAt) {
        return new ProbeAlert(Labels.of("alertname", "ProbeFailed", "probe", "api", "kind", "http", "severity", "critical", "team", "core"),
                Map.of("summary", "Probe api (http) is failing", "description", "status 503 from http://x/, want 2xx", "reason", "status"),
                START, endsAt);
    }

    @Test
    void firingAlertIsPostedAsV2JsonWithSeverity() throws Exception {
        AlertmanagerSink sink = sink();
        assertEquals("/api/v2/alerts", sink.alertsUrl().getPath());
        sink.firing(alert(null));
        String post = posts.poll(5, TimeUnit.SECONDS);
        assertTrue(post.startsWith("POST application/json "), post);
        JsonNode body = JsonMapper.builder().build().readTree(post.substring("POST application/json ".length()));
        assertTrue(body.isArray());
        assertEquals(1, body.size());
        JsonNode a = body.get(0);
        assertEquals("critical", a.get("labels").get("severity").asString());
        assertEquals("ProbeFailed", a.get("labels").get("alertname").asString());
        assertEquals("api", a.get("labels").get("probe").asString());
        assertEquals("core", a.get("labels").get("team").asString());
        assertEquals("status 503 from http://x/, want 2xx", a.get("annotations").get("description").asString());
        assertEquals("2026-11-29T10:14:30Z", a.get("startsAt").asString());
        assertEquals("2026-11-29T10:19:00Z", a.get("endsAt").asString(), "firing alerts expire after the validity");
        assertEquals(1, sink.sent());
    }

    @Test
    void resolvedAlertCarriesItsEndTime() throws Exception {
        AlertmanagerSink sink = sink();
        sink.resolved(alert(Instant.parse("2026-11-29T10:14:50Z")));
        String post = posts.poll(5, TimeUnit.SECONDS);
        JsonNode a = JsonMapper.builder().build().readTree(post.substring(post.indexOf('['))).get(0);
        assertEquals("2026-11-29T10:14:50Z", a.get("endsAt").asString());
    }

    @Test
    void refusalsAndUnreachableReceiversAreCounted() throws Exception {
        AlertmanagerSink sink = sink();
        status = 400;
        sink.firing(alert(null));
        assertEquals(1, sink.failed());
        receiver.stop(0);
        sink.firing(alert(null));
        assertEquals(2, sink.failed());
        assertEquals(0, sink.sent());
        java.util.List<String> lines = new java.util.ArrayList<>();
        sink.visitMetrics(new org.osprey.probes.metrics.ProbeMetricVisitor() {
            @Override
            public void family(String name, String type, String help) {
                lines.add(name + " " + type);
            }

            @Override
            public void sample(String name, Labels labels, double value) {
                lines.add(name + " " + value);
            }
        });
        assertEquals(java.util.List.of("osprey_probe_alert_notifications_total counter", "osprey_probe_alert_notifications_total 0.0",
                "osprey_probe_alert_notifications_failed_total counter", "osprey_probe_alert_notifications_failed_total 2.0"), lines);
    }
}
