package org.osprey.pushgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osprey.pushgateway.PushgatewayOptions;
import org.osprey.pushgateway.RunningPushgateway;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /api/v1/status, /api/v1/metrics and the admin wipe, in upstream's JSON shapes. */
class ApiJsonTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void metricsApiShowsGroupsWithTypedFamilies() throws Exception {
        try (RunningPushgateway pg = new RunningPushgateway()) {
            pg.send("PUT", "/metrics/job/batch", """
                    # HELP my_job_duration_seconds Duration of my batch job in seconds
                    # TYPE my_job_duration_seconds gauge
                    my_job_duration_seconds 0.2721322309989773
                    # TYPE lat histogram
                    lat_bucket{le="0.1"} 1
                    lat_bucket{le="+Inf"} 4
                    lat_sum 2.5
                    lat_count 4
                    """);
            var r = pg.get("/api/v1/metrics");
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
            JsonNode root = JSON.readTree(r.body());
            assertEquals("success", root.get("status").asString());
            JsonNode group = root.get("data").get(0);
            assertEquals("batch", group.get("labels").get("job").asString());
            assertTrue(group.get("last_push_successful").asBoolean());
            JsonNode fam = group.get("my_job_duration_seconds");
            assertEquals("GAUGE", fam.get("type").asString());
            assertEquals("Duration of my batch job in seconds", fam.get("help").asString());
            assertTrue(fam.get("time_stamp").asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), fam.toString());
            JsonNode metric = fam.get("metrics").get(0);
            assertEquals("", metric.get("labels").get("instance").asString());
            assertEquals("0.2721322309989773", metric.get("value").asString());
            JsonNode lat = group.get("lat");
            assertEquals("HISTOGRAM", lat.get("type").asString());
            assertTrue(lat.get("help") == null, "no help key when the push had none");
            assertEquals("4", lat.get("metrics").get(0).get("buckets").get("+Inf").asString());
            assertEquals("2.5", lat.get("metrics").get(0).get("sum").asString());
            assertEquals("GAUGE", group.get("push_time_seconds").get("type").asString());
            assertEquals("0", group.get("push_failure_time_seconds").get("metrics").get(0).get("value").asString());
        }
    }

    @Test
    void statusReportsFlagsAndStartTime() throws Exception {
        try (RunningPushgateway pg = new RunningPushgateway(PushgatewayOptions.defaults().withGroupTtl(600_000))) {
            JsonNode data = JSON.readTree(pg.get("/api/v1/status").body()).get("data");
            assertEquals("5m0s", data.get("flags").get("persistence.interval").asString());
            assertEquals("10m0s", data.get("flags").get("push.group-ttl").asString());
            assertEquals("/metrics", data.get("flags").get("web.telemetry-path").asString());
            assertEquals("false", data.get("flags").get("web.enable-admin-api").asString());
            assertTrue(data.get("build_information").has("version"));
            assertTrue(data.get("start_time").asString().endsWith("Z"));
        }
    }

    @Test
    void wipeNeedsTheAdminApi() throws Exception {
        try (RunningPushgateway pg = new RunningPushgateway()) {
            pg.send("PUT", "/metrics/job/a", "m 1\n");
            assertEquals(404, pg.send("PUT", "/api/v1/admin/wipe", "").statusCode());
            assertTrue(pg.pushedMetrics().contains("job=\"a\""));
        }
        try (RunningPushgateway pg = new RunningPushgateway(PushgatewayOptions.defaults().withAdminApi(true))) {
            pg.send("PUT", "/metrics/job/a", "m 1\n");
            pg.send("PUT", "/metrics/job/b", "m 2\n");
            assertEquals(202, pg.send("PUT", "/api/v1/admin/wipe", "").statusCode());
            assertTrue(!pg.pushedMetrics().contains("job=\""), pg.pushedMetrics());
            pg.send("PUT", "/metrics/job/c", "# TYPE m counter\nm 1\n");
            assertEquals(202, pg.send("DELETE", "/api/v1/admin/wipe", (byte[]) null).statusCode());
            assertEquals(405, pg.send("GET", "/api/v1/admin/wipe", (byte[]) null).statusCode());
            assertEquals("[]", JSON.readTree(pg.get("/api/v1/metrics").body()).get("data").toString());
        }
    }

    @Test
    void quitNeedsTheLifecycleApi() throws Exception {
        try (RunningPushgateway pg = new RunningPushgateway()) {
            assertEquals(403, pg.send("PUT", "/-/quit", "").statusCode());
        }
        RunningPushgateway pg = new RunningPushgateway(PushgatewayOptions.defaults().withLifecycle(true));
        assertEquals(200, pg.send("PUT", "/-/quit", "").statusCode());
        Thread t = new Thread(() -> {
            try {
                pg.pushgateway.awaitStop();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(5000);
        assertTrue(!t.isAlive(), "the Pushgateway stopped after /-/quit");
    }
}
