package org.osprey.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.Labels;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.Http;
import org.osprey.tsdb.Appender;
import tools.jackson.databind.JsonNode;

/** The query and metadata API over real HTTP against a real server and storage. */
class QueryApiTest {
    @TempDir
    static Path dir;
    static OspreyServer server;
    static Http http;
    /** Samples every 15 s from T0 - 10 min to T0 (recent, so retention and head truncation keep them). */
    static final long T0 = System.currentTimeMillis() / 60_000 * 60_000 - 3_600_000;

    @BeforeAll
    static void start() throws Exception {
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.enable-admin-api", "--config.file=" + writeConfig(dir));
        server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"));
        http = new Http(server.port());
        Appender a = server.storage().appender();
        Labels l1 = Labels.of("__name__", "http_requests_total", "job", "api", "instance", "a:1", "code", "200");
        Labels l2 = Labels.of("__name__", "http_requests_total", "job", "api", "instance", "b:1", "code", "500");
        Labels l3 = Labels.of("__name__", "temperature", "job", "sensors", "room", "hall");
        for (long t = T0 - 600_000; t <= T0; t += 15_000) {
            long i = (t - (T0 - 600_000)) / 15_000;
            a.append(0, l1, t, 10 * i);
            a.append(0, l2, t, i);
            a.append(0, l3, t, 0.1 + i);
        }
        a.commit();
    }

    static String writeConfig(Path d) throws Exception {
        Path f = d.resolve("prometheus.yml");
        java.nio.file.Files.writeString(f, "global:\n  external_labels:\n    dc: west\nscrape_configs: []\n");
        return f.toString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = Http.json(r.body());
        assertEquals("success", j.get("status").asString());
        return j.get("data");
    }

    static JsonNode error(HttpResponse<String> r, int code, String type) {
        assertEquals(code, r.statusCode(), r.body());
        JsonNode j = Http.json(r.body());
        assertEquals("error", j.get("status").asString());
        assertEquals(type, j.get("errorType").asString());
        return j;
    }

    static String t(long ms) {
        return PromFloat.timestamp(ms);
    }

    @Test
    void instantVectorGetAndPostGiveTheSameEnvelope() throws Exception {
        String q = "query=" + Http.enc("http_requests_total{code=\"200\"}") + "&time=" + t(T0);
        JsonNode get = ok(http.get("/api/v1/query?" + q));
        JsonNode post = ok(http.postForm("/api/v1/query", q));
        assertEquals(get, post);
        assertEquals("vector", get.get("resultType").asString());
        JsonNode s = get.get("result").get(0);
        assertEquals("http_requests_total", s.get("metric").get("__name__").asString());
        assertEquals("a:1", s.get("metric").get("instance").asString());
        assertEquals(T0 / 1000.0, s.get("value").get(0).asDouble());
        assertEquals("400", s.get("value").get(1).asString());
    }

    @Test
    void rangeQueryReturnsMatrixAtEveryStep() throws Exception {
        JsonNode d = ok(http.get("/api/v1/query_range?query=" + Http.enc("rate(http_requests_total[1m])")
                + "&start=" + t(T0 - 120_000) + "&end=" + t(T0) + "&step=30s"));
        assertEquals("matrix", d.get("resultType").asString());
        assertEquals(2, d.get("result").size());
        JsonNode a = d.get("result").get(0);
        assertFalse(a.get("metric").has("__name__"), "rate drops the name");
        assertEquals(5, a.get("values").size());
        assertEquals("0.6666666666666666", a.get("values").get(0).get(1).asString());
    }

