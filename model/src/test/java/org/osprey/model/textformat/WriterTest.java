package org.osprey.model.textformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.model.exposition.Bucket;
import org.osprey.model.exposition.Metric;
import org.osprey.model.exposition.MetricFamily;
import org.osprey.model.exposition.Quantile;
import org.osprey.model.exposition.TextFamilies;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;
import org.osprey.model.textparse.ExpositionFormats;

class WriterTest {
    static final List<MetricFamily> FAMILIES = List.of(
            new MetricFamily("http_requests_total", "Requests.\nAll of them \\ really.", MetricType.COUNTER, List.of(
                    Metric.ofValue(Labels.of("code", "200", "path", "/a\"b\\c\nd"), 1027, 1395066363000L),
                    Metric.ofValue(Labels.of("code", "500"), 3, Metric.NO_TIMESTAMP))),
            new MetricFamily("temp", null, MetricType.GAUGE, List.of(Metric.ofValue(Labels.EMPTY, -0.5, Metric.NO_TIMESTAMP))),
            new MetricFamily("rpc_seconds", "RPC latency.", MetricType.SUMMARY, List.of(
                    Metric.ofSummary(Labels.of("service", "a"), 7, 1.5,
                            List.of(new Quantile(0.5, 0.1), new Quantile(0.99, 1.2e-5)), Metric.NO_TIMESTAMP))),
            new MetricFamily("req_duration_seconds", "Durations.", MetricType.HISTOGRAM, List.of(
                    Metric.ofHistogram(Labels.EMPTY, 4, 2.25,
                            List.of(new Bucket(0.1, 1), new Bucket(1, 3)), Metric.NO_TIMESTAMP))));

    @Test
    void writesTextFormatAsExpfmt() {
        String text = new String(TextFormatWriter.toBytes(FAMILIES), StandardCharsets.UTF_8);
        assertEquals("""
                # HELP http_requests_total Requests.\\nAll of them \\\\ really.
                # TYPE http_requests_total counter
                http_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 1027 1395066363000
                http_requests_total{code="500"} 3
                # TYPE temp gauge
                temp -0.5
                # HELP rpc_seconds RPC latency.
                # TYPE rpc_seconds summary
                rpc_seconds{service="a",quantile="0.5"} 0.1
                rpc_seconds{service="a",quantile="0.99"} 1.2e-05
                rpc_seconds_sum{service="a"} 1.5
                rpc_seconds_count{service="a"} 7
                # HELP req_duration_seconds Durations.
                # TYPE req_duration_seconds histogram
                req_duration_seconds_bucket{le="0.1"} 1
                req_duration_seconds_bucket{le="1"} 3
                req_duration_seconds_bucket{le="+Inf"} 4
                req_duration_seconds_sum 2.25
                req_duration_seconds_count 4
                """, text);
    }

    @Test
    void textRoundTripsThroughTheStrictParser() {
        byte[] text = TextFormatWriter.toBytes(FAMILIES);
        List<MetricFamily> back = TextFamilies.parse(ExpositionFormats.TEXT_CONTENT_TYPE, text, 0, text.length);
        assertEquals(withInfBucket(FAMILIES), back);
    }

    @Test
    void openMetricsOutputIsValidStrictOpenMetrics() {
        String om = new String(OpenMetricsWriter.toBytes(FAMILIES), StandardCharsets.UTF_8);
        assertEquals(true, om.contains("# TYPE http_requests counter\n"), om);
        assertEquals(true, om.contains("http_requests_total{code=\"200\",path=\"/a\\\"b\\\\c\\nd\"} 1027.0 1395066363.0\n")
                || om.contains("http_requests_total{code=\"200\",path=\"/a\\\"b\\\\c\\nd\"} 1027.0 1395066363\n"), om);
        assertEquals(true, om.endsWith("req_duration_seconds_count 4\n# EOF\n"), om);
        byte[] bytes = om.getBytes(StandardCharsets.UTF_8);
        List<MetricFamily> back = TextFamilies.parse(ExpositionFormats.OPENMETRICS_CONTENT_TYPE, bytes, 0, bytes.length);
        assertEquals(withInfBucket(FAMILIES), back);
    }

    /** Writers spell out the implied +Inf bucket, so a parsed copy has it. */
    static List<MetricFamily> withInfBucket(List<MetricFamily> fs) {
        return fs.stream().map(f -> f.type() != MetricType.HISTOGRAM ? f : f.withMetrics(f.metrics().stream()
                .map(m -> {
                    List<Bucket> bs = new java.util.ArrayList<>(m.buckets());
                    bs.add(new Bucket(Double.POSITIVE_INFINITY, m.count()));
                    return Metric.ofHistogram(m.labels(), m.count(), m.sum(), bs, m.timestampMs());
                }).toList())).toList();
    }

    @Test
    void countsAreIntegersAsGoWritesThem() {
        String text = new String(TextFormatWriter.toBytes(List.of(new MetricFamily("h", null, MetricType.HISTOGRAM, List.of(
                Metric.ofHistogram(Labels.EMPTY, 12345678, 1.5e7, List.of(new Bucket(1e6, 2345678)), Metric.NO_TIMESTAMP))))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("""
                # TYPE h histogram
                h_bucket{le="1e+06"} 2345678
                h_bucket{le="+Inf"} 12345678
                h_sum 1.5e+07
                h_count 12345678
                """, text);
    }

    @Test
    void sampleLevelWriterForFederation() {
        StringBuilder sb = new StringBuilder();
        TextFormatWriter.writeSample(sb, Labels.of("__name__", "up", "job", "x"), 1, 1700000000000L);
        TextFormatWriter.writeSample(sb, Labels.of("__name__", "my.metric", "label.name", "v"), 2, Metric.NO_TIMESTAMP);
        assertEquals("up{job=\"x\"} 1 1700000000000\n{\"my.metric\",\"label.name\"=\"v\"} 2\n", sb.toString());
    }

    @Test
    void openMetricsGaugeHistogramInfoTimestampsAndUtf8Refusal() {
        List<MetricFamily> fs = List.of(
                new MetricFamily("queue_size", "Q", MetricType.GAUGEHISTOGRAM, List.of(
                        Metric.ofHistogram(Labels.EMPTY, 3, -5, List.of(new Bucket(-1, 1), new Bucket(1, 2)), -1500))),
                new MetricFamily("build", null, MetricType.INFO, List.of(Metric.ofValue(Labels.of("v", "1"), 1, 1520879607789L))));
        String om = new String(OpenMetricsWriter.toBytes(fs), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("""
                # HELP queue_size Q
                # TYPE queue_size gaugehistogram
                queue_size_bucket{le="-1.0"} 1 -1.5
                queue_size_bucket{le="1.0"} 2 -1.5
                queue_size_bucket{le="+Inf"} 3 -1.5
                queue_size_gsum -5.0 -1.5
                queue_size_gcount 3 -1.5
                # TYPE build info
                build_info{v="1"} 1.0 1520879607.789
                # EOF
                """, om);
        byte[] bytes = om.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.osprey.model.textparse.ExpositionParser p = org.osprey.model.textparse.ExpositionFormats.parserFor(
                ExpositionFormats.OPENMETRICS_CONTENT_TYPE, bytes, 0, bytes.length, org.osprey.model.textparse.ParserOptions.STRICT);
        int n = 0;
        while (p.next() != org.osprey.model.textparse.Entry.EOF) {
            n++;
        }
        assertEquals(9, n);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> OpenMetricsWriter.toBytes(
                List.of(new MetricFamily("my.metric", null, MetricType.GAUGE, List.of()))));
    }
}
