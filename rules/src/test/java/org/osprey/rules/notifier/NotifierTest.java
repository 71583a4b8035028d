package org.osprey.rules.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.Labels;
import org.osprey.model.relabel.RelabelConfig;
import org.osprey.rules.AlertSnapshot;
import org.osprey.rules.AlertState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The notifier against a real HTTP server on loopback standing in for Alertmanager's v2 API. */
class NotifierTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> auth = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch arrived = new CountDownLatch(1);
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            arrived.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Content-Type"));
            auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            bodies.add(JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static NotifierAlert alert(int i) {
        return new NotifierAlert(Labels.of("alertname", "A", "n", Integer.toString(i)), Labels.of("summary", "s" + i),
                1_700_000_000_123L, 1_700_000_240_000L, "http://x/graph");
    }

    private void awaitBodies(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (bodies.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void postsV2JsonInBatchesOfAtMost64WithExternalLabels() throws Exception {
        try (Notifier n = new Notifier(new Notifier.Options(10_000, Labels.of("region", "eu", "n", "ignored"), List.of()))) {
            n.applyConfig(List.of(new AlertmanagerConfig("http", "/am/", 5000, "v2", List.of(address()), List.of(), "user",
                    "secret", null, List.of())));
            gate = new CountDownLatch(1); // hold the first request so the rest queue up
            List<NotifierAlert> alerts = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                alerts.add(alert(i));
            }
            n.send(alerts.subList(0, 1));
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "first request reached the server");
            n.send(alerts.subList(1, 100));
            gate.countDown();
            awaitBodies(3);
        }
        assertEquals(List.of(1, 64, 35), bodies.stream().map(JsonNode::size).toList());
        assertEquals("POST /am/api/v2/alerts application/json", paths.get(0));
        assertEquals("Basic dXNlcjpzZWNyZXQ=", auth.get(0));
        JsonNode first = bodies.get(0).get(0);
        assertEquals("eu", first.get("labels").get("region").asString());
        assertEquals("0", first.get("labels").get("n").asString(), "an external label never overrides the alert's own");
        assertEquals("s0", first.get("annotations").get("summary").asString());
        assertEquals("2023-11-14T22:13:20.123Z", first.get("startsAt").asString());
        assertEquals("2023-11-14T22:17:20.000Z", first.get("endsAt").asString());
        assertEquals("http://x/graph", first.get("generatorURL").asString());
    }

    @Test
    void fullQueueDropsTheOldestAlertsAndCountsThem() throws Exception {
        gate = new CountDownLatch(1);
        try (Notifier n = new Notifier(new Notifier.Options(10, Labels.EMPTY, List.of()))) {
            n.applyConfig(List.of(AlertmanagerConfig.staticTargets(address())));
            n.send(List.of(alert(-1)));
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "the sender now waits on the held request");
            List<NotifierAlert> many = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                many.add(alert(i));
            }
            n.send(many.subList(0, 8));
            n.send(many.subList(8, 25));
            assertEquals(10, n.queueLength());
            assertEquals(15, n.droppedTotal());
            gate.countDown();
            awaitBodies(2);
        }
        JsonNode second = bodies.get(1);
        assertEquals(10, second.size());
        assertEquals("15", second.get(0).get("labels").get("n").asString(), "the newest alerts are kept");
    }

    @Test
    void relabelingDropsAndRewritesAlertsAndFileSdFindsTargets() throws Exception {
        Path sd = dir.resolve("am.json");
        Files.writeString(sd, "[{\"targets\": [\"" + address() + "\"], \"labels\": {\"x\": \"y\"}}]");
        RelabelConfig dropInfo = RelabelConfig.fromMap(Map.of("source_labels", List.of("severity"), "regex", "info",
                "action", "drop"));
        RelabelConfig rename = RelabelConfig.fromMap(Map.of("source_labels", List.of("n"), "target_label", "num"));
        AlertmanagerConfig am = AlertmanagerConfig.fromMap(Map.of("file_sd_configs", List.of(Map.of("files", List.of("am.json"))),
                "authorization", Map.of("credentials", "tok"), "timeout", "2s"), dir);
        try (Notifier n = new Notifier(new Notifier.Options(100, Labels.EMPTY, List.of(dropInfo, rename)))) {
            n.applyConfig(List.of(am));
            n.send(List.of(
                    new NotifierAlert(Labels.of("alertname", "A", "severity", "info"), Labels.EMPTY, 0, 0, ""),
                    new NotifierAlert(Labels.of("alertname", "B", "n", "7"), Labels.EMPTY, 0, 0, "")));
            awaitBodies(1);
        }
        assertEquals(1, bodies.get(0).size());
        JsonNode labels = bodies.get(0).get(0).get("labels");
        assertEquals("B", labels.get("alertname").asString());
        assertEquals("7", labels.get("num").asString());
        assertEquals("Bearer tok", auth.get(0));
    }

    @Test
    void targetRelabelingSelectsAlertmanagersAndRewritesThePath() throws Exception {
        RelabelConfig keep = RelabelConfig.fromMap(Map.of("source_labels", List.of("__address__"), "regex",
                ".*:" + server.getAddress().getPort(), "action", "keep"));
        RelabelConfig path = RelabelConfig.fromMap(Map.of("target_label", "__alerts_path__", "replacement",
                "/custom/api/v2/alerts"));
        AlertmanagerConfig am = AlertmanagerConfig.fromMap(Map.of(
                "static_configs", List.of(Map.of("targets", List.of("127.0.0.1:1", address()))),
                "relabel_configs", List.of(Map.of("source_labels", List.of("__address__"), "regex",
                        ".*:" + server.getAddress().getPort(), "action", "keep"),
                        Map.of("target_label", "__alerts_path__", "replacement", "/custom/api/v2/alerts"))), null);
        assertEquals(List.of(keep.toString(), path.toString()), am.relabelConfigs().stream().map(Object::toString).toList());
        assertEquals(List.of("http://" + address() + "/custom/api/v2/alerts"), Notifier.targets(am));
        try (Notifier n = new Notifier(Notifier.Options.defaults())) {
            n.applyConfig(List.of(am));
            n.send(List.of(alert(1)));
            awaitBodies(1);
        }
        assertEquals("POST /custom/api/v2/alerts application/json", paths.get(0));
    }

    @Test
    void failedDeliveriesAreCountedPerAlertmanager() throws Exception {
        status = 500;
        try (Notifier n = new Notifier(Notifier.Options.defaults())) {
            n.applyConfig(List.of(AlertmanagerConfig.staticTargets(address())));
            n.send(List.of(alert(1), alert(2)));
            awaitBodies(1);
            String url = "http://" + address() + "/api/v2/alerts";
            String errorLine = "osprey_notifications_errors_total{alertmanager=\"" + url + "\"} 2.0";
            List<String> lines = metricLines(n);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!lines.contains(errorLine) && System.nanoTime() < deadline) {
                Thread.sleep(10); // the error is counted once the response is in
                lines = metricLines(n);
            }
            assertTrue(lines.contains("osprey_notifications_errors_total{alertmanager=\"" + url + "\"} 2.0"), lines.toString());
            assertTrue(lines.contains("osprey_notifications_queue_capacity{} 10000.0"), lines.toString());
            assertTrue(lines.contains("osprey_notifications_alertmanagers_discovered{} 1.0"), lines.toString());
        }
    }

    private static List<String> metricLines(Notifier n) {
        List<String> lines = new ArrayList<>();
        n.visitMetrics(new org.osprey.rules.MetricVisitor() {
            @Override
            public void counter(String name, String help, Labels labels, double value) {
                lines.add(name + labels + " " + value);
            }

            @Override
            public void gauge(String name, String help, Labels labels, double value) {
                lines.add(name + labels + " " + value);
            }
        });
        return lines;
    }

    @Test
    void ruleAlertsBecomeNotificationsWithTableLink() throws Exception {
        try (Notifier n = new Notifier(Notifier.Options.defaults())) {
            n.applyConfig(List.of(AlertmanagerConfig.staticTargets(address())));
            AlertSnapshot firing = new AlertSnapshot(Labels.of("alertname", "X"), Labels.EMPTY, AlertState.FIRING, 1,
                    1_000, 61_000, 0, 61_000, 301_000, 0);
            AlertSnapshot resolved = new AlertSnapshot(Labels.of("alertname", "Y"), Labels.EMPTY, AlertState.INACTIVE, 1,
                    1_000, 61_000, 121_000, 121_000, 301_000, 0);
            n.notifyFunc("http://prom:9090").notify("rate(x[5m]) > 0.5 * 2", List.of(firing, resolved));
            awaitBodies(1);
        }
        JsonNode b = bodies.get(0);
        assertEquals("http://prom:9090/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+0.5+%2A+2&g0.tab=1",
                b.get(0).get("generatorURL").asString());
        assertEquals("1970-01-01T00:01:01.000Z", b.get(0).get("startsAt").asString());
        assertEquals("1970-01-01T00:05:01.000Z", b.get(0).get("endsAt").asString(), "firing: valid until");
        assertEquals("1970-01-01T00:02:01.000Z", b.get(1).get("endsAt").asString(), "resolved: resolution time");
    }
}