    @Test
    void scalarStringAndSpecialFloats() throws Exception {
        JsonNode s = ok(http.postForm("/api/v1/query", "query=1%2B1&time=" + t(T0)));
        assertEquals("scalar", s.get("resultType").asString());
        assertEquals("2", s.get("result").get(1).asString());
        JsonNode str = ok(http.get("/api/v1/query?query=" + Http.enc("\"hi\"") + "&time=" + t(T0)));
        assertEquals("string", str.get("resultType").asString());
        assertEquals("hi", str.get("result").get(1).asString());
        assertEquals("+Inf", ok(http.get("/api/v1/query?query=" + Http.enc("1/0") + "&time=1")).get("result").get(1).asString());
        assertEquals("-Inf", ok(http.get("/api/v1/query?query=" + Http.enc("-1/0") + "&time=1")).get("result").get(1).asString());
        assertEquals("NaN", ok(http.get("/api/v1/query?query=" + Http.enc("0/0") + "&time=1")).get("result").get(1).asString());
        assertEquals("0.30000000000000004", ok(http.get("/api/v1/query?query=" + Http.enc("0.1+0.2") + "&time=1")).get("result").get(1).asString());
    }

    @Test
    void rfc3339TimesAndStatsAreAccepted() throws Exception {
        String iso = java.time.Instant.ofEpochMilli(T0).toString();
        JsonNode d = ok(http.get("/api/v1/query?query=temperature&time=" + Http.enc(iso) + "&stats=all"));
        assertEquals("40.1", d.get("result").get(0).get("value").get(1).asString());
        assertTrue(d.get("stats").get("timings").has("evalTotalTime"));
        assertTrue(d.get("stats").get("samples").get("totalQueryableSamples").asLong() >= 1);
    }

    @Test
    void errorsCarryUpstreamTypesCodesAndWording() throws Exception {
        JsonNode parse = error(http.get("/api/v1/query?query=" + Http.enc("sum(")), 400, "bad_data");
        assertTrue(parse.get("error").asString().startsWith("invalid parameter \"query\": 1:"), parse.toString());
        JsonNode time = error(http.get("/api/v1/query?query=up&time=tomorrow"), 400, "bad_data");
        assertEquals("invalid parameter \"time\": Invalid time value for 'time': cannot parse \"tomorrow\" to a valid timestamp",
                time.get("error").asString());
        JsonNode step = error(http.get("/api/v1/query_range?query=up&start=0&end=100&step=0"), 400, "bad_data");
        assertEquals("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer",
                step.get("error").asString());
        JsonNode points = error(http.get("/api/v1/query_range?query=up&start=0&end=11001&step=1"), 400, "bad_data");
        assertEquals("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
                points.get("error").asString());
        ok(http.get("/api/v1/query_range?query=up&start=0&end=11000&step=1"));
        JsonNode order = error(http.get("/api/v1/query_range?query=up&start=10&end=5&step=1"), 400, "bad_data");
        assertEquals("invalid parameter \"end\": end timestamp must not be before start time", order.get("error").asString());
        JsonNode start = error(http.get("/api/v1/query_range?query=up&end=5&step=1"), 400, "bad_data");
        assertEquals("invalid parameter \"start\": cannot parse \"\" to a valid timestamp", start.get("error").asString());
        JsonNode exec = error(http.get("/api/v1/query?query=" + Http.enc("label_replace(temperature, \"x\", \"$1\", \"room\", \"(\")")
                + "&time=" + t(T0)), 422, "execution");
        assertTrue(exec.get("error").asString().startsWith("invalid regular expression in label_replace()"));
    }

