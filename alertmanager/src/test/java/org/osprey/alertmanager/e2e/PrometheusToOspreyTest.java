package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian 2.42) evaluates an always-firing rule and sends the alert to Osprey's
 * Alertmanager, which delivers it to a webhook. Skipped only when /usr/bin/prometheus is absent.
 */
class PrometheusToOspreyTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @TempDir
    Path dir;

    @Test
    void prometheusAlertReachesTheWebhook() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "prometheus is not installed at /usr/bin/prometheus; skipping");
        try (WebhookSink sink = new WebhookSink();
                AmHarness am = new AmHarness(dir, """
                        route:
                          receiver: hook
                          group_by: [alertname]
                          group_wait: 100ms
                        receivers:
                          - name: hook
                            webhook_configs:
                              - url: %s
                        """.formatted(sink.url()))) {
            Files.writeString(dir.resolve("rules.yml"), """
                    groups:
                      - name: e2e
                        interval: 1s
                        rules:
                          - alert: OspreyE2E
                            expr: vector(1)
                            labels:
                              severity: page
                            annotations:
                              summary: always firing
                    """);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      evaluation_interval: 1s
                    rule_files: [rules.yml]
                    alerting:
                      alertmanagers:
                        - api_version: v2
                          static_configs:
                            - targets: ['127.0.0.1:%d']
                    """.formatted(am.server.port()));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process prom = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + port,
                    // Alertmanager discovery settles after ~5s and alerts sent before that are dropped;
                    // a short resend delay re-sends them then instead of after the default minute.
                    "--rules.alert.resend-delay=1s")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                WebhookSink.Received r = sink.next(30_000);
                assertNotNull(r, "no webhook within 30s; prometheus log:\n" + Files.readString(dir.resolve("prometheus.log")));
                JsonNode alert = r.body().get("alerts").get(0);
                assertEquals("OspreyE2E", alert.get("labels").get("alertname").asString());
                assertEquals("page", alert.get("labels").get("severity").asString());
                assertEquals("always firing", alert.get("annotations").get("summary").asString());
                assertEquals("firing", alert.get("status").asString());
                System.out.println("prometheus 2.42 -> osprey alertmanager -> webhook: delivered " + r.body());
            } finally {
                prom.destroy();
                prom.waitFor();
            }
        }
    }
}
