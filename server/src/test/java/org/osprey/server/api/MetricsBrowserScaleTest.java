package org.osprey.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.Labels;
import org.osprey.server.OspreyServer;
import org.osprey.server.ServerLog;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.testing.Http;
import org.osprey.tsdb.Appender;
import tools.jackson.databind.JsonNode;

/**
 * Grafana's metrics-browser calls on a server holding many series answer correctly and fast.
 * The series count comes from {@code -Dosprey.scaleSeries} (default 100,000 to keep the suite
 * short; 1,000,000 was measured by hand, see README).
 */
class MetricsBrowserScaleTest {
    @TempDir
    Path dir;

    @Test
    void labelsAndNamesWithGrafanasLimitsOnManySeries() throws Exception {
        int series = Integer.getInteger("osprey.scaleSeries", 100_000);
        ServerOptions o = ServerOptions.parse("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"));
        try (OspreyServer server = OspreyServer.start(o, new ServerLog(new PrintStream(new ByteArrayOutputStream()), "info", "logfmt"))) {
            long now = System.currentTimeMillis();
            long t0 = System.nanoTime();
            Appender a = server.storage().appender();
            for (int i = 0; i < series; i++) {
                a.append(0, Labels.of("__name__", "metric_" + (i % 1000), "instance", "host-" + (i / 1000), "job", "scale",
                        "shard", Integer.toString(i % 7)), now, i);
                if (i % 10_000 == 9_999) {
                    a.commit();
                    a = server.storage().appender();
                }
            }
            a.commit();
            System.out.printf("appended %d series in %.1f s%n", series, (System.nanoTime() - t0) / 1e9);
            Http http = new Http(server.port());
            for (int round = 0; round < 2; round++) { // second round is the warm figure
                long s1 = System.nanoTime();
                HttpResponse<String> labels = http.get("/api/v1/labels?limit=40000&match[]=" + Http.enc("{__name__=~\".+\",}"));
                long s2 = System.nanoTime();
                HttpResponse<String> names = http.get("/api/v1/label/__name__/values?limit=40000");
                long s3 = System.nanoTime();
                HttpResponse<String> meta = http.get("/api/v1/metadata?limit=40000");
                long s4 = System.nanoTime();
                System.out.printf("round %d: labels %.0f ms, __name__ values %.0f ms, metadata %.0f ms%n", round,
                        (s2 - s1) / 1e6, (s3 - s2) / 1e6, (s4 - s3) / 1e6);
                JsonNode l = Http.json(labels.body()).get("data");
                assertTrue(l.toString().contains("\"shard\"") && l.toString().contains("\"instance\""), l.toString());
                JsonNode n = Http.json(names.body()).get("data");
                assertTrue(n.size() >= 1000, "metric names: " + n.size());
                assertEquals(200, meta.statusCode());
                if (round == 1) {
                    assertTrue((s3 - s1) / 1e6 < 5_000, "metrics browser calls took " + (s3 - s1) / 1e6 + " ms");
                }
            }
        }
    }
}
