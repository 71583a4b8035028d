package org.osprey.rules.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.Labels;
import org.osprey.promql.Engine;
import org.osprey.promql.EngineOptions;
import org.osprey.rules.EngineQueryFunc;
import org.osprey.rules.RuleManager;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.memory.MemoryStorage;

/**
 * End to end against the real Prometheus Alertmanager 0.25 (Debian {@code prometheus-alertmanager})
 * on loopback: a rule file is loaded, the rule fires on its schedule, the notifier posts to the
 * v2 API, and {@code amtool alert query} lists the alert with its labels and annotations.
 */
class RealAlertmanagerTest {
    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Path AMTOOL = Path.of("/usr/bin/amtool");

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void firingRuleShowsInAmtool() throws Exception {
        assumeTrue(Files.isExecutable(ALERTMANAGER) && Files.isExecutable(AMTOOL),
                "skipped: /usr/bin/prometheus-alertmanager or /usr/bin/amtool not installed (apt-get install prometheus-alertmanager)");
        int port = freePort();
        Path cfg = dir.resolve("alertmanager.yml");
        Files.writeString(cfg, "route:\n  receiver: devnull\n  group_wait: 1s\nreceivers:\n  - name: devnull\n");
        Process am = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + cfg, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
        try {
            String amUrl = "http://127.0.0.1:" + port;
            waitReady(amUrl);

            MemoryStorage storage = new MemoryStorage();
            long now = System.currentTimeMillis();
            Appender app = storage.appender();
            app.append(0, Labels.of("__name__", "up", "job", "node", "instance", "db1:9100"), now, 0);
            app.commit();
            Path rules = dir.resolve("rules.yml");
            Files.writeString(rules, """
                    groups:
                      - name: e2e
                        interval: 1s
                        rules:
                          - alert: OspreyE2EInstanceDown
                            expr: up == 0
                            labels:
                              severity: page
                            annotations:
                              summary: "{{ $labels.instance }} of {{ $labels.job }} is down ({{ $value }})"
                    """);
            try (Notifier notifier = new Notifier(new Notifier.Options(10_000, Labels.of("cluster", "osprey-test"), List.of()))) {
                notifier.applyConfig(List.of(AlertmanagerConfig.staticTargets("127.0.0.1:" + port)));
                RuleManager.Options opts = RuleManager.Options.defaults(storage,
                        new EngineQueryFunc(new Engine(EngineOptions.defaults()), storage))
                        .withExternal(Map.of("cluster", "osprey-test"), "http://osprey.example:9090")
                        .withNotify(notifier.notifyFunc("http://osprey.example:9090"));
                try (RuleManager manager = new RuleManager(opts)) {
                    manager.update(List.of(rules));
                    String out = "";
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (System.nanoTime() < deadline) {
                        out = amtool(amUrl, "alert", "query", "alertname=OspreyE2EInstanceDown", "-o", "extended");
                        if (out.contains("OspreyE2EInstanceDown")) {
                            break;
                        }
                        Thread.sleep(300);
                    }
                    assertTrue(out.contains("OspreyE2EInstanceDown"), "amtool output:\n" + out);
                    assertTrue(out.contains("instance=\"db1:9100\""), out);
                    assertTrue(out.contains("severity=\"page\""), out);
                    assertTrue(out.contains("cluster=\"osprey-test\""), out);
                    assertTrue(out.contains("db1:9100 of node is down (0)"), out);
                    assertTrue(out.contains("http://osprey.example:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1"), out);
                    assertEquals(0, notifier.droppedTotal());
                }
            }
        } finally {
            am.destroy();
            if (!am.waitFor(10, TimeUnit.SECONDS)) {
                am.destroyForcibly();
            }
        }
    }

    private static void waitReady(String url) throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                var r = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("alertmanager did not become ready at " + url);
    }

    private static String amtool(String url, String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = AMTOOL.toString();
        cmd[1] = "--alertmanager.url=" + url;
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
