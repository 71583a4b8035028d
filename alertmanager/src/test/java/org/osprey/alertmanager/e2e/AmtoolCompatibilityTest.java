package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real {@code amtool} (Debian prometheus-alertmanager 0.25) against Osprey's API: add, query
 * and expire silences, add and query alerts, show config, check-config. Skipped only when amtool
 * is not installed.
 */
class AmtoolCompatibilityTest {
    private static final Path AMTOOL = Path.of("/usr/bin/amtool");

    @TempDir
    Path dir;

    private record Result(int code, String out) {
    }

    private static Result amtool(String url, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(AMTOOL.toString()));
        if (url != null) {
            cmd.add("--alertmanager.url=" + url);
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void amtoolManagesSilencesAndAlerts() throws Exception {
        assumeTrue(Files.isExecutable(AMTOOL), "amtool is not installed at /usr/bin/amtool; skipping amtool compatibility");
        String cfg = """
                route:
                  receiver: team
                  group_by: [alertname]
                  group_wait: 1h
                receivers:
                  - name: team
                """;
        try (AmHarness am = new AmHarness(dir, cfg)) {
            String url = am.base();
            Result add = amtool(url, "silence", "add", "alertname=DiskFull", "instance=~db.*", "--comment=disk work",
                    "--author=ops", "--duration=2h");
            assertEquals(0, add.code(), add.out());
            String id = add.out().strip();
            assertEquals(id, am.getJson("/api/v2/silence/" + id).get("id").asString());

            Result query = amtool(url, "silence", "query", "-o", "json");
            assertEquals(0, query.code(), query.out());
            JsonNode silences = AmHarness.JSON.readTree(query.out());
            assertEquals(1, silences.size());
            assertEquals("disk work", silences.get(0).get("comment").asString());
            Result simple = amtool(url, "silence", "query", "alertname=DiskFull");
            assertTrue(simple.out().contains(id) && simple.out().contains("ops"), simple.out());

            Result alertAdd = amtool(url, "alert", "add", "alertname=DiskFull", "instance=db1", "--annotation=summary=full");
            assertEquals(0, alertAdd.code(), alertAdd.out());
            am.postAlerts("[{\"labels\":{\"alertname\":\"CPU\",\"instance\":\"web1\"}}]");
            Result alerts = amtool(url, "alert", "query", "-o", "json");
            assertEquals(0, alerts.code(), alerts.out());
            JsonNode shown = AmHarness.JSON.readTree(alerts.out());
            assertEquals(1, shown.size(), "silenced alerts are hidden by default: " + alerts.out());
            assertEquals("CPU", shown.get(0).get("labels").get("alertname").asString());
            Result silenced = amtool(url, "alert", "query", "--silenced", "alertname=DiskFull");
            assertEquals(0, silenced.code(), silenced.out());
            assertTrue(silenced.out().contains("DiskFull") && silenced.out().contains("full"), silenced.out());

            Result expire = amtool(url, "silence", "expire", id);
            assertEquals(0, expire.code(), expire.out());
            assertEquals("expired", am.getJson("/api/v2/silence/" + id).get("status").get("state").asString());
            Result afterExpire = amtool(url, "silence", "query", "-q");
            assertEquals("", afterExpire.out().strip(), "expired silences are not listed by default");
            Result expired = amtool(url, "silence", "query", "--expired", "-q");
            assertEquals(id, expired.out().strip());

            Result show = amtool(url, "config", "show");
            assertEquals(0, show.code(), show.out());
            assertTrue(show.out().contains("receiver: team"), show.out());
            Result receivers = amtool(url, "config", "routes", "test", "alertname=X");
            assertEquals(0, receivers.code(), receivers.out());
            assertEquals("team", receivers.out().strip());
        }
        Path good = Path.of(System.getProperty("osprey.shared", "../../shared"), "alertmanager-tests", "cli", "conf.good.yml");
        assertEquals(0, amtool(null, "check-config", good.toString()).code(), "amtool itself accepts the fixture Osprey accepts");
    }
}
