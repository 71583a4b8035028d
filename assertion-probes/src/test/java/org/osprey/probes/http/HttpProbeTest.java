package org.osprey.probes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.probes.FailureReason;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.config.HttpSettings;

/** Runs HTTP probes against a real JDK HTTP server on loopback. */
class HttpProbeTest {
    private HttpServer server;
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("X-Probe") + " " + body);
            reply(ex, 200, "{\"status\":\"UP\",\"checks\":[{\"ok\":true,\"n\":3}]}");
        });
        server.createContext("/broken", ex -> reply(ex, 503, "down"));
        server.createContext("/big", ex -> reply(ex, 200, "x".repeat(2000)));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "late");
        });
        server.createContext("/sluggish", ex -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "ok");
        });
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpSettings settings(String path, List<Integer> codes, String regex, Map<String, String> json, Duration maxLatency) {
        return new HttpSettings(url(path), "GET", Map.of(), null, codes, regex == null ? null : Pattern.compile(regex),
                json, maxLatency, false, true);
    }

    private static ProbeResult run(HttpSettings s, Duration timeout) {
        return new HttpProbe(s, timeout).run(timeout);
    }

    @Test
    void passesWhenEveryAssertionHolds() {
        ProbeResult r = run(settings("/health", List.of(200), "\"status\":\"UP\"",
                Map.of("/status", "UP", "/checks/0/ok", "true", "/checks/0/n", "3"), Duration.ofSeconds(2)), Duration.ofSeconds(2));
        assertTrue(r.success(), r::message);
        assertEquals("", r.message());
    }

    @Test
    void sendsMethodHeadersAndBody() {
        HttpSettings s = new HttpSettings(url("/health"), "POST", Map.of("X-Probe", "osprey"), "ping", List.of(), null,
                Map.of(), null, false, true);
        assertTrue(run(s, Duration.ofSeconds(2)).success());
        assertEquals(List.of("POST osprey ping"), List.copyOf(received));
    }

    @Test
    void wrongStatusFails() {
        ProbeResult r = run(settings("/broken", List.of(), null, Map.of(), null), Duration.ofSeconds(2));
        assertFalse(r.success());
        assertEquals(FailureReason.STATUS, r.reason());
        assertEquals("status 503 from " + url("/broken") + ", want 2xx", r.message());

        ProbeResult listed = run(settings("/health", List.of(204), null, Map.of(), null), Duration.ofSeconds(2));
        assertEquals(FailureReason.STATUS, listed.reason());
        assertTrue(listed.message().endsWith("want [204]"), listed.message());

        assertTrue(run(settings("/broken", List.of(503), null, Map.of(), null), Duration.ofSeconds(2)).success(),
                "an explicitly accepted 503 passes");
    }

    @Test
    void bodyRegexMismatchFails() {
        ProbeResult r = run(settings("/health", List.of(), "\"status\":\"DOWN\"", Map.of(), null), Duration.ofSeconds(2));
        assertEquals(FailureReason.BODY_REGEX, r.reason());
        assertTrue(r.message().contains("does not match /\"status\":\"DOWN\"/"), r.message());
        assertTrue(r.message().contains("{\"status\":\"UP\""), "message shows what came back: " + r.message());
    }

    @Test
    void jsonPointerMismatchMissingAndNotJsonFail() {
        ProbeResult wrong = run(settings("/health", List.of(), null, Map.of("/checks/0/n", "4"), null), Duration.ofSeconds(2));
        assertEquals(FailureReason.JSON_POINTER, wrong.reason());
        assertEquals("JSON pointer /checks/0/n is \"3\", want 4", wrong.message());

        ProbeResult missing = run(settings("/health", List.of(), null, Map.of("/version", "1"), null), Duration.ofSeconds(2));
        assertEquals(FailureReason.JSON_POINTER, missing.reason());
        assertTrue(missing.message().startsWith("JSON pointer /version missing"), missing.message());

        ProbeResult notJson = run(settings("/broken", List.of(503), null, Map.of("/status", "UP"), null), Duration.ofSeconds(2));
        assertEquals(FailureReason.JSON_POINTER, notJson.reason());
        assertTrue(notJson.message().contains("is not JSON"), notJson.message());
    }

    @Test
    void timeoutFailsWithinBudget() {
        long start = System.nanoTime();
        ProbeResult r = run(settings("/slow", List.of(), null, Map.of(), null), Duration.ofMillis(400));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(FailureReason.TIMEOUT, r.reason(), r::message);
        assertTrue(r.message().contains("within 400ms"), r.message());
        assertTrue(tookMs < 2_500, "took " + tookMs + " ms");
    }

    @Test
    void slowerThanMaxLatencyFails() {
        ProbeResult r = run(settings("/sluggish", List.of(), null, Map.of(), Duration.ofMillis(100)), Duration.ofSeconds(2));
        assertEquals(FailureReason.LATENCY, r.reason());
        assertTrue(r.message().contains("more than max_latency 100ms"), r.message());
        assertTrue(run(settings("/sluggish", List.of(), null, Map.of(), Duration.ofSeconds(2)), Duration.ofSeconds(2)).success());
    }

    @Test
    void bodyOverTheSizeLimitFails() {
        HttpSettings small = new HttpSettings(url("/big"), "GET", Map.of(), null, List.of(), null, Map.of(), null, false, true, 1000);
        ProbeResult r = run(small, Duration.ofSeconds(2));
        assertEquals(FailureReason.BODY_SIZE, r.reason());
        assertEquals("body of " + url("/big") + " exceeds body_size_limit of 1000 bytes", r.message());
        HttpSettings exact = new HttpSettings(url("/big"), "GET", Map.of(), null, List.of(), Pattern.compile("x{2000}"), Map.of(), null,
                false, true, 2000);
        assertTrue(run(exact, Duration.ofSeconds(2)).success(), "a body of exactly the limit passes and is read whole");
        HttpSettings unlimited = new HttpSettings(url("/big"), "GET", Map.of(), null, List.of(), null, Map.of(), null, false, true, 0);
        assertTrue(run(unlimited, Duration.ofSeconds(2)).success());
    }

    @Test
    void refusedConnectionFails() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpSettings s = new HttpSettings(URI.create("http://127.0.0.1:" + port + "/"), "GET", Map.of(), null, List.of(), null,
                Map.of(), null, false, true);
        ProbeResult r = run(s, Duration.ofSeconds(2));
        assertEquals(FailureReason.CONNECT, r.reason(), r::message);
    }
}
