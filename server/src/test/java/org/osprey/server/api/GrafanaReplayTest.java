package org.osprey.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * Replays the request sequence Grafana's Prometheus data source sends (health check, metrics
 * browser, query editor, explore) against a self-scraping server and checks every answer has
 * the shape Grafana parses. Grafana tries POST first for resource calls and falls back to GET
 * only on 405 or 400, so GET-only paths must say 405 to POST.
 */
class GrafanaReplayTest {
    @TempDir
    static Path dir;
    static OspreyServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("prometheus.yml");
        Files.writeString(cfg, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: osprey\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + port + "']\n");
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.path=" + dir.resolve("data"), "--config.file=" + cfg);
        server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"));
        http = new Http(port);
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode r = Http.json(http.get("/api/v1/query?query=up").body());
            if (r.get("data").get("result").size() > 0 && scrapes() >= 3) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("self-scrape did not produce data");
    }

    static int scrapes() throws Exception {
        JsonNode r = Http.json(http.get("/api/v1/query?query=" + Http.enc("count_over_time(up[1m])")).body());
        JsonNode res = r.get("data").get("result");
        return res.isEmpty() ? 0 : Integer.parseInt(res.get(0).get("value").get(1).asString());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode success(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode j = Http.json(r.body());
        assertEquals("success", j.get("status").asString(), r.body());
        return j.get("data");
    }

    /** Grafana's resource call: POST first, GET when the server answers 405 or 400. */
    static JsonNode resource(String path, String params) throws Exception {
        HttpResponse<String> post = http.postForm(path, params);
        if (post.statusCode() == 405 || post.statusCode() == 400) {
            return success(http.get(path + "?" + params));
        }
        return success(post);
    }

    static String now() {
        return PromFloat.timestamp(System.currentTimeMillis());
    }

    static String hourAgo() {
        return PromFloat.timestamp(System.currentTimeMillis() - 3_600_000);
    }

    @Test
    void grafanaSequenceParsesWithGrafanasShapes() throws Exception {
        // 1. data source detection
        JsonNode build = success(http.get("/api/v1/status/buildinfo"));
        assertTrue(build.get("version").asString().matches("[23]\\.\\d+\\.\\d+"), build.toString());
        assertTrue(build.get("features").isObject() && build.get("features").isEmpty(), "empty features means plain Prometheus");
        assertFalse(build.has("application"), "Grafana would read an 'application' as Mimir/Cortex");

        // 2. health check: POST form query=1+1
        JsonNode health = success(http.postForm("/api/v1/query", "query=1%2B1&time=" + now()));
        assertEquals("scalar", health.get("resultType").asString());
        assertTrue(health.get("result").get(0).isNumber());
        assertEquals("2", health.get("result").get(1).asString());

        // 3. metrics browser
        JsonNode labels = resource("/api/v1/labels", "limit=40000&match[]=" + Http.enc("{__name__=~\".+\",}")
                + "&start=" + hourAgo() + "&end=" + now());
        assertTrue(labels.isArray());
        assertTrue(labels.toString().contains("\"__name__\"") && labels.toString().contains("\"job\""), labels.toString());
        labels.forEach(l -> assertTrue(l.isString()));
        JsonNode names = resource("/api/v1/label/__name__/values", "limit=40000&start=" + hourAgo() + "&end=" + now());
        assertTrue(names.toString().contains("\"up\""), names.toString());
        names.forEach(n -> assertTrue(n.isString()));
        JsonNode meta = resource("/api/v1/metadata", "limit=40000");
        assertTrue(meta.isObject());
        JsonNode upMeta = meta.get("osprey_http_requests_total");
        assertTrue(upMeta != null && upMeta.isArray(), meta.toString());
        assertEquals("counter", upMeta.get(0).get("type").asString());
        assertTrue(upMeta.get(0).get("help").isString() && upMeta.get(0).get("unit").isString());
        assertEquals(405, http.postForm("/api/v1/metadata", "limit=40000").statusCode());

        // 4. query editor: series for a metric, then label values filtered by it
        JsonNode series = resource("/api/v1/series", "match[]=" + Http.enc("up{job=\"osprey\"}")
                + "&start=" + hourAgo() + "&end=" + now());
        assertEquals(1, series.size());
        assertEquals("osprey", series.get(0).get("job").asString());
        series.get(0).properties().forEach(e -> assertTrue(e.getValue().isString()));
        JsonNode jobs = resource("/api/v1/label/job/values", "match[]=" + Http.enc("{__name__=\"up\"}")
                + "&start=" + hourAgo() + "&end=" + now());
        assertEquals("[\"osprey\"]", jobs.toString());

        // 5. panel queries: range (POST form, step aligned) and instant
        long end = (System.currentTimeMillis() / 15_000 + 1) * 15_000; // Grafana aligns to the step
        JsonNode range = success(http.postForm("/api/v1/query_range", "query=" + Http.enc("rate(osprey_http_requests_total[1m])")
                + "&start=" + PromFloat.timestamp(end - 300_000) + "&end=" + PromFloat.timestamp(end) + "&step=15"));
        assertEquals("matrix", range.get("resultType").asString());
        assertTrue(range.get("result").size() > 0, range.toString() + " at " + end + " " + success(http.get("/api/v1/query?query=" + Http.enc("osprey_http_requests_total[1m]"))));
        for (JsonNode s : range.get("result")) {
            assertTrue(s.get("metric").isObject());
            for (JsonNode p : s.get("values")) {
                assertTrue(p.get(0).isNumber());
                assertTrue(p.get(1).isString());
                Double.parseDouble(p.get(1).asString().replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            }
        }
        JsonNode instant = success(http.postForm("/api/v1/query", "query=up&time=" + now()));
        assertEquals("vector", instant.get("resultType").asString());
        JsonNode sample = instant.get("result").get(0);
        assertTrue(sample.get("value").get(0).isNumber());
        assertEquals("1", sample.get("value").get(1).asString());

        // 6. exemplars and rules (Explore, alerting UI)
        JsonNode ex = resource("/api/v1/query_exemplars", "query=up&start=" + hourAgo() + "&end=" + now());
        assertTrue(ex.isArray());
        JsonNode rules = success(http.get("/api/v1/rules"));
        assertTrue(rules.get("groups").isArray());
    }

    @Test
    void grafanaErrorShapeForABadQuery() throws Exception {
        HttpResponse<String> r = http.postForm("/api/v1/query_range", "query=" + Http.enc("rate(up[") + "&start=1&end=2&step=1");
        assertEquals(400, r.statusCode());
        JsonNode j = Http.json(r.body());
        assertEquals("error", j.get("status").asString());
        assertEquals("bad_data", j.get("errorType").asString());
        assertTrue(j.get("error").asString().startsWith("invalid parameter \"query\": "));
    }
}
