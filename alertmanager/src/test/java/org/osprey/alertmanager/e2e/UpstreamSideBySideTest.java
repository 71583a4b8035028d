package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The same config, silence and alerts sent to the real upstream Alertmanager 0.25 (Debian
 * prometheus-alertmanager) and to Osprey's: fingerprints, receivers, silenced/inhibited status,
 * the silence as returned, group keys and webhook payload fields must agree. Skipped only when the upstream binary is absent.
 */
class UpstreamSideBySideTest {
    private static final Path UPSTREAM = Path.of("/usr/bin/prometheus-alertmanager");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /**
     * Explicit times (with a trailing zero in the milliseconds) so both sides must print them the same way.
     * The start is made just before posting, so group_wait (2s) still applies: an older start flushes the
     * groups at once, racing upstream's inhibitor, which learns of the critical alert asynchronously.
     */
    private static String alerts() {
        String times = "\"startsAt\":\"" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .plusMillis(120) + "\",\"endsAt\":\"" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .plusSeconds(3600).plusMillis(500) + "\"";
        return "[{\"labels\":{\"alertname\":\"Disk\",\"instance\":\"db1\",\"sev\":\"warn\"},"
            + "\"annotations\":{\"summary\":\"90%\"},\"generatorURL\":\"http://prom/g\"," + times + "},"
            + "{\"labels\":{\"alertname\":\"Disk\",\"instance\":\"ünïcode\",\"sev\":\"warn\"},\"annotations\":{\"summary\":\"90%\"}," + times + "},"
            + "{\"labels\":{\"alertname\":\"CPU\",\"team\":\"db\"}," + times + "},"
            + "{\"labels\":{\"alertname\":\"Net\",\"severity\":\"critical\"}," + times + "},"
            + "{\"labels\":{\"alertname\":\"Net\",\"severity\":\"warning\",\"link\":\"2\"}," + times + "}]";
    }

