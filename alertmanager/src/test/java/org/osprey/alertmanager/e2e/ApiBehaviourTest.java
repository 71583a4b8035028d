package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The v2 API and lifecycle endpoints over real HTTP: status, receivers, validation, reload, silence updates, resolve_timeout, time intervals. */
class ApiBehaviourTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            global:
              resolve_timeout: 1s
              smtp_smarthost: localhost:25
              smtp_from: am@example.org
              smtp_auth_username: am
              smtp_auth_password: hunter2
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 100ms
              group_interval: 700ms
              routes:
                - matchers: [team="muted"]
                  receiver: hook
                  mute_time_intervals: [always]
                - matchers: [team="inactive"]
                  receiver: hook
                  active_time_intervals: [last-century]
            time_intervals:
              - name: always
                time_intervals:
                  - times: [{start_time: "00:00", end_time: "24:00"}]
              - name: last-century
                time_intervals:
                  - years: ["1990:1999"]
            receivers:
              - name: hook
                webhook_configs:
                  - url: %s
              - name: mail
                email_configs:
                  - to: ops@example.org
            """;

    @Test
    void statusReceiversHealthAndValidation() throws Exception {
        try (WebhookSink sink = new WebhookSink(); AmHarness am = new AmHarness(dir, CONFIG.formatted(sink.url()))) {
            assertEquals("OK", am.send("GET", "/-/healthy", null).body());
            assertEquals(200, am.send("GET", "/-/ready", null).statusCode());
            JsonNode status = am.getJson("/api/v2/status");
            assertEquals("disabled", status.get("cluster").get("status").asString());
            assertEquals(0, status.get("cluster").get("peers").size());
            assertEquals("0.25.0", status.get("versionInfo").get("version").asString());
            String original = status.get("config").get("original").asString();
            assertTrue(original.contains("smtp_auth_password: <secret>"), original);
            assertFalse(original.contains("hunter2"));
            Instant.parse(status.get("uptime").asString());
            JsonNode receivers = am.getJson("/api/v2/receivers");
            assertEquals(2, receivers.size());
            assertEquals("hook", receivers.get(0).get("name").asString());

            HttpResponse<String> noLabels = am.send("POST", "/api/v2/alerts", "[{\"labels\":{}}]");
            assertEquals(400, noLabels.statusCode());
            assertTrue(noLabels.body().contains("at least one label pair required"), noLabels.body());
            HttpResponse<String> backwards = am.send("POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"b\"},\"startsAt\":\""
                    + Instant.now() + "\",\"endsAt\":\"" + Instant.now().minusSeconds(60) + "\"}]");
            assertEquals(400, backwards.statusCode());
            assertTrue(backwards.body().contains("start time must be before end time"), backwards.body());
            assertEquals(400, am.send("POST", "/api/v2/alerts", "{not json").statusCode());
            assertEquals(400, am.send("GET", "/api/v2/alerts?filter=%7Bbad", null).statusCode());
            assertEquals(404, am.send("GET", "/api/v2/nothing", null).statusCode());
            String metrics = am.send("GET", "/metrics", null).body();
            assertTrue(metrics.contains("osprey_alertmanager_alerts_invalid_total 2"), metrics);
        }
    }

    @Test
    void resolveTimeoutAndTimeIntervals() throws Exception {
        try (WebhookSink sink = new WebhookSink(); AmHarness am = new AmHarness(dir, CONFIG.formatted(sink.url()))) {
            am.postAlerts("[{\"labels\":{\"alertname\":\"Muted\",\"team\":\"muted\"}},"
                    + "{\"labels\":{\"alertname\":\"Inactive\",\"team\":\"inactive\"}},"
                    + "{\"labels\":{\"alertname\":\"Timeout\"}}]");
            WebhookSink.Received first = sink.next(3000);
            assertNotNull(first);
            assertEquals("Timeout", first.body().get("groupLabels").get("alertname").asString());
            assertEquals("firing", first.body().get("status").asString());
            assertEquals(3, am.getJson("/api/v2/alerts").size());
            // No endsAt was sent: the alert resolves after resolve_timeout (1s) and a resolved notification follows.
            WebhookSink.Received resolved = sink.next(4000);
            assertNotNull(resolved);
            assertEquals("resolved", resolved.body().get("status").asString());
            assertEquals("Timeout", resolved.body().get("groupLabels").get("alertname").asString());
            assertNull(sink.next(1000), "muted and inactive routes sent nothing");
            assertEquals(0, am.getJson("/api/v2/alerts").size(), "resolved alerts are not listed");
        }
    }

    @Test
    void reloadKeepsTheOldConfigOnErrorAndSilenceUpdates() throws Exception {
        try (WebhookSink sink = new WebhookSink(); AmHarness am = new AmHarness(dir, CONFIG.formatted(sink.url()))) {
            Path file = dir.resolve("alertmanager.yml");
            Files.writeString(file, "route: {}\n");
            HttpResponse<String> bad = am.send("POST", "/-/reload", null);
            assertEquals(500, bad.statusCode());
            assertTrue(bad.body().contains("root route must specify a default receiver"), bad.body());
            assertEquals(2, am.getJson("/api/v2/receivers").size(), "old config still active");
            assertTrue(am.send("GET", "/metrics", null).body().contains("osprey_alertmanager_config_last_reload_successful 0"));
            Files.writeString(file, "route:\n  receiver: only\nreceivers:\n  - name: only\n");
            assertEquals(200, am.send("POST", "/-/reload", null).statusCode());
            assertEquals("only", am.getJson("/api/v2/receivers").get(0).get("name").asString());
            assertTrue(am.send("GET", "/metrics", null).body().contains("osprey_alertmanager_config_last_reload_successful 1"));

            String start = Instant.now().minusSeconds(5).toString();
            String body = "{\"matchers\":[{\"name\":\"job\",\"value\":\"api\",\"isRegex\":false,\"isEqual\":false},"
                    + "{\"name\":\"env\",\"value\":\"prod\",\"isRegex\":false}],\"startsAt\":\"" + start + "\",\"endsAt\":\"%s\","
                    + "\"createdBy\":\"me\",\"comment\":\"c\"%s}";
            String id = AmHarness.JSON.readTree(am.send("POST", "/api/v2/silences",
                    body.formatted(Instant.now().plusSeconds(600), "")).body()).get("silenceID").asString();
            JsonNode s = am.getJson("/api/v2/silence/" + id);
            assertFalse(s.get("matchers").get(0).get("isEqual").asBoolean(), "!= matcher round-trips");
            // Extending an active silence with the same matchers keeps its id.
            String same = AmHarness.JSON.readTree(am.send("POST", "/api/v2/silences",
                    body.formatted(Instant.now().plusSeconds(1200), ",\"id\":\"" + id + "\"").replace(start,
                            s.get("startsAt").asString())).body()).get("silenceID").asString();
            assertEquals(id, same);
            // Changing the matchers replaces it: the old one expires, a new id is returned.
            String changed = AmHarness.JSON.readTree(am.send("POST", "/api/v2/silences", body.formatted(Instant.now().plusSeconds(600),
                    ",\"id\":\"" + id + "\"").replace("\"api\"", "\"web\"")).body()).get("silenceID").asString();
            assertNotEquals(id, changed);
            assertEquals("expired", am.getJson("/api/v2/silence/" + id).get("status").get("state").asString());
            assertEquals(1, am.getJson("/api/v2/silences?filter=job%3D%22web%22").size());
            assertEquals(2, am.getJson("/api/v2/silences").size());
            HttpResponse<String> empty = am.send("POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\".*\",\"isRegex\":true}],"
                    + "\"startsAt\":\"" + start + "\",\"endsAt\":\"" + Instant.now().plusSeconds(60) + "\",\"createdBy\":\"me\",\"comment\":\"c\"}");
            assertEquals(400, empty.statusCode());
            assertTrue(empty.body().contains("at least one matcher must not match the empty string"), empty.body());
            assertEquals(404, am.send("DELETE", "/api/v2/silence/00000000-0000-0000-0000-000000000000", null).statusCode());
        }
    }
}
