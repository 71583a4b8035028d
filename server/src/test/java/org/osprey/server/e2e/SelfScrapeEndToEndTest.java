package org.osprey.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * The issue-2 milestone in-process: a server on its embedded default config scrapes its own
 * /metrics and answers {@code up{job="osprey"}} = 1 within 30 s.
 */
class SelfScrapeEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void embeddedDefaultScrapesItselfAndAnswersUp() throws Exception {
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"));
        long started = System.nanoTime();
        try (OspreyServer server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"))) {
            Http http = new Http(server.port());
            JsonNode result = null;
            while (System.nanoTime() - started < 32_000_000_000L) {
                JsonNode body = Http.json(http.get("/api/v1/query?query=" + Http.enc("up{job=\"osprey\"}")).body());
                assertEquals("success", body.get("status").asString());
                if (!body.get("data").get("result").isEmpty()) {
                    result = body.get("data").get("result");
                    break;
                }
                Thread.sleep(250);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("up{job=\"osprey\"} answered after %.1f s%n", seconds);
            assertTrue(result != null, "no up{job=\"osprey\"} within 32 s");
            assertEquals(1, result.size());
            JsonNode s = result.get(0);
            assertEquals("osprey", s.get("metric").get("job").asString());
            assertEquals("127.0.0.1:" + server.port(), s.get("metric").get("instance").asString());
            assertEquals("1", s.get("value").get(1).asString());

            // the scrape stored the server's own metrics too
            JsonNode own = Http.json(http.get("/api/v1/query?query=" + Http.enc("osprey_http_requests_total{job=\"osprey\"}")).body());
            assertTrue(own.get("data").get("result").size() > 0, own.toString());
            JsonNode targets = null;
            for (int i = 0; i < 40; i++) { // the target's health is published just after its samples commit
                targets = Http.json(http.get("/api/v1/targets").body()).get("data").get("activeTargets");
                if (targets.size() == 1 && targets.get(0).get("health").asString().equals("up")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(1, targets.size());
            assertEquals("up", targets.get(0).get("health").asString());
            assertEquals("osprey", targets.get(0).get("scrapePool").asString());
            JsonNode meta = Http.json(http.get("/api/v1/metadata?metric=osprey_http_requests_total").body()).get("data");
            assertEquals("counter", meta.get("osprey_http_requests_total").get(0).get("type").asString());
        }
    }

    @Test
    void embeddedPushgatewayIsScrapedWithHonorLabels() throws Exception {
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                "--pushgateway.listen-address=127.0.0.1:0");
        try (OspreyServer server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"))) {
            String pg = server.pushgatewayAddress();
            assertTrue(pg.startsWith("127.0.0.1:"), pg);
            var client = java.net.http.HttpClient.newHttpClient();
            var push = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + pg + "/metrics/job/nightly/instance/db1"))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("# TYPE backup_last_success gauge\nbackup_last_success 1700000000\n"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, push.statusCode(), push.body());
            Http http = new Http(server.port());
            JsonNode result = null;
            long deadline = System.nanoTime() + 35_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode body = Http.json(http.get("/api/v1/query?query=backup_last_success").body());
                if (!body.get("data").get("result").isEmpty()) {
                    result = body.get("data").get("result");
                    break;
                }
                Thread.sleep(250);
            }
            assertTrue(result != null, "pushed metric never scraped");
            JsonNode m = result.get(0).get("metric");
            assertEquals("nightly", m.get("job").asString(), "honor_labels keeps the pushed job");
            assertEquals("db1", m.get("instance").asString());
            assertEquals("1700000000", result.get(0).get("value").get(1).asString());
            JsonNode pools = Http.json(http.get("/api/v1/targets").body()).get("data").get("activeTargets");
            assertEquals(2, pools.size());
        }
    }
}