    @Test
    void upstreamAndOspreyAgree() throws Exception {
        assumeTrue(Files.isExecutable(UPSTREAM), "upstream alertmanager not installed at " + UPSTREAM + "; skipping");
        try (WebhookSink ospreySink = new WebhookSink(); WebhookSink upstreamSink = new WebhookSink()) {
            String cfg = """
                    route:
                      receiver: hook
                      group_by: [alertname]
                      group_wait: 2s
                      routes:
                        - matchers: ['team="db"']
                          receiver: db
                          group_by: ['...']
                    inhibit_rules:
                      - source_matchers: [severity=critical]
                        target_matchers: [severity=warning]
                        equal: [alertname]
                    receivers:
                      - name: hook
                        webhook_configs: [{url: '%s'}]
                      - name: db
                        webhook_configs: [{url: '%s'}]
                    """;
            Path up = Files.createDirectories(dir.resolve("upstream"));
            Files.writeString(up.resolve("am.yml"), cfg.formatted(upstreamSink.url(), upstreamSink.url()));
            int port = freePort();
            Process upstream = new ProcessBuilder(UPSTREAM.toString(), "--config.file=" + up.resolve("am.yml"),
                    "--storage.path=" + up.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=", "--web.external-url=http://am.example:9093")
                    .redirectErrorStream(true).redirectOutput(up.resolve("log").toFile()).start();
            Path os = Files.createDirectories(dir.resolve("osprey"));
            try (AmHarness osprey = new AmHarness(os, cfg.formatted(ospreySink.url(), ospreySink.url()))) {
                String upBase = "http://127.0.0.1:" + port;
                waitReady(upBase);
                String silence = "{\"matchers\":[{\"name\":\"instance\",\"value\":\"db.*\",\"isRegex\":true}],\"startsAt\":\""
                        + java.time.Instant.now().minusSeconds(1) + "\",\"endsAt\":\""
                        + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(600).plusMillis(250)
                        + "\",\"createdBy\":\"t\",\"comment\":\"c\"}";
                String upId = post(upBase + "/api/v2/silences", silence).get("silenceID").asString();
                String osId = AmHarness.JSON.readTree(osprey.send("POST", "/api/v2/silences", silence).body()).get("silenceID").asString();
                String alerts = alerts();
                post(upBase + "/api/v2/alerts", alerts);
                osprey.postAlerts(alerts);
                Map<String, JsonNode> u = byFingerprint(get(upBase + "/api/v2/alerts"));
                Map<String, JsonNode> o = byFingerprint(osprey.getJson("/api/v2/alerts"));
                assertEquals(u.keySet(), o.keySet(), "fingerprints");
                for (String fp : u.keySet()) {
                    assertEquals(u.get(fp).get("receivers"), o.get(fp).get("receivers"), "receivers of " + fp);
                    // 0.25 has no status.mutedBy yet; the shared OpenAPI spec (newer) does, so Osprey sends it.
                    for (String f : new String[] {"state", "inhibitedBy"}) {
                        assertEquals(u.get(fp).get("status").get(f), o.get(fp).get("status").get(f), f + " of " + fp);
                    }
                    // Silence ids are random UUIDs on each side; compare which silence, not its id.
                    assertEquals(u.get(fp).get("status").get("silencedBy").toString().replace(upId, "S"),
                            o.get(fp).get("status").get("silencedBy").toString().replace(osId, "S"), "silencedBy of " + fp);
                    assertEquals(u.get(fp).get("labels"), o.get(fp).get("labels"));
                    assertEquals(u.get(fp).get("startsAt"), o.get(fp).get("startsAt"), "API startsAt of " + fp);
                    assertEquals(u.get(fp).get("endsAt"), o.get(fp).get("endsAt"), "API endsAt of " + fp);
                }
                Map<String, JsonNode> uw = payloads(upstreamSink);
                Map<String, JsonNode> ow = payloads(ospreySink);
                assertEquals(uw.keySet(), ow.keySet(), "group keys");
                for (String key : uw.keySet()) {
                    JsonNode a = uw.get(key);
                    JsonNode b = ow.get(key);
                    for (String f : new String[] {"version", "status", "receiver", "groupLabels", "commonLabels",
                        "commonAnnotations", "truncatedAlerts"}) {
                        assertEquals(a.get(f), b.get(f), f + " of " + key + "\nupstream " + a + "\nosprey   " + b);
                    }
                    assertEquals(a.get("alerts").size(), b.get("alerts").size());
                    for (int i = 0; i < a.get("alerts").size(); i++) {
                        for (String f : new String[] {"status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"}) {
                            assertEquals(a.get("alerts").get(i).get(f), b.get("alerts").get(i).get(f), f + " of alert " + i + " in " + key);
                        }
                    }
                }
                assertEquals(get(upBase + "/api/v2/receivers"), osprey.getJson("/api/v2/receivers"), "receivers");
                assertEquals(groups(get(upBase + "/api/v2/alerts/groups")), groups(osprey.getJson("/api/v2/alerts/groups")), "alert groups");
                assertEquals(groups(get(upBase + "/api/v2/alerts/groups?silenced=false&inhibited=false")),
                        groups(osprey.getJson("/api/v2/alerts/groups?silenced=false&inhibited=false")), "unmuted alert groups");
                JsonNode us = get(upBase + "/api/v2/silence/" + upId);
                JsonNode ss = osprey.getJson("/api/v2/silence/" + osId);
                for (String f : new String[] {"status", "matchers", "createdBy", "comment", "endsAt"}) {
                    assertEquals(us.get(f), ss.get(f), "silence " + f);
                }
                System.out.println("side by side with upstream 0.25: " + u.size() + " fingerprints and " + uw.size()
                        + " webhook payloads agree; group keys " + uw.keySet());
            } finally {
                upstream.destroy();
                upstream.waitFor();
            }
        }
    }

    private static Map<String, JsonNode> payloads(WebhookSink sink) throws InterruptedException {
        Map<String, JsonNode> m = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            WebhookSink.Received r = sink.next(5000);
            assertNotNull(r, "webhook " + i);
            m.put(r.body().get("groupKey").asString(), r.body());
        }
        return m;
    }

    /** Each group as "receiver labels -> sorted fingerprints", order-independent. */
    private static java.util.Set<String> groups(JsonNode groups) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (JsonNode g : groups) {
            java.util.List<String> fps = new ArrayList<>();
            g.get("alerts").forEach(a -> fps.add(a.get("fingerprint").asString()));
            fps.sort(null);
            out.add(g.get("receiver").get("name").asString() + " " + g.get("labels") + " -> " + fps);
        }
        return out;
    }

    private static Map<String, JsonNode> byFingerprint(JsonNode alerts) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (JsonNode a : alerts) {
            m.put(a.get("fingerprint").asString(), a);
        }
        return m;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitReady(String base) throws Exception {
        long end = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < end) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("upstream alertmanager did not become ready");
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().isBlank() ? null : AmHarness.JSON.readTree(r.body());
    }

    private static JsonNode get(String url) throws Exception {
        return AmHarness.JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
