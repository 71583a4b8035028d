package org.osprey.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.probes.alert.AlertSink;
import org.osprey.probes.alert.AlertTracker;
import org.osprey.probes.alert.AlertmanagerSink;
import org.osprey.probes.config.ProbeConfig;
import org.osprey.probes.config.ProbeConfigLoader;
import org.osprey.probes.config.ProbeDefinition;
import org.osprey.probes.metrics.ProbeMetricVisitor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scheduler, runner, metrics and alerting together, against real loopback servers. */
class ProbeServiceTest {
    private HttpServer target;
    private HttpServer alertmanager;
    private volatile int targetStatus = 200;
    private final AtomicInteger targetHits = new AtomicInteger();
    private final LinkedBlockingQueue<String> alerts = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", ex -> {
            targetHits.incrementAndGet();
            byte[] b = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(targetStatus, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        target.start();
        alertmanager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        alertmanager.createContext("/api/v2/alerts", ex -> {
            alerts.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        alertmanager.start();
    }

    @AfterEach
    void stop() {
        target.stop(0);
        alertmanager.stop(0);
    }

    private String targetUrl() {
        return "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
    }

    /** Renders visited metrics as exposition-like lines, for assertions on names, labels and values. */
    static List<String> render(ProbeService s) {
        List<String> lines = new ArrayList<>();
        s.visitMetrics(new ProbeMetricVisitor() {
            @Override
            public void family(String name, String type, String help) {
                lines.add("# TYPE " + name + " " + type);
            }

            @Override
            public void sample(String name, Labels labels, double value) {
                lines.add(name + labels + " " + value);
            }
        });
        return lines;
    }

    @Test
    void failingProbeAlertsAfterNRunsAndResolvesEndToEnd() throws Exception {
        ProbeConfig cfg = ProbeConfigLoader.parse("""
                probes:
                  - name: api
                    kind: http
                    interval: 10s
                    timeout: 2s
                    severity: critical
                    failures_before_alert: 2
                    labels: {team: core}
                    http:
                      url: %s
                      json_equals: {/status: UP}
                """.formatted(targetUrl()), "e2e.yml");
        AlertmanagerSink sink = new AlertmanagerSink(URI.create("http://127.0.0.1:" + alertmanager.getAddress().getPort()),
                Duration.ofMinutes(4), Duration.ofSeconds(2), Clock.systemUTC());
        try (ProbeService s = ProbeService.unscheduled(cfg, ProbeFactory.withDefaultKubernetes(), sink, Clock.systemUTC())) {
            assertTrue(s.runAll().get(0).success());
            targetStatus = 500;
            ProbeResult first = s.runAll().get(0);
            assertEquals(FailureReason.STATUS, first.reason());
            assertNull(alerts.poll(200, TimeUnit.MILLISECONDS), "one failure is below failures_before_alert");
            s.runAll();
            JsonNode firing = JsonMapper.builder().build().readTree(alerts.poll(5, TimeUnit.SECONDS)).get(0);
            assertEquals("critical", firing.get("labels").get("severity").asString());
            assertEquals("api", firing.get("labels").get("probe").asString());
            assertEquals("core", firing.get("labels").get("team").asString());
            assertTrue(firing.get("annotations").get("description").asString().startsWith("status 500 from"));

            List<String> m = render(s);
            assertTrue(m.contains("osprey_probe_success{kind=\"http\", probe=\"api\", severity=\"critical\"} 0.0"), m::toString);
            assertTrue(m.contains("osprey_probe_failures_total{probe=\"api\", reason=\"status\"} 2.0"), m::toString);
            assertTrue(m.contains("osprey_probe_runs_total{probe=\"api\"} 3.0"), m::toString);
            assertTrue(m.contains("osprey_probe_duration_seconds_count{kind=\"http\", probe=\"api\"} 3.0"), m::toString);
            assertTrue(m.contains("osprey_probe_duration_seconds_bucket{kind=\"http\", le=\"+Inf\", probe=\"api\"} 3.0"), m::toString);
            assertTrue(m.contains("osprey_probe_alert_firing{probe=\"api\"} 1.0"), m::toString);
            assertTrue(m.stream().anyMatch(l -> l.startsWith("osprey_probe_last_run_timestamp_seconds{probe=\"api\"} 1.")), m::toString);
            assertEquals(1, m.stream().filter(l -> l.equals("# TYPE osprey_probe_duration_seconds histogram")).count());

            targetStatus = 200;
            assertTrue(s.runAll().get(0).success());
            JsonNode resolved = JsonMapper.builder().build().readTree(alerts.poll(5, TimeUnit.SECONDS)).get(0);
            assertEquals(firing.get("startsAt").asString(), resolved.get("startsAt").asString());
            assertTrue(resolved.get("endsAt").asString().compareTo(firing.get("startsAt").asString()) > 0);
            assertTrue(render(s).contains("osprey_probe_success{kind=\"http\", probe=\"api\", severity=\"critical\"} 1.0"));
        }
    }

    @Test
    void scheduleRunsEachProbeRepeatedlyAndStopsOnClose() throws Exception {
        ProbeConfig cfg = ProbeConfigLoader.parse("""
                probes:
                  - {name: fast, kind: http, interval: 150ms, timeout: 100ms, http: {url: "%s"}}
                """.formatted(targetUrl()), "sched.yml");
        ProbeService s = ProbeService.start(cfg, ProbeFactory.withDefaultKubernetes(), AlertSink.NONE, Clock.systemUTC());
        ProbeRunner r = s.runners().get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (r.stats().runs() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        s.close();
        long runsAtClose = r.stats().runs();
        assertTrue(runsAtClose >= 4, "runs: " + runsAtClose);
        int hits = targetHits.get();
        Thread.sleep(400);
        assertEquals(hits, targetHits.get(), "no run after close");
    }

    @Test
    void timedOutRunThatIgnoresInterruptsIsNeverOverlapped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        Probe stubborn = timeout -> {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            boolean done = false;
            while (!done) {
                try {
                    done = release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // deliberately ignored: a client library that does not honour interrupts
                }
            }
            concurrent.decrementAndGet();
            return ProbeResult.ok();
        };
        ProbeConfig cfg = ProbeConfigLoader.parse("""
                probes:
                  - {name: stuck, kind: tcp, interval: 1s, timeout: 200ms, tcp: {address: "127.0.0.1:9"}}
                """, "stuck.yml");
        ProbeDefinition d = cfg.probes().get(0);
        ProbeRunner runner = new ProbeRunner(d, stubborn, new AlertTracker(d, Duration.ofMinutes(1), AlertSink.NONE), Clock.systemUTC());

        long start = System.nanoTime();
        ProbeResult r = runner.runOnce();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(FailureReason.TIMEOUT, r.reason());
        assertEquals("probe stuck did not finish within 200ms", r.message());
        assertTrue(ms >= 190 && ms < 2_000, "timeout enforced after " + ms + " ms");
        assertTrue(runner.busy(), "the stubborn run still holds the probe");

        assertNull(runner.runOnce(), "next tick skipped while the old run is alive");
        assertEquals(1, runner.stats().skippedRuns());

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runner.busy() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(runner.busy());
        assertTrue(runner.runOnce().success());
        assertEquals(1, maxConcurrent.get());
        assertEquals(1, runner.stats().failures(FailureReason.TIMEOUT));
        assertEquals(2, runner.stats().runs());
    }

    @Test
    void backToBackRunsAreNeverSkippedAndClosedRunnersRefuse() throws Exception {
        ProbeConfig cfg = ProbeConfigLoader.parse("""
                probes:
                  - {name: quick, kind: tcp, interval: 1s, timeout: 500ms, tcp: {address: "127.0.0.1:9"}}
                """, "quick.yml");
        ProbeDefinition d = cfg.probes().get(0);
        AtomicInteger calls = new AtomicInteger();
        ProbeRunner runner = new ProbeRunner(d, timeout -> {
            calls.incrementAndGet();
            return ProbeResult.ok();
        }, new AlertTracker(d, Duration.ofMinutes(1), AlertSink.NONE), Clock.systemUTC());
        for (int i = 0; i < 200; i++) {
            assertTrue(runner.runOnce().success(), "run " + i);
        }
        assertEquals(0, runner.stats().skippedRuns());
        assertEquals(200, calls.get());
        runner.shutdown();
        assertNull(runner.runOnce());
        assertEquals(200, calls.get(), "no run after shutdown");
    }

    @Test
    void reloadKeepsUnchangedProbesStateAndReplacesTheRest() throws Exception {
        String p1 = "  - {name: p1, kind: http, severity: critical, http: {url: \"" + targetUrl() + "\", body_regex: UP}}\n";
        String p2 = "  - {name: p2, kind: tcp, tcp: {address: \"127.0.0.1:9\"}}\n";
        String p3 = "  - {name: p3, kind: http, http: {url: \"" + targetUrl() + "\"}}\n";
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        AlertSink sink = new AlertSink() {
            @Override
            public void firing(org.osprey.probes.alert.ProbeAlert a) {
                events.add("firing " + a.labels().get("probe"));
            }

            @Override
            public void resolved(org.osprey.probes.alert.ProbeAlert a) {
                events.add("resolved " + a.labels().get("probe"));
            }
        };
        targetStatus = 500;
        try (ProbeService s = ProbeService.unscheduled(ProbeConfigLoader.parse("probes:\n" + p1 + p2, "a.yml"),
                ProbeFactory.withDefaultKubernetes(), sink, Clock.systemUTC())) {
            ProbeRunner before = s.runners().get(0);
            s.runners().get(0).runOnce();
            assertEquals(List.of("firing p1"), events);

            s.reload(ProbeConfigLoader.parse("probes:\n" + p1 + p3, "b.yml"));
            assertEquals(List.of("p1", "p3"), s.runners().stream().map(r -> r.definition().name()).toList());
            assertTrue(before == s.runners().get(0), "unchanged probe keeps its runner");
            assertEquals(1, s.runners().get(0).stats().runs());
            assertTrue(s.runners().get(0).alerts().firing(), "alert state survives the reload");
            assertEquals(0, s.runners().get(1).stats().runs());

            s.reload(ProbeConfigLoader.parse("probes:\n" + p1.replace("body_regex: UP", "body_regex: DOWN") + p3, "c.yml"));
            ProbeRunner changed = s.runners().get(0);
            assertFalse(before == changed, "a changed definition starts fresh");
            assertEquals(0, changed.stats().runs());
            assertEquals("DOWN", changed.definition().http().bodyRegex().pattern());
            assertNull(before.runOnce(), "the replaced runner refuses to run");
            assertEquals(List.of("firing p1"), events, "no duplicate or spurious alert from reloading");
        }
    }

    @Test
    void spreadOffsetIsStableAndInsideTheInterval() {
        long a = ProbeService.offsetMillis("api", 30_000);
        assertEquals(a, ProbeService.offsetMillis("api", 30_000));
        assertTrue(a >= 0 && a < 30_000);
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToLong(i -> ProbeService.offsetMillis("probe-" + i, 30_000)).distinct().count();
        assertTrue(distinct >= 18, "names spread over the interval: " + distinct);
    }
}
