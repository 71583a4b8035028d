package org.osprey.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.Http;
import tools.jackson.databind.JsonNode;

/** The non-query endpoints of a real server on loopback. */
class ServerEndpointsTest {
    @TempDir
    static Path dir;
    static OspreyServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.cors.origin=https?://grafana\\.example");
        server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAndReadiness() throws Exception {
        HttpResponse<String> h = http.get("/-/healthy");
        assertEquals(200, h.statusCode());
        assertTrue(h.body().contains("Healthy"));
        assertEquals(200, http.get("/-/ready").statusCode());
    }

    @Test
    void ownMetricsInTextFormatWithRequestHistogram() throws Exception {
        http.get("/-/healthy");
        HttpResponse<String> m = http.get("/metrics");
        assertEquals(200, m.statusCode());
        assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String body = m.body();
        assertTrue(body.contains("# TYPE osprey_http_requests_total counter"), body);
        assertTrue(body.contains("osprey_http_requests_total{code=\"200\",handler=\"/-/healthy\"}"), body);
        assertTrue(body.contains("# TYPE osprey_http_request_duration_seconds histogram"), body);
        assertTrue(body.contains("osprey_http_request_duration_seconds_bucket{handler=\"/-/healthy\",le=\"+Inf\"}"), body);
        assertTrue(body.contains("process_cpu_seconds_total "), body);
        assertTrue(body.contains("jvm_memory_used_bytes{area=\"heap\"}"), body);
        assertTrue(body.contains("osprey_tsdb_head_series "), body);
    }

    @Test
    void lifecycleIsForbiddenWithoutTheFlagAndWrongMethodIs405() throws Exception {
        HttpResponse<String> r = http.postForm("/-/reload", "");
        assertEquals(403, r.statusCode());
        assertEquals("Lifecycle API is not enabled.", r.body());
        HttpResponse<String> get = http.get("/-/quit");
        assertEquals(405, get.statusCode());
        assertTrue(get.headers().firstValue("Allow").orElse("").contains("POST"));
    }

    @Test
    void buildInfoHasVersionAndEmptyFeatures() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/status/buildinfo");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode j = Http.json(r.body());
        assertEquals("success", j.get("status").asString());
        assertTrue(j.get("data").get("version").asString().matches("\\d+\\.\\d+\\.\\d+"));
        assertTrue(j.get("data").get("features").isObject());
        assertEquals(0, j.get("data").get("features").size());
        assertEquals(405, http.postForm("/api/v1/status/buildinfo", "").statusCode(), "Grafana retries with GET only on 405");
    }

    @Test
    void adminApiIsUnavailableWithoutTheFlag() throws Exception {
        HttpResponse<String> r = http.postForm("/api/v1/admin/tsdb/snapshot", "");
        assertEquals(503, r.statusCode());
        JsonNode j = Http.json(r.body());
        assertEquals("error", j.get("status").asString());
        assertEquals("unavailable", j.get("errorType").asString());
        assertEquals("admin APIs disabled", j.get("error").asString());
    }

    @Test
    void corsHeaderOnlyForMatchingOrigin() throws Exception {
        var ok = http.getBytes("/api/v1/status/flags", "Origin", "https://grafana.example");
        assertEquals("https://grafana.example", ok.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        var no = http.getBytes("/api/v1/status/flags", "Origin", "https://evil.example");
        assertTrue(no.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals("Date", no.headers().firstValue("Access-Control-Expose-Headers").orElse(""));
    }

    @Test
    void gzipWhenAsked() throws Exception {
        var r = http.getBytes("/api/v1/status/flags", "Accept-Encoding", "gzip");
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
        JsonNode j = Http.json(body);
        assertEquals("0.0.0.0:9090".length() > 0, j.get("data").has("web.listen-address"));
        assertEquals("https?://grafana\\.example", j.get("data").get("web.cors.origin").asString());
    }

    @Test
    void statusEndpointsHaveUpstreamShapes() throws Exception {
        JsonNode rt = Http.json(http.get("/api/v1/status/runtimeinfo").body()).get("data");
        assertTrue(rt.get("reloadConfigSuccess").asBoolean());
        assertEquals("15d", rt.get("storageRetention").asString());
        JsonNode cfg = Http.json(http.get("/api/v1/status/config").body()).get("data");
        assertTrue(cfg.get("yaml").asString().contains("job_name: osprey"));
        JsonNode wal = Http.json(http.get("/api/v1/status/walreplay").body()).get("data");
        assertEquals(0, wal.get("current").asInt());
        JsonNode am = Http.json(http.get("/api/v1/alertmanagers").body()).get("data");
        assertTrue(am.get("activeAlertmanagers").isArray());
        JsonNode rules = Http.json(http.get("/api/v1/rules?type=record").body()).get("data");
        assertTrue(rules.get("groups").isArray());
        HttpResponse<String> bad = http.get("/api/v1/rules?type=nope");
        assertEquals(400, bad.statusCode());
        assertEquals("invalid parameter \"type\": not supported value \"nope\"", Http.json(bad.body()).get("error").asString());
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertEquals(404, http.get("/api/v1/nonsense").statusCode());
    }
}
