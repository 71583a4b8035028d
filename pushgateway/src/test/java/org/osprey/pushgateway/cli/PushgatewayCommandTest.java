package org.osprey.pushgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.pushgateway.PushgatewayOptions;

/** {@code osprey pushgateway}: upstream's flag names, defaults, errors, and a real run. */
class PushgatewayCommandTest {
    @TempDir
    Path dir;

    @Test
    void defaultsMatchUpstream() {
        PushgatewayOptions o = PushgatewayCommand.parse(new String[0]);
        assertEquals(":9091", o.listenAddress());
        assertEquals("/metrics", o.telemetryPath());
        assertNull(o.persistenceFile());
        assertEquals(300_000, o.persistenceIntervalMillis());
        assertEquals(0, o.groupTtlMillis());
        assertTrue(!o.enableAdminApi() && !o.enableLifecycle());
    }

    @Test
    void flagsInBothSpellings() {
        PushgatewayOptions o = PushgatewayCommand.parse(new String[] {"--web.listen-address=127.0.0.1:9999",
                "--persistence.file", "/tmp/x.data", "--persistence.interval=1m30s", "--push.group-ttl=2h",
                "--web.enable-admin-api", "--web.enable-lifecycle=true", "--web.telemetry-path=/m"});
        assertEquals("127.0.0.1:9999", o.listenAddress());
        assertEquals(Path.of("/tmp/x.data"), o.persistenceFile());
        assertEquals(90_000, o.persistenceIntervalMillis());
        assertEquals(7_200_000, o.groupTtlMillis());
        assertTrue(o.enableAdminApi() && o.enableLifecycle());
        assertEquals("/m", o.telemetryPath());
    }

    @Test
    void badFlagsExitWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, PushgatewayCommand.run(new String[] {"--nope"}, System.out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown long flag '--nope'"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, PushgatewayCommand.run(new String[] {"--persistence.interval=soon"}, System.out, errStream));
        assertEquals(2, PushgatewayCommand.run(new String[] {"--web.listen-address=nowhere"}, System.out, errStream));
        assertThrows(IllegalArgumentException.class, () -> PushgatewayCommand.parse(new String[] {"--push.group-ttl"}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, PushgatewayCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), errStream));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--push.group-ttl"));
    }

    @Test
    void runsServesPersistsAndQuits() throws Exception {
        Path file = dir.resolve("pg.data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> PushgatewayCommand.run(new String[] {
                "--web.listen-address=127.0.0.1:0", "--web.enable-lifecycle", "--persistence.file=" + file}, outStream, System.err));
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        Matcher m = listening.matcher("");
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && !(m = listening.matcher(out.toString(StandardCharsets.UTF_8))).find()) {
            Thread.sleep(20);
        }
        String base = "http://127.0.0.1:" + m.group(1);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics/job/cli"))
                .PUT(HttpRequest.BodyPublishers.ofString("m 1\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        http.send(HttpRequest.newBuilder(URI.create(base + "/-/quit")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(0, exit.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(Files.size(file) > 0, "the final write happened on quit");
    }
}
