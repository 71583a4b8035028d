package org.osprey.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.server.ServerCommand;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.Http;

/** SIGHUP, raised in this JVM, makes a running {@code osprey server} reload its configuration file. */
class SighupReloadTest {
    @TempDir
    Path dir;

    @Test
    void sighupReloadsTheConfiguration() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("prometheus.yml");
        Files.writeString(cfg, "global:\n  external_labels: {gen: one}\n");
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"),
                "--config.file=" + cfg, "--web.enable-lifecycle");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        AtomicInteger rc = new AtomicInteger(-1);
        Thread t = Thread.ofPlatform().start(() -> rc.set(ServerCommand.run(o, quiet, quiet)));
        Http http = new Http(port);
        long deadline = System.currentTimeMillis() + 15_000;
        while (!ready(http) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(ready(http), "server did not become ready");
        assertTrue(http.get("/api/v1/status/config").body().contains("gen: one"));

        Files.writeString(cfg, "global:\n  external_labels: {gen: two}\n");
        sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
        deadline = System.currentTimeMillis() + 10_000;
        while (!http.get("/api/v1/status/config").body().contains("gen: two") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(http.get("/api/v1/status/config").body().contains("gen: two"), "SIGHUP did not reload");

        assertEquals(200, http.postForm("/-/quit", "").statusCode());
        t.join(15_000);
        assertEquals(0, rc.get());
    }

    private static boolean ready(Http http) {
        try {
            return http.get("/-/ready").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
