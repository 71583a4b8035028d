package org.osprey.pushgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.pushgateway.RunningPushgateway;

/** The push API over real HTTP on loopback, against the behaviour Pushgateway 1.5 shows. */
class PushApiTest {
    private RunningPushgateway pg;

    @BeforeEach
    void start() throws Exception {
        pg = new RunningPushgateway();
    }

    @AfterEach
    void stop() {
        pg.close();
    }

    /** The scrape with push time values masked, so whole outputs can be compared. */
    private String scrape() throws Exception {
        return pg.pushedMetrics().replaceAll("(push_(failure_)?time_seconds\\{[^}]*\\}) [0-9.e+]+", "$1 T");
    }

    private static double pushTime(String scrape, String family, String labels) {
        Matcher m = Pattern.compile(Pattern.quote(family + labels) + " (\\S+)").matcher(scrape);
        assertTrue(m.find(), family + labels + " in\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void singleSampleBecomesUntypedWithEmptyInstance() throws Exception {
        assertEquals(200, pg.send("POST", "/metrics/job/some_job", "some_metric 3.14\n").statusCode());
        String s = pg.pushedMetrics();
        assertTrue(s.contains("# TYPE some_metric untyped\nsome_metric{instance=\"\",job=\"some_job\"} 3.14\n"), s);
        double t = pushTime(s, "push_time_seconds", "{instance=\"\",job=\"some_job\"}");
        assertTrue(Math.abs(t - System.currentTimeMillis() / 1000.0) < 60, "push time " + t);
        assertEquals(0.0, pushTime(s, "push_failure_time_seconds", "{instance=\"\",job=\"some_job\"}"));
    }

    @Test
    void putReplacesGroupPostReplacesSameNamedFamilies() throws Exception {
        pg.send("PUT", "/metrics/job/j", "a 1\nb 2\n");
        pg.send("POST", "/metrics/job/j", "b 3\nc 4\n");
        String s = scrape();
        assertTrue(s.contains("a{instance=\"\",job=\"j\"} 1\n"), s);
        assertTrue(s.contains("b{instance=\"\",job=\"j\"} 3\n"), s);
        assertTrue(s.contains("c{instance=\"\",job=\"j\"} 4\n"), s);
        assertFalse(s.contains("b{instance=\"\",job=\"j\"} 2"), s);
        pg.send("PUT", "/metrics/job/j", "c 5\n");
        s = scrape();
        assertFalse(s.contains("a{"), s);
        assertFalse(s.contains("b{"), s);
        assertTrue(s.contains("c{instance=\"\",job=\"j\"} 5\n"), s);
    }

    @Test
    void emptyPutClearsMetricsButKeepsPushTime() throws Exception {
        pg.send("PUT", "/metrics/job/j", "a 1\n");
        assertEquals(200, pg.send("PUT", "/metrics/job/j", "").statusCode());
        String s = scrape();
        assertFalse(s.contains("a{"), s);
        assertTrue(s.contains("push_time_seconds{instance=\"\",job=\"j\"} T"), s);
        assertEquals(200, pg.send("POST", "/metrics/job/j2", "x 1\n").statusCode());
        assertEquals(200, pg.send("POST", "/metrics/job/j2", "").statusCode());
        assertTrue(scrape().contains("x{instance=\"\",job=\"j2\"} 1\n"));
    }

    @Test
    void deleteRemovesOnlyTheExactGroup() throws Exception {
        pg.send("PUT", "/metrics/job/some_job", "m 1\n");
        pg.send("PUT", "/metrics/job/some_job/instance/some_instance", "m 2\n");
        assertEquals(202, pg.send("DELETE", "/metrics/job/some_job", (byte[]) null).statusCode());
        String s = scrape();
        assertFalse(s.contains("m{instance=\"\",job=\"some_job\"}"), s);
        assertTrue(s.contains("m{instance=\"some_instance\",job=\"some_job\"} 2\n"), s);
        assertFalse(s.contains("push_time_seconds{instance=\"\",job=\"some_job\"}"), s);
        assertEquals(202, pg.send("DELETE", "/metrics/job/never_pushed", (byte[]) null).statusCode());
    }

    @Test
    void groupingLabelsOverrideBodyLabelsAndInstanceStaysWhenPushed() throws Exception {
        pg.send("PUT", "/metrics/job/j1/foo/y", "m1{job=\"other\",foo=\"x\"} 1\n");
        pg.send("PUT", "/metrics/job/j2", "m2{instance=\"x\"} 1\n");
        String s = scrape();
        assertTrue(s.contains("m1{foo=\"y\",instance=\"\",job=\"j1\"} 1\n"), s);
        assertTrue(s.contains("m2{instance=\"x\",job=\"j2\"} 1\n"), s);
    }

    @Test
    void bodyLabelsThatCollapseOntoGroupingLabelsAreDuplicates() throws Exception {
        HttpResponse<String> r = pg.send("PUT", "/metrics/job/d", "d1{job=\"x\"} 1\nd1{job=\"y\"} 2\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("pushed metrics are invalid or inconsistent with existing metrics: "), r.body());
        assertTrue(r.body().contains("was collected before with the same name and label values"), r.body());
    }

    @Test
    void typeConflictAcrossGroupsIsRejectedAndLeavesStateUntouched() throws Exception {
        pg.send("PUT", "/metrics/job/a", "# TYPE h1 gauge\nh1 1\n");
        pg.send("PUT", "/metrics/job/c", "other 7\n");
        String before = scrape();
        HttpResponse<String> r = pg.send("PUT", "/metrics/job/c", "# TYPE h1 counter\nh1 2\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("is not a GAUGE"), r.body());
        assertEquals(before, scrape(), "stored metrics unchanged");
        String raw = pg.pushedMetrics();
        assertTrue(pushTime(raw, "push_failure_time_seconds", "{instance=\"\",job=\"c\"}") > 0, raw);
        assertTrue(raw.contains("other{instance=\"\",job=\"c\"} 7\n"), raw);
    }

    @Test
    void summarySuffixCollisionsAreRejectedAcrossGroupsAndWithinAPostedGroup() throws Exception {
        assertEquals(200, pg.send("PUT", "/metrics/job/a", "rpc_count 3\n").statusCode());
        HttpResponse<String> r = pg.send("PUT", "/metrics/job/b", "# TYPE rpc summary\nrpc_sum 1\nrpc_count 2\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().endsWith("collected histogram or summary named \"rpc\" collides with previously collected metric named \"rpc_count\"\n"), r.body());
        assertEquals(200, pg.send("PUT", "/metrics/job/c", "lat_sum 3\n").statusCode());
        // POST keeps lat_sum in the group, so a histogram "lat" would collide with it.
        assertEquals(400, pg.send("POST", "/metrics/job/c", "# TYPE lat histogram\nlat_bucket{le=\"+Inf\"} 1\nlat_sum 1\nlat_count 1\n").statusCode());
        assertEquals(400, pg.send("POST", "/metrics/job/d", "# TYPE lat histogram\nlat_bucket{le=\"+Inf\"} 1\nlat_sum 1\nlat_count 1\n").statusCode());
        // PUT replaces lat_sum in its own group: no collision left.
        assertEquals(200, pg.send("PUT", "/metrics/job/c", "# TYPE lat histogram\nlat_bucket{le=\"+Inf\"} 1\nlat_sum 1\nlat_count 1\n").statusCode());
    }

    @Test
    void failedFirstPushCreatesAnEmptyGroupWithFailureTime() throws Exception {
        pg.send("PUT", "/metrics/job/a", "# TYPE h1 gauge\nh1 1\n");
        assertEquals(400, pg.send("PUT", "/metrics/job/new", "# TYPE h1 counter\nh1 2\n").statusCode());
        String raw = pg.pushedMetrics();
        assertEquals(0.0, pushTime(raw, "push_time_seconds", "{instance=\"\",job=\"new\"}"));
        assertTrue(pushTime(raw, "push_failure_time_seconds", "{instance=\"\",job=\"new\"}") > 0);
        assertFalse(raw.contains("h1{instance=\"\",job=\"new\"}"), raw);
    }

    @Test
    void helpConflictsAreToleratedFirstGroupWins() throws Exception {
        assertEquals(200, pg.send("PUT", "/metrics/job/a", "# HELP h1 first\n# TYPE h1 gauge\nh1 1\n").statusCode());
        assertEquals(200, pg.send("PUT", "/metrics/job/b", "# HELP h1 second\n# TYPE h1 gauge\nh1 2\n").statusCode());
        assertEquals(200, pg.send("PUT", "/metrics/job/0", "# TYPE h1 gauge\nh1 0\n").statusCode());
        assertTrue(scrape().contains("# HELP h1 first\n# TYPE h1 gauge\nh1{instance=\"\",job=\"0\"} 0\nh1{instance=\"\",job=\"a\"} 1\nh1{instance=\"\",job=\"b\"} 2\n"),
                "a group without help does not blank the help:\n" + scrape());
    }

    @Test
    void timestampsAreRejected() throws Exception {
        HttpResponse<String> r = pg.send("PUT", "/metrics/job/t", "m 1 1234\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("pushed metrics must not have timestamps"), r.body());
    }

    @Test
    void malformedBodiesAreRejectedWithTheLine() throws Exception {
        HttpResponse<String> r = pg.send("PUT", "/metrics/job/k", "ok 1\ngarbage line here\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("text format parsing error in line 2: "), r.body());
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "i8 1").statusCode(), "missing final newline");
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "i9 1\r\n").statusCode(), "CRLF");
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "i3{1e=\"v\"} 1\n").statusCode());
        // Go's parser rejects blanks after the value, the timestamp or a TYPE; blank lines are fine.
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "sp 3 \n").statusCode());
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "sp{a=\"b \"} 3\t\n").statusCode());
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "# TYPE tt gauge \ntt 1\n").statusCode());
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "hexish 0x1p3\n").statusCode(), "expfmt refuses hex floats");
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "# HELP qh quote \\\" kept\nqh 1\n").statusCode(), "HELP escapes only \\\\ and \\n");
        assertEquals(200, pg.send("PUT", "/metrics/job/ok", "  \n\t\n# HELP h trailing blank in help is text \nh 1\n  lead 2\n"
                + "br{a=\"}x_p\\\"\"} 3\n# HELP e2 back\\\\slash\\nnewline\ne2 1\n").statusCode());
        assertFalse(pg.pushedMetrics().contains("job=\"k\""), "parse errors never reach a group");
        // A reserved label name parses but fails the consistency check, which does mark the group (as upstream).
        assertEquals(400, pg.send("PUT", "/metrics/job/k", "i5{__a=\"v\"} 1\n").statusCode(), "reserved label name");
        assertTrue(pushTime(pg.pushedMetrics(), "push_failure_time_seconds", "{instance=\"\",job=\"k\"}") > 0);
    }

    @Test
    void groupingKeyPathErrors() throws Exception {
        HttpResponse<String> r = pg.send("PUT", "/metrics/job/j2/1a/b", "m 1\n");
        assertEquals(400, r.statusCode());
        assertEquals("improper label name \"1a\"\n", r.body());
        r = pg.send("PUT", "/metrics/job/j2/a", "m 1\n");
        assertEquals(400, r.statusCode());
        assertEquals("odd number of components in label string \"/a\"\n", r.body());
        assertEquals("job name is required\n", pg.send("PUT", "/metrics/job@base64/=", "m 1\n").body());
        assertTrue(pg.send("PUT", "/metrics/job/j3/b@base64/!!", "m 1\n").body().startsWith("invalid base64 encoding for label b=\"!!\""));
        assertEquals(405, pg.send("GET", "/metrics/job/x", (byte[]) null).statusCode());
    }

    @Test
    void base64AndUrlEncodedGroupingKeysFromTheReadme() throws Exception {
        assertEquals(200, pg.send("PUT", "/metrics/job/directory_cleaner/path@base64/L3Zhci90bXA", "some_metric{foo=\"bar\"} 3.14\n").statusCode());
        assertEquals(200, pg.send("PUT", "/metrics/job/example/first_label@base64/=/second_label/foobar", "e 1\n").statusCode());
        assertEquals(200, pg.send("PUT", "/metrics/job/titan/name/%CE%A0%CF%81%CE%BF%CE%BC%CE%B7%CE%B8%CE%B5%CF%8D%CF%82", "t 1\n").statusCode());
        assertEquals(200, pg.send("POST", "/metrics/job/titan/name@base64/zqDPgc6_zrzOt864zrXPjc-C", "t2 1\n").statusCode());
        assertEquals(200, pg.send("PUT", "/metrics/job@base64/L3Zhci90bXA/c@base64/L3Zhci90bXA=", "s 1\n").statusCode());
        assertEquals(200, pg.send("PUT", "/metrics/job/j4/d/", "tr 1\n").statusCode());
        String s = scrape();
        assertTrue(s.contains("some_metric{foo=\"bar\",instance=\"\",job=\"directory_cleaner\",path=\"/var/tmp\"} 3.14\n"), s);
        assertTrue(s.contains("e{first_label=\"\",instance=\"\",job=\"example\",second_label=\"foobar\"} 1\n"), s);
        assertTrue(s.contains("t{instance=\"\",job=\"titan\",name=\"Προμηθεύς\"} 1\n"), s);
        assertTrue(s.contains("t2{instance=\"\",job=\"titan\",name=\"Προμηθεύς\"} 1\n"), "both spellings name one group:\n" + s);
        assertTrue(s.contains("s{c=\"/var/tmp\",instance=\"\",job=\"/var/tmp\"} 1\n"), s);
        assertTrue(s.contains("tr{d=\"\",instance=\"\",job=\"j4\"} 1\n"), s);
    }

    @Test
    void gzipBodies() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write("some_metric 3.14\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(200, pg.send("POST", "/metrics/job/some_job", buf.toByteArray(), "Content-Encoding", "gzip").statusCode());
        assertTrue(scrape().contains("some_metric{instance=\"\",job=\"some_job\"} 3.14\n"));
        assertEquals(400, pg.send("POST", "/metrics/job/bad", "not gzip".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip").statusCode());
    }

    @Test
    void scrapesAreGzippedWhenAsked() throws Exception {
        pg.send("PUT", "/metrics/job/z", "zipped 1\n");
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pg.base + "/metrics")).header("Accept-Encoding", "gzip").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElseThrow());
        String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains("zipped{instance=\"\",job=\"z\"} 1\n"), text);
    }

    @Test
    void summariesHistogramsAndOrderingAsTheGoClientWritesThem() throws Exception {
        String body = """
                # HELP rpc Latency.
                # TYPE rpc summary
                rpc{quantile="0.5"} 0.2
                rpc{quantile="0.9"} 0.5
                rpc_sum 10
                rpc_count 40
                # TYPE lat histogram
                lat_bucket{le="0.1",x="b"} 1
                lat_bucket{le="1",x="b"} 3
                lat_bucket{le="+Inf",x="b"} 4
                lat_sum{x="b"} 2.5
                lat_count{x="b"} 4
                lat_bucket{le="0.1",x="a"} 1
                lat_bucket{le="+Inf",x="a"} 1
                lat_sum{x="a"} 0.05
                lat_count{x="a"} 1
                # TYPE zz counter
                zz{b="2"} 1e-7
                zz{b="10"} 123456789012
                zz{a="1"} NaN
                zz{c="x\\"y\\nz"} +Inf
                """;
        assertEquals(200, pg.send("PUT", "/metrics/job/s", body).statusCode());
        // Byte-for-byte what Debian's prometheus-pushgateway 1.5.1 printed for this push.
        String expected = """
                # TYPE lat histogram
                lat_bucket{instance="",job="s",x="a",le="0.1"} 1
                lat_bucket{instance="",job="s",x="a",le="+Inf"} 1
                lat_sum{instance="",job="s",x="a"} 0.05
                lat_count{instance="",job="s",x="a"} 1
                lat_bucket{instance="",job="s",x="b",le="0.1"} 1
                lat_bucket{instance="",job="s",x="b",le="1"} 3
                lat_bucket{instance="",job="s",x="b",le="+Inf"} 4
                lat_sum{instance="",job="s",x="b"} 2.5
                lat_count{instance="",job="s",x="b"} 4
                # HELP push_failure_time_seconds Last Unix time when changing this group in the Pushgateway failed.
                # TYPE push_failure_time_seconds gauge
                push_failure_time_seconds{instance="",job="s"} T
                # HELP push_time_seconds Last Unix time when changing this group in the Pushgateway succeeded.
                # TYPE push_time_seconds gauge
                push_time_seconds{instance="",job="s"} T
                # HELP rpc Latency.
                # TYPE rpc summary
                rpc{instance="",job="s",quantile="0.5"} 0.2
                rpc{instance="",job="s",quantile="0.9"} 0.5
                rpc_sum{instance="",job="s"} 10
                rpc_count{instance="",job="s"} 40
                # TYPE zz counter
                zz{a="1",instance="",job="s"} NaN
                zz{b="10",instance="",job="s"} 1.23456789012e+11
                zz{b="2",instance="",job="s"} 1e-07
                zz{c="x\\"y\\nz",instance="",job="s"} +Inf
                """;
        assertEquals(expected, scrape());
    }

    @Test
    void metricsOrderByLabelCountThenValuesAsUpstream() throws Exception {
        pg.send("PUT", "/metrics/job/example/first_label@base64/=/second_label/foobar", "o 1\n");
        pg.send("PUT", "/metrics/job/labels/foo/y", "o 2\n");
        pg.send("PUT", "/metrics/job/titan", "o 3\n");
        pg.send("PUT", "/metrics/job/sem/instance/some_instance", "o 4\n");
        pg.send("PUT", "/metrics/job/directory_cleaner/path@base64/L3Zhci90bXA", "o 5\n");
        // The order Pushgateway 1.5.1 printed for these groups (fewer labels first, then values by position).
        assertTrue(scrape().contains("""
                # TYPE o untyped
                o{instance="",job="titan"} 3
                o{instance="some_instance",job="sem"} 4
                o{instance="",job="directory_cleaner",path="/var/tmp"} 5
                o{foo="y",instance="",job="labels"} 2
                o{first_label="",instance="",job="example",second_label="foobar"} 1
                """), scrape());
    }

    @Test
    void pushedPushTimeSecondsIsOverriddenAndOwnMetricsCannotBeRetyped() throws Exception {
        assertEquals(200, pg.send("PUT", "/metrics/job/e", "push_time_seconds 5\n").statusCode());
        assertTrue(pushTime(pg.pushedMetrics(), "push_time_seconds", "{instance=\"\",job=\"e\"}") > 1e9);
        HttpResponse<String> r = pg.send("PUT", "/metrics/job/e2", "# TYPE osprey_pushgateway_build_info counter\nosprey_pushgateway_build_info 5\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("has type COUNTER but should have GAUGE"), r.body());
    }

    @Test
    void ownMetricsCountRequests() throws Exception {
        pg.send("PUT", "/metrics/job/a", "m 1\n");
        pg.send("PUT", "/metrics/job/a", "bad\n");
        pg.send("DELETE", "/metrics/job/a", (byte[]) null);
        String s = pg.get("/metrics").body();
        assertTrue(s.contains("osprey_pushgateway_http_requests_total{code=\"200\",handler=\"push\",method=\"put\"} 1\n"), s);
        assertTrue(s.contains("osprey_pushgateway_http_requests_total{code=\"400\",handler=\"push\",method=\"put\"} 1\n"), s);
        assertTrue(s.contains("osprey_pushgateway_http_requests_total{code=\"202\",handler=\"delete\",method=\"delete\"} 1\n"), s);
        assertTrue(s.contains("osprey_pushgateway_http_push_duration_seconds_count{method=\"put\"} 2\n"), s);
        assertTrue(s.contains("# TYPE osprey_pushgateway_http_push_duration_seconds summary\n"), s);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", pg.get("/metrics").headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertEquals(200, pg.get("/-/healthy").statusCode());
        assertEquals(200, pg.get("/-/ready").statusCode());
        assertEquals(404, pg.get("/nope").statusCode());
    }
}
