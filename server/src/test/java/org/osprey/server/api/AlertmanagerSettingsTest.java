package org.osprey.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.AlertReceiver;
import org.osprey.server.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * The alertmanager entry's basic_auth (password from a file), its target relabel_configs and the
 * global alert_relabel_configs reach the notifier: a firing rule arrives at a loopback receiver
 * that demands the credentials, carrying the label the relabeling added.
 */
class AlertmanagerSettingsTest {
    @TempDir
    Path dir;

    @Test
    void basicAuthAndRelabelingReachTheAlertmanager() throws Exception {
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString("osprey:s3cret".getBytes(StandardCharsets.UTF_8));
        try (AlertReceiver am = new AlertReceiver(expectedAuth)) {
            Files.writeString(dir.resolve("pw.txt"), "s3cret\n");
            Files.writeString(dir.resolve("rules.yml"), """
                    groups:
                      - name: g
                        interval: 1s
                        rules:
                          - alert: Always
                            expr: vector(1)
                    """);
            // the static target is a placeholder that only the alertmanager relabel_configs turn into the receiver
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      evaluation_interval: 1s
                    rule_files: [rules.yml]
                    alerting:
                      alert_relabel_configs:
                        - target_label: env
                          replacement: loopback
                      alertmanagers:
                        - basic_auth:
                            username: osprey
                            password_file: pw.txt
                          static_configs:
                            - targets: ['placeholder.invalid:1']
                          relabel_configs:
                            - target_label: __address__
                              replacement: %s
                    """.formatted(am.address()));
            ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                    "--config.file=" + dir.resolve("prometheus.yml"));
            try (OspreyServer server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"))) {
                AlertReceiver.Received r = am.await(x -> x.body().contains("\"Always\""), 20_000);
                assertNotNull(r, "no alert arrived; received: " + am.received());
                assertEquals(expectedAuth, r.authorization());
                JsonNode labels = Http.json(r.body()).get(0).get("labels");
                assertEquals("Always", labels.get("alertname").asString());
                assertEquals("loopback", labels.get("env").asString());
                // the sent counter is bumped after the response, so it may trail the receiver briefly
                Http http = new Http(server.port());
                String series = "osprey_notifications_sent_total{alertmanager=\"http://" + am.address() + "/api/v2/alerts\"}";
                long deadline = System.currentTimeMillis() + 10_000;
                String metrics = http.get("/metrics").body();
                while (!metrics.contains(series) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                    metrics = http.get("/metrics").body();
                }
                assertTrue(metrics.contains(series), "sent counter for the relabeled Alertmanager url missing");
            }
        }
    }
}
