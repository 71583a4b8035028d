package org.osprey.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.AlertReceiver;
import org.osprey.server.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * {@code --probes.file}: a failing HTTP probe against a loopback endpoint shows
 * {@code osprey_probe_success 0} on /metrics and its alert, with severity, reaches the
 * Alertmanager configured in prometheus.yml; reload keeps the old probes on a broken file and
 * applies a good one; a broken file refuses start-up.
 */
class ProbesWiringTest {
    @TempDir
    Path dir;

    private static String probes(String name, int port) {
        return """
                global:
                  interval: 1s
                  timeout: 800ms
                probes:
                  - name: %s
                    kind: http
                    severity: critical
                    labels: {team: core}
                    http:
                      url: http://127.0.0.1:%d/health
                """.formatted(name, port);
    }

    private static ServerLog quietLog() {
        return new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt");
    }

    /** The value of the success sample of one probe, or null while it is absent. */
    private static String success(String metrics, String probe) {
        Matcher m = Pattern.compile("(?m)^osprey_probe_success\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains("probe=\"" + probe + "\"")) {
                assertTrue(m.group(1).contains("severity=\"critical\""), m.group());
                return m.group(2);
            }
        }
        return null;
    }

    private static String awaitSuccess(Http http, String probe) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            String v = success(http.get("/metrics").body(), probe);
            if (v != null) {
                return v;
            }
            Thread.sleep(100);
        }
        return null;
    }

    @Test
    void failingProbeIsMeasuredAndAlertsThroughTheConfiguredAlertmanager() throws Exception {
        HttpServer broken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/health", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        broken.start();
        try (AlertReceiver am = new AlertReceiver(null)) {
            int port = broken.getAddress().getPort();
            Path probeFile = dir.resolve("probes.yml");
            Files.writeString(probeFile, probes("broken-api", port));
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      external_labels: {site: lab}
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ['%s']
                    """.formatted(am.address()));
            ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                    "--config.file=" + dir.resolve("prometheus.yml"), "--probes.file=" + probeFile, "--web.enable-lifecycle");
            try (OspreyServer server = OspreyServer.start(o, quietLog())) {
                Http http = new Http(server.port());
                assertEquals("0", awaitSuccess(http, "broken-api"));
                String metrics = http.get("/metrics").body();
                assertTrue(metrics.contains("# TYPE osprey_probe_duration_seconds histogram"), "probe histogram missing");
                assertTrue(metrics.contains("osprey_probe_failures_total{probe=\"broken-api\",reason=\"status\"}"),
                        "failure reason missing");

                AlertReceiver.Received r = am.await(x -> x.body().contains("ProbeFailed"), 15_000);
                assertNotNull(r, "no probe alert arrived; received: " + am.received());
                JsonNode alert = Http.json(r.body()).get(0);
                JsonNode labels = alert.get("labels");
                assertEquals("ProbeFailed", labels.get("alertname").asString());
                assertEquals("broken-api", labels.get("probe").asString());
                assertEquals("critical", labels.get("severity").asString());
                assertEquals("core", labels.get("team").asString());
                assertEquals("lab", labels.get("site").asString(), "external labels apply to probe alerts too");
                assertTrue(alert.get("annotations").get("description").asString().contains("503"), alert.toString());

                // a broken probe file: reload fails, the old probe keeps running
                Files.writeString(probeFile, "probes:\n  - name: x\n    kind: http\n    bogus: 1\n");
                HttpResponse<String> bad = http.postForm("/-/reload", "");
                assertEquals(500, bad.statusCode());
                assertTrue(bad.body().contains("probes.yml"), bad.body());
                assertEquals("0", success(http.get("/metrics").body(), "broken-api"));

                // a good one replaces the probe set
                Files.writeString(probeFile, probes("renamed-api", port));
                assertEquals(200, http.postForm("/-/reload", "").statusCode());
                assertEquals("0", awaitSuccess(http, "renamed-api"));
                assertEquals(null, success(http.get("/metrics").body(), "broken-api"));
            }
        } finally {
            broken.stop(0);
        }
    }

    @Test
    void brokenProbeFileRefusesStartUp() throws Exception {
        Path probeFile = dir.resolve("probes.yml");
        Files.writeString(probeFile, "probes:\n  - name: x\n    kind: http\n    http:\n      url: http://127.0.0.1:1/\n      expected_status: 200\n");
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                "--probes.file=" + probeFile);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OspreyServer.start(o, quietLog()).close());
        assertTrue(e.getMessage().contains("probes.yml:6:7") && e.getMessage().contains("expected_status"), e.getMessage());
    }
}