    @Test
    void seriesLabelsAndValuesWithMatchAndLimit() throws Exception {
        JsonNode series = ok(http.get("/api/v1/series?match[]=" + Http.enc("http_requests_total") + "&match[]=temperature"));
        assertEquals(3, series.size());
        assertEquals("api", series.get(0).get("job").asString());
        JsonNode labels = ok(http.get("/api/v1/labels?match[]=" + Http.enc("{job=\"sensors\"}")));
        assertEquals("[\"__name__\",\"job\",\"room\"]", labels.toString());
        JsonNode names = ok(http.get("/api/v1/label/__name__/values"));
        assertEquals("[\"http_requests_total\",\"temperature\"]", names.toString());
        HttpResponse<String> limited = http.get("/api/v1/label/__name__/values?limit=1");
        JsonNode lj = Http.json(limited.body());
        assertEquals(1, lj.get("data").size());
        assertEquals("results truncated due to limit", lj.get("warnings").get(0).asString());
        JsonNode none = error(http.get("/api/v1/series"), 400, "bad_data");
        assertEquals("no match[] parameter provided", none.get("error").asString());
        JsonNode empty = error(http.get("/api/v1/series?match[]=" + Http.enc("{job=~\".*\"}")), 400, "bad_data");
        assertTrue(empty.get("error").asString().contains("at least one non-empty matcher"), empty.toString());
        JsonNode codes = ok(http.postForm("/api/v1/labels", "match[]=" + Http.enc("{__name__=~\".+\",}") + "&limit=40000"));
        assertTrue(codes.toString().contains("\"code\""));
        JsonNode old = ok(http.get("/api/v1/series?match[]=temperature&start=0&end=1"));
        assertEquals(0, old.size(), "time range excludes all samples");
    }

    @Test
    void formatAndParseQuery() throws Exception {
        assertEquals("sum by (job) (rate(x[5m]))",
                ok(http.get("/api/v1/format_query?query=" + Http.enc("sum(rate(x[5m])) by (job)"))).asString());
        JsonNode ast = ok(http.get("/api/v1/parse_query?query=" + Http.enc("up{job=\"a\"}")));
        assertEquals("vectorSelector", ast.get("type").asString());
        assertEquals("up", ast.get("name").asString());
    }

    @Test
    void federateAddsExternalLabels() throws Exception {
        // federation reads "now"; write a fresh sample
        Appender a = server.storage().appender();
        long now = System.currentTimeMillis();
        a.append(0, Labels.of("__name__", "fresh_metric", "job", "f"), now, 3);
        a.commit();
        HttpResponse<String> r = http.get("/federate?match[]=" + Http.enc("{job=\"f\"}"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("# TYPE fresh_metric untyped\n"), r.body());
        assertTrue(r.body().contains("fresh_metric{dc=\"west\",job=\"f\"} 3 " + now), r.body());
    }

    @Test
    void adminDeleteSeriesAnswers204() throws Exception {
        Appender a = server.storage().appender();
        long now = System.currentTimeMillis();
        a.append(0, Labels.of("__name__", "doomed", "job", "x"), now, 1);
        a.commit();
        assertEquals(1, ok(http.get("/api/v1/query?query=doomed&time=" + t(now))).get("result").size());
        HttpResponse<String> r = http.postForm("/api/v1/admin/tsdb/delete_series", "match[]=doomed");
        assertEquals(204, r.statusCode(), r.body());
        assertEquals(0, ok(http.get("/api/v1/query?query=doomed&time=" + t(now))).get("result").size());
    }

    @Test
    void adminSnapshotWritesADirectoryAndCleanTombstonesAnswers204() throws Exception {
        JsonNode d = ok(http.postForm("/api/v1/admin/tsdb/snapshot", ""));
        String name = d.get("name").asString();
        assertTrue(name.matches("\\d{8}T\\d{6}Z-[0-9a-f]{16}"), name);
        assertTrue(java.nio.file.Files.isDirectory(dir.resolve("data").resolve("snapshots").resolve(name)));
        assertEquals(204, http.postForm("/api/v1/admin/tsdb/clean_tombstones", "").statusCode());
        error(http.postForm("/api/v1/admin/tsdb/snapshot", "skip_head=maybe"), 400, "bad_data");
    }

    @Test
    void statusTsdbHasHeadStatsAndTopLists() throws Exception {
        JsonNode d = ok(http.get("/api/v1/status/tsdb"));
        assertTrue(d.get("headStats").get("numSeries").asLong() >= 3, d.toString());
        JsonNode top = d.get("seriesCountByMetricName");
        assertEquals("http_requests_total", top.get(0).get("name").asString());
        assertEquals(2, top.get(0).get("value").asInt());
    }
}
