package org.osprey.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.api.ApiContext;
import org.osprey.server.api.QueryService;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.metrics.HttpMetrics;
import org.osprey.server.testing.Http;
import org.osprey.tsdb.Storage;
import tools.jackson.databind.JsonNode;

/** /-/ready says 503 until storage is open; /-/quit with --web.enable-lifecycle stops a real server. */
class ReadinessAndQuitTest {
    @TempDir
    Path dir;

    @Test
    void readyIs503UntilStorageIsOpenAndApiSaysUnavailable() throws Exception {
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0");
        AtomicBoolean ready = new AtomicBoolean(false);
        ApiContext opening = new ApiContext() {
            @Override
            public ServerOptions options() {
                return o;
            }

            @Override
            public Storage storage() {
                return null;
            }

            @Override
            public QueryService queries() {
                return null;
            }

            @Override
            public String configYaml() {
                return "";
            }

            @Override
            public RuntimeFacts runtime() {
                return new RuntimeFacts(0, false, 0);
            }
        };
        Lifecycle lc = new Lifecycle() {
            @Override
            public boolean ready() {
                return ready.get();
            }

            @Override
            public void reload() {
            }

            @Override
            public void quit() {
            }
        };
        HttpMetrics m = new HttpMetrics();
        try (WebServer web = new WebServer(opening, lc, m, List.of(m), new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"))) {
            web.start();
            Http http = new Http(web.port());
            var r = http.get("/-/ready");
            assertEquals(503, r.statusCode());
            assertEquals("Service Unavailable", r.body());
            assertEquals(200, http.get("/-/healthy").statusCode(), "healthy while starting");
            var labels = http.get("/api/v1/labels");
            assertEquals(503, labels.statusCode());
            JsonNode j = Http.json(labels.body());
            assertEquals("unavailable", j.get("errorType").asString());
            ready.set(true);
            assertEquals(200, http.get("/-/ready").statusCode());
        }
    }

    @Test
    void quitStopsTheServerWhenLifecycleIsEnabled() throws Exception {
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.enable-lifecycle");
        OspreyServer server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            server.awaitQuit();
            stopped.countDown();
        });
        try {
            var r = new Http(server.port()).postForm("/-/quit", "");
            assertEquals(200, r.statusCode());
            assertEquals("Requesting termination... Goodbye!", r.body());
            assertTrue(stopped.await(10, TimeUnit.SECONDS), "awaitQuit did not return");
        } finally {
            server.close();
            waiter.join();
        }
    }
}
