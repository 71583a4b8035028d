package org.osprey.pushgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.model.exposition.Metric;
import org.osprey.model.exposition.MetricFamily;
import org.osprey.model.exposition.ProtobufCodec;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;
import org.osprey.pushgateway.RunningPushgateway;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Labels pushed with an empty value stay, as in Pushgateway 1.5: {@code m{e=""}} and {@code m}
 * are two metrics and both are exposed (expected lines taken from the real 1.5.1 for the same pushes).
 */
class EmptyLabelValuePushTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private RunningPushgateway pg;

    @BeforeEach
    void start() throws Exception {
        pg = new RunningPushgateway();
    }

    @AfterEach
    void stop() {
        pg.close();
    }

    @Test
    void textPushKeepsEmptyValuesInScrapeAndApi() throws Exception {
        assertEquals(200, pg.send("PUT", "/metrics/job/t1", "m{e=\"\"} 1\nm{e=\"x\"} 2\nm 3\n").statusCode());
        assertEquals(200, pg.send("PUT", "/metrics/job/t2", "n{a=\"\",b=\"1\",c=\"\"} 1\n# TYPE s summary\n"
                + "s{e=\"\",quantile=\"0.5\"} 1\ns_sum{e=\"\"} 2\ns_count{e=\"\"} 3\ns{quantile=\"0.5\"} 4\ns_sum 5\ns_count 6\n").statusCode());
        String s = pg.pushedMetrics();
        assertTrue(s.contains("# TYPE m untyped\nm{instance=\"\",job=\"t1\"} 3\nm{e=\"\",instance=\"\",job=\"t1\"} 1\n"
                + "m{e=\"x\",instance=\"\",job=\"t1\"} 2\n"), s);
        assertTrue(s.contains("n{a=\"\",b=\"1\",c=\"\",instance=\"\",job=\"t2\"} 1\n"), s);
        assertTrue(s.contains("# TYPE s summary\ns{instance=\"\",job=\"t2\",quantile=\"0.5\"} 4\ns_sum{instance=\"\",job=\"t2\"} 5\n"
                + "s_count{instance=\"\",job=\"t2\"} 6\ns{e=\"\",instance=\"\",job=\"t2\",quantile=\"0.5\"} 1\n"
                + "s_sum{e=\"\",instance=\"\",job=\"t2\"} 2\ns_count{e=\"\",instance=\"\",job=\"t2\"} 3\n"), s);

        JsonNode data = JSON.readTree(pg.get("/api/v1/metrics").body()).get("data");
        JsonNode t1 = data.get(0).get("labels").get("job").asString().equals("t1") ? data.get(0) : data.get(1);
        JsonNode first = t1.get("m").get("metrics").get(0).get("labels");
        assertEquals("", first.get("e").asString(), t1.toString());
        assertEquals(3, first.size(), "e, instance, job");
    }

    @Test
    void groupingLabelsStillOverwriteAnEmptyBodyValue() throws Exception {
        assertEquals(200, pg.send("PUT", "/metrics/job/t5/e/z", "dd{e=\"\"} 1\nk2{job=\"\"} 1\n").statusCode());
        String s = pg.pushedMetrics();
        assertTrue(s.contains("dd{e=\"z\",instance=\"\",job=\"t5\"} 1\n"), s);
        assertTrue(s.contains("k2{e=\"z\",instance=\"\",job=\"t5\"} 1\n"), s);
    }

    @Test
    void protobufPushKeepsEmptyValues() throws Exception {
        Metric empty = Metric.ofValue(Labels.EMPTY, 1, Metric.NO_TIMESTAMP).withEmptyLabelNames(List.of("e"));
        Metric plain = Metric.ofValue(Labels.EMPTY, 2, Metric.NO_TIMESTAMP);
        byte[] body = ProtobufCodec.encodeDelimited(List.of(new MetricFamily("pe", null, MetricType.GAUGE, List.of(empty, plain))));
        assertEquals(200, pg.send("PUT", "/metrics/job/pb", body, "Content-Type", ProtobufCodec.CONTENT_TYPE).statusCode());
        String s = pg.pushedMetrics();
        assertTrue(s.contains("# TYPE pe gauge\npe{instance=\"\",job=\"pb\"} 2\npe{e=\"\",instance=\"\",job=\"pb\"} 1\n"), s);
    }

    @Test
    void anEmptyValueMakesADifferentSeriesAcrossGroupsToo() throws Exception {
        assertEquals(200, pg.send("PUT", "/metrics/job/a", "dup{e=\"\"} 1\n").statusCode());
        // group {job="a",e=""} would expose dup{e="",instance="",job="a"} a second time: 400, as upstream
        assertEquals(400, pg.send("PUT", "/metrics/job/a/e@base64/=", "dup 1\n").statusCode());
        assertEquals(200, pg.send("PUT", "/metrics/job/a/e@base64/=", "other 1\n").statusCode());
    }

    @Test
    void aQuotedLabelNameIsRejectedAsByGosTextParser() throws Exception {
        var r = pg.send("PUT", "/metrics/job/q", "evg{f=\"y\", \"e\"=\"\"} 7\n");
        assertEquals(400, r.statusCode());
        assertEquals("text format parsing error in line 1: invalid label name for metric \"evg\"", r.body().strip());
        assertEquals(200, pg.send("PUT", "/metrics/job/q", "evg{f=\"a,\\\"b\", e=\"\"} 7\n").statusCode(), "quotes inside values are fine");
    }
}
