package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Osprey Alertmanager on loopback delivering to a real HTTP webhook receiver: payload shape,
 * group_wait / group_interval / repeat_interval timing, resolution, retries, silences,
 * inhibition and restart without duplicates.
 */
class WebhookEndToEndTest {
    @TempDir
    Path dir;

    private static String config(String url, String waits) {
        return """
                route:
                  receiver: hook
                %s
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: %s
                        max_alerts: 5
                inhibit_rules:
                  - source_matchers: [severity="critical"]
                    target_matchers: [severity="warning"]
                    equal: [cluster]
                """.formatted(waits, url);
    }

    private static String alert(String name, String extra, String endsAt) {
        return "{\"labels\":{\"alertname\":\"" + name + "\"" + extra + "},\"annotations\":{\"summary\":\"s " + name
                + "\"},\"generatorURL\":\"http://prom/graph\"" + (endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"") + "}";
    }

    /** Upstream's fingerprint computed independently: FNV-1a 64 over sorted name, 0xff, value, 0xff. */
    private static String fingerprint(Map<String, String> labels) {
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            for (String s : new String[] {e.getKey(), e.getValue()}) {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ 0xff) * 0x100000001b3L;
            }
        }
        return String.format("%016x", h);
    }

    @Test
    void groupsAndPayloadAndTimings() throws Exception {
        try (WebhookSink sink = new WebhookSink();
                AmHarness am = new AmHarness(dir, config(sink.url(), "  group_by: [alertname]\n  group_wait: 400ms\n  group_interval: 1500ms\n  repeat_interval: 4s"))) {
            long t0 = System.currentTimeMillis();
            am.postAlerts("[" + alert("HighLatency", ",\"instance\":\"a\",\"env\":\"prod\"", null) + ","
                    + alert("HighLatency", ",\"instance\":\"b\",\"env\":\"prod\"", null) + "]");
            WebhookSink.Received first = sink.next(5000);
            assertNotNull(first, "first notification after group_wait");
            long waited = first.atMillis() - t0;
            // Lower bounds are the contract ("not before"); upper bounds leave room for a busy 2-core CI machine.
            assertTrue(waited >= 350 && waited < 2500, "group_wait 400ms, got " + waited);
            JsonNode p = first.body();
            assertEquals("4", p.get("version").asString());
            assertNull(first.headers().getFirst("Upgrade"), "plain HTTP/1.1 as Go's client, no h2c upgrade");
            assertEquals("{}:{alertname=\"HighLatency\"}", p.get("groupKey").asString());
            assertEquals("firing", p.get("status").asString());
            assertEquals("hook", p.get("receiver").asString());
            assertEquals(0, p.get("truncatedAlerts").asInt());
            assertEquals("HighLatency", p.get("groupLabels").get("alertname").asString());
            assertEquals("prod", p.get("commonLabels").get("env").asString());
            assertNull(p.get("commonLabels").get("instance"));
            assertEquals("s HighLatency", p.get("commonAnnotations").get("summary").asString());
            assertEquals(am.server.externalUrl(), p.get("externalURL").asString());
            assertEquals(2, p.get("alerts").size());
            JsonNode a0 = p.get("alerts").get(0);
            assertEquals("firing", a0.get("status").asString());
            assertEquals("a", a0.get("labels").get("instance").asString());
            assertEquals("0001-01-01T00:00:00Z", a0.get("endsAt").asString());
            assertEquals("http://prom/graph", a0.get("generatorURL").asString());
            assertEquals(fingerprint(Map.of("alertname", "HighLatency", "instance", "a", "env", "prod")),
                    a0.get("fingerprint").asString());
            Instant.parse(a0.get("startsAt").asString());

            // A new alert joins: sent at the next group_interval tick, not before. Ticks count from the start of
            // the previous flush (as upstream), so the gap between receipts may be shorter by the send latency.
            am.postAlerts("[" + alert("HighLatency", ",\"instance\":\"c\",\"env\":\"prod\"", null) + "]");
            WebhookSink.Received second = sink.next(5000);
            assertNotNull(second);
            long gap = second.atMillis() - first.atMillis();
            assertTrue(gap >= 1200 && gap < 3500, "group_interval 1.5s, got " + gap);
            assertEquals(3, second.body().get("alerts").size());

            // Nothing changes: the next send is the repeat after repeat_interval (4s), at an interval tick.
            WebhookSink.Received repeat = sink.next(7000);
            assertNotNull(repeat, "repeat notification");
            long rgap = repeat.atMillis() - second.atMillis();
            assertTrue(rgap >= 3700 && rgap < 7500, "repeat_interval 4s, got " + rgap);

            // Resolving one alert sends a resolved entry (send_resolved defaults to true for webhooks).
            am.postAlerts("[" + alert("HighLatency", ",\"instance\":\"c\",\"env\":\"prod\"", Instant.now().toString()) + "]");
            WebhookSink.Received res = sink.next(4000);
            assertNotNull(res);
            int resolved = 0;
            for (JsonNode a : res.body().get("alerts")) {
                if (a.get("status").asString().equals("resolved")) {
                    resolved++;
                    assertTrue(!a.get("endsAt").asString().startsWith("0001"));
                }
            }
            assertEquals(1, resolved);
            assertEquals("firing", res.body().get("status").asString());
        }
    }

    @Test
    void maxAlertsTruncatesAndRetriesUntilDelivered() throws Exception {
        try (WebhookSink sink = new WebhookSink();
                AmHarness am = new AmHarness(dir, config(sink.url(), "  group_by: [alertname]\n  group_wait: 100ms\n  group_interval: 20s"))) {
            sink.failNext.set(2);
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < 7; i++) {
                sb.append(i == 0 ? "" : ",").append(alert("Many", ",\"i\":\"" + i + "\"", null));
            }
            am.postAlerts(sb.append(']').toString());
            WebhookSink.Received r = sink.next(8000);
            assertNotNull(r, "delivered after two 503 answers");
            assertEquals(3, sink.requests.get());
            assertEquals(5, r.body().get("alerts").size());
            assertEquals(2, r.body().get("truncatedAlerts").asInt());
            String metrics = am.send("GET", "/metrics", null).body();
            assertTrue(metrics.contains("osprey_alertmanager_notification_requests_failed_total{integration=\"webhook\"} 2"), metrics);
            assertTrue(metrics.contains("osprey_alertmanager_notifications_total{integration=\"webhook\"} 1"), metrics);
            assertTrue(metrics.contains("osprey_alertmanager_notifications_failed_total{integration=\"webhook\"} 0"), metrics);
        }
    }

    @Test
    void silencesAndInhibitionMuteAndShowInTheApi() throws Exception {
        try (WebhookSink sink = new WebhookSink();
                AmHarness am = new AmHarness(dir, config(sink.url(), "  group_by: [cluster]\n  group_wait: 200ms\n  group_interval: 1s"))) {
            String now = Instant.now().minusSeconds(1).toString();
            String later = Instant.now().plusSeconds(3600).toString();
            HttpResponse<String> created = am.send("POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"Sil.*\",\"isRegex\":true}],"
                    + "\"startsAt\":\"" + now + "\",\"endsAt\":\"" + later + "\",\"createdBy\":\"test\",\"comment\":\"maintenance\"}");
            assertEquals(200, created.statusCode(), created.body());
            String id = AmHarness.JSON.readTree(created.body()).get("silenceID").asString();
            am.postAlerts("[" + alert("Silenced", ",\"cluster\":\"x\"", null) + ","
                    + alert("Disk", ",\"cluster\":\"y\",\"severity\":\"critical\"", null) + ","
                    + alert("Disk", ",\"cluster\":\"y\",\"severity\":\"warning\"", null) + "]");
            WebhookSink.Received r = sink.next(4000);
            assertNotNull(r);
            assertEquals(1, r.body().get("alerts").size(), r.body().toString());
            assertEquals("critical", r.body().get("alerts").get(0).get("labels").get("severity").asString());
            assertNull(sink.next(1500), "the silenced group and the inhibited alert are not sent");

            JsonNode all = am.getJson("/api/v2/alerts");
            assertEquals(3, all.size());
            int suppressed = 0;
            for (JsonNode a : all) {
                JsonNode st = a.get("status");
                if (a.get("labels").get("alertname").asString().equals("Silenced")) {
                    assertEquals("suppressed", st.get("state").asString());
                    assertEquals(id, st.get("silencedBy").get(0).asString());
                    suppressed++;
                } else if (a.get("labels").get("severity").asString().equals("warning")) {
                    assertEquals("suppressed", st.get("state").asString());
                    assertEquals(1, st.get("inhibitedBy").size());
                    suppressed++;
                } else {
                    assertEquals("active", st.get("state").asString());
                }
                assertEquals("hook", a.get("receivers").get(0).get("name").asString());
            }
            assertEquals(2, suppressed);
            assertEquals(1, am.getJson("/api/v2/alerts?silenced=false&inhibited=false").size());
            assertEquals(1, am.getJson("/api/v2/alerts?filter=cluster%3D%22x%22").size());
            assertEquals(2, am.getJson("/api/v2/alerts/groups").size());

            JsonNode s = am.getJson("/api/v2/silence/" + id);
            assertEquals("active", s.get("status").get("state").asString());
            assertTrue(s.get("matchers").get(0).get("isRegex").asBoolean());
            assertEquals(200, am.send("DELETE", "/api/v2/silence/" + id, null).statusCode());
            assertEquals("expired", am.getJson("/api/v2/silence/" + id).get("status").get("state").asString());
            assertEquals(404, am.send("GET", "/api/v2/silence/nope", null).statusCode());
            // Once the silence is gone the group is sent at its next interval.
            WebhookSink.Received after = sink.next(3000);
            assertNotNull(after);
            assertEquals("Silenced", after.body().get("groupLabels").get("cluster").asString().equals("x") ? "Silenced"
                    : after.body().get("alerts").get(0).get("labels").get("alertname").asString());
        }
    }

    @Test
    void reloadAndRestartKeepSilencesAndDoNotResend() throws Exception {
        String cfg;
        String id;
        try (WebhookSink sink = new WebhookSink()) {
            cfg = config(sink.url(), "  group_by: [alertname]\n  group_wait: 200ms\n  group_interval: 1s\n  repeat_interval: 1h");
            try (AmHarness am = new AmHarness(dir, cfg)) {
                am.postAlerts("[" + alert("Persist", "", null) + "]");
                assertNotNull(sink.next(3000));
                // A reload rebuilds the dispatcher and replays the alerts; the notification log stops a resend.
                assertEquals(200, am.send("POST", "/-/reload", null).statusCode());
                assertNull(sink.next(1500), "no duplicate after reload");
                HttpResponse<String> created = am.send("POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"team\",\"value\":\"db\",\"isRegex\":false}],"
                        + "\"startsAt\":\"" + Instant.now() + "\",\"endsAt\":\"" + Instant.now().plusSeconds(600)
                        + "\",\"createdBy\":\"test\",\"comment\":\"keep\"}");
                id = AmHarness.JSON.readTree(created.body()).get("silenceID").asString();
            }
            try (AmHarness am = new AmHarness(dir, cfg)) {
                // Prometheus re-sends its active alerts after a restart; the notification log suppresses a repeat.
                am.postAlerts("[" + alert("Persist", "", null) + "]");
                assertNull(sink.next(2500), "no duplicate after restart");
                assertEquals("active", am.getJson("/api/v2/silence/" + id).get("status").get("state").asString());
                // A genuinely new alert in the group is still sent.
                am.postAlerts("[" + alert("Persist", ",\"instance\":\"new\"", null) + "]");
                assertNotNull(sink.next(3000));
            }
        }
    }
}
