package org.osprey.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.Http;
import tools.jackson.databind.JsonNode;

/** Rules from prometheus.yml evaluate on the server's engine; the API shows them; /-/reload swaps them or keeps the old set. */
class RulesAndReloadTest {
    @TempDir
    Path dir;

    @Test
    void rulesEvaluateShowInApiAndReloadSwapsThem() throws Exception {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                groups:
                  - name: demo
                    interval: 1s
                    rules:
                      - record: job:demo:one
                        expr: vector(1)
                      - alert: AlwaysFiring
                        expr: vector(42)
                        labels:
                          severity: page
                        annotations:
                          summary: it fires
                """);
        Path cfg = dir.resolve("prometheus.yml");
        Files.writeString(cfg, "global:\n  evaluation_interval: 1s\nrule_files:\n  - rules.yml\n"
                + "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:1']\n");
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                "--config.file=" + cfg, "--web.enable-lifecycle");
        try (OspreyServer server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"))) {
            Http http = new Http(server.port());
            JsonNode firing = null;
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                JsonNode alerts = Http.json(http.get("/api/v1/alerts").body()).get("data").get("alerts");
                if (alerts.size() == 1 && alerts.get(0).get("state").asString().equals("firing")) {
                    firing = alerts.get(0);
                    break;
                }
                Thread.sleep(200);
            }
            assertTrue(firing != null, "alert never fired");
            assertEquals("AlwaysFiring", firing.get("labels").get("alertname").asString());
            assertEquals("page", firing.get("labels").get("severity").asString());
            assertEquals("4.2e+01", firing.get("value").asString());

            JsonNode groups = Http.json(http.get("/api/v1/rules").body()).get("data").get("groups");
            assertEquals(1, groups.size());
            assertEquals("demo", groups.get(0).get("name").asString());
            assertEquals(1.0, groups.get(0).get("interval").asDouble());
            JsonNode rs = groups.get(0).get("rules");
            assertEquals("recording", rs.get(0).get("type").asString());
            assertEquals("alerting", rs.get(1).get("type").asString());
            assertEquals("firing", rs.get(1).get("state").asString());
            assertEquals(1, Http.json(http.get("/api/v1/rules?type=record").body()).get("data").get("groups").get(0).get("rules").size());

            JsonNode recorded = Http.json(http.get("/api/v1/query?query=job:demo:one").body()).get("data").get("result");
            assertEquals(1, recorded.size());
            JsonNode ams = Http.json(http.get("/api/v1/alertmanagers").body()).get("data").get("activeAlertmanagers");
            assertEquals("http://127.0.0.1:1/api/v2/alerts", ams.get(0).get("url").asString());
            assertTrue(http.get("/metrics").body().contains("osprey_rule_group_rules{rule_group="));

            // a broken rule file is refused and the old rules stay
            Files.writeString(rules, "groups:\n  - name: demo\n    rules:\n      - record: bad\n        expr: sum(\n");
            HttpResponse<String> bad = http.postForm("/-/reload", "");
            assertEquals(500, bad.statusCode());
            assertTrue(bad.body().contains("rules"), bad.body());
            JsonNode rt = Http.json(http.get("/api/v1/status/runtimeinfo").body()).get("data");
            assertFalse(rt.get("reloadConfigSuccess").asBoolean());
            assertEquals(2, Http.json(http.get("/api/v1/rules").body()).get("data").get("groups").get(0).get("rules").size());

            // a good one replaces them
            Files.writeString(rules, "groups:\n  - name: other\n    rules:\n      - record: job:demo:two\n        expr: vector(2)\n");
            assertEquals(200, http.postForm("/-/reload", "").statusCode());
            JsonNode after = Http.json(http.get("/api/v1/rules").body()).get("data").get("groups");
            assertEquals("other", after.get(0).get("name").asString());
            assertTrue(Http.json(http.get("/api/v1/status/runtimeinfo").body()).get("data").get("reloadConfigSuccess").asBoolean());
        }
    }
}
