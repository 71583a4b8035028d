package org.osprey.pushgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.model.exposition.Bucket;
import org.osprey.model.exposition.Metric;
import org.osprey.model.exposition.MetricFamily;
import org.osprey.model.exposition.ProtobufCodec;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;
import org.osprey.pushgateway.RunningPushgateway;

/** Protobuf-delimited pushes: content-type detection, gzip, and the same consistency rules as text. */
class ProtobufPushTest {
    private static final String PROTO = ProtobufCodec.CONTENT_TYPE;
    private RunningPushgateway pg;

    @BeforeEach
    void start() throws Exception {
        pg = new RunningPushgateway();
    }

    @AfterEach
    void stop() {
        pg.close();
    }

    private static byte[] body(MetricFamily... families) {
        return ProtobufCodec.encodeDelimited(List.of(families));
    }

    @Test
    void gaugeAndHistogramWithGzip() throws Exception {
        byte[] raw = body(
                new MetricFamily("pb_g", "Gauge.", MetricType.GAUGE, List.of(Metric.ofValue(Labels.of("a", "x"), 2.5, Metric.NO_TIMESTAMP))),
                new MetricFamily("pb_h", null, MetricType.HISTOGRAM, List.of(Metric.ofHistogram(Labels.EMPTY, 3, 1.25,
                        List.of(new Bucket(0.5, 1), new Bucket(1, 3)), Metric.NO_TIMESTAMP))));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw);
        }
        assertEquals(200, pg.send("PUT", "/metrics/job/pb", gz.toByteArray(), "Content-Type", PROTO, "Content-Encoding", "gzip").statusCode());
        String s = pg.pushedMetrics();
        assertTrue(s.contains("# HELP pb_g Gauge.\n# TYPE pb_g gauge\npb_g{a=\"x\",instance=\"\",job=\"pb\"} 2.5\n"), s);
        assertTrue(s.contains("pb_h_bucket{instance=\"\",job=\"pb\",le=\"1\"} 3\npb_h_bucket{instance=\"\",job=\"pb\",le=\"+Inf\"} 3\n"), s);
    }

    @Test
    void theSameBytesAsTextAreATextParseError() throws Exception {
        byte[] raw = body(new MetricFamily("pb_g", null, MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, 1, Metric.NO_TIMESTAMP))));
        assertEquals(400, pg.send("PUT", "/metrics/job/pb", raw, "Content-Type", "application/vnd.google.protobuf; encoding=delimited").statusCode(),
                "without proto=io.prometheus.client.MetricFamily the body is read as text, as upstream");
    }

    @Test
    void protobufPushesMeetTheSameRules() throws Exception {
        HttpResponse<String> r = pg.send("PUT", "/metrics/job/pb",
                body(new MetricFamily("pb_t", null, MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, 1, 1234)))), "Content-Type", PROTO);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("pushed metrics must not have timestamps"), r.body());
        r = pg.send("PUT", "/metrics/job/pb2",
                body(new MetricFamily("bad-name", null, MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, 1, Metric.NO_TIMESTAMP)))), "Content-Type", PROTO);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("bad-name"), r.body());
        assertFalse(pg.pushedMetrics().contains("bad-name"));
        assertEquals(400, pg.send("PUT", "/metrics/job/pb3", new byte[] {5, 1, 2}, "Content-Type", PROTO).statusCode(), "truncated message");
    }

    @Test
    void aRepeatedFamilyReplacesTheEarlierOneAsUpstreamWarns() throws Exception {
        assertEquals(200, pg.send("PUT", "/metrics/job/pb", body(
                new MetricFamily("dup", null, MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, 1, Metric.NO_TIMESTAMP))),
                new MetricFamily("dup", null, MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, 2, Metric.NO_TIMESTAMP)))),
                "Content-Type", PROTO).statusCode());
        String s = pg.pushedMetrics();
        assertTrue(s.contains("dup{instance=\"\",job=\"pb\"} 2\n") && !s.contains("dup{instance=\"\",job=\"pb\"} 1\n"), s);
    }
}
