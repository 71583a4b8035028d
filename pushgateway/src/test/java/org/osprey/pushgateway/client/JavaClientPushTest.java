package org.osprey.pushgateway.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osprey.pushgateway.RunningPushgateway;

/**
 * The real Prometheus Java client ({@code prometheus-metrics-exporter-pushgateway} 1.5.0) pushes
 * to Osprey's Pushgateway in both its formats: push, pushAdd and delete, with grouping keys
 * holding a slash and an empty value (which the client sends as {@code @base64}).
 */
class JavaClientPushTest {
    private RunningPushgateway pg;

    @BeforeEach
    void start() throws Exception {
        pg = new RunningPushgateway();
    }

    @AfterEach
    void stop() {
        pg.close();
    }

    private PushGateway client(PrometheusRegistry registry, Format format) {
        return PushGateway.builder()
                .address("127.0.0.1:" + pg.pushgateway.boundAddress().getPort())
                .job("batch")
                .groupingKey("path", "/var/tmp")
                .groupingKey("shard", "")
                .registry(registry)
                .format(format)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void pushPushAddAndDelete(Format format) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter processed = Counter.builder().name("records_processed").help("Records processed.").labelNames("kind").register(registry);
        processed.labelValues("a").inc(3);
        processed.labelValues("b").inc(4);
        Gauge lastSuccess = Gauge.builder().name("last_success_seconds").help("Last success.").register(registry);
        lastSuccess.set(1.7e9);
        Histogram duration = Histogram.builder().name("duration_seconds").help("Duration.").classicUpperBounds(0.5, 1.0).register(registry);
        duration.observe(0.2);
        duration.observe(0.7);
        Summary size = Summary.builder().name("batch_size").help("Size.").quantile(0.5, 0.01).register(registry);
        size.observe(10);

        PushGateway push = client(registry, format);
        push.push();
        String s = pg.pushedMetrics();
        String group = "instance=\"\",job=\"batch\",path=\"/var/tmp\",shard=\"\"";
        String kindA = "instance=\"\",job=\"batch\",kind=\"a\",path=\"/var/tmp\",shard=\"\"";
        String kindB = "instance=\"\",job=\"batch\",kind=\"b\",path=\"/var/tmp\",shard=\"\"";
        assertTrue(s.contains("# HELP records_processed_total Records processed.\n# TYPE records_processed_total counter\n"), s);
        assertTrue(s.contains("records_processed_total{" + kindA + "} 3\n"), s);
        assertTrue(s.contains("records_processed_total{" + kindB + "} 4\n"), s);
        assertTrue(s.contains("last_success_seconds{" + group + "} 1.7e+09\n"), s);
        assertTrue(s.contains("duration_seconds_bucket{" + group + ",le=\"0.5\"} 1\n"), s);
        assertTrue(s.contains("duration_seconds_bucket{" + group + ",le=\"1\"} 2\n"), s);
        assertTrue(s.contains("duration_seconds_bucket{" + group + ",le=\"+Inf\"} 2\n"), s);
        assertTrue(s.contains("duration_seconds_count{" + group + "} 2\n"), s);
        assertTrue(s.contains("batch_size{" + group + ",quantile=\"0.5\"} 10\n"), s);
        assertTrue(s.contains("batch_size_count{" + group + "} 1\n"), s);
        assertTrue(s.contains("push_time_seconds{" + group + "} "), s);

        // pushAdd replaces only the families it sends.
        PrometheusRegistry second = new PrometheusRegistry();
        Gauge g2 = Gauge.builder().name("last_success_seconds").help("Last success.").register(second);
        g2.set(1.8e9);
        client(second, format).pushAdd();
        s = pg.pushedMetrics();
        assertTrue(s.contains("last_success_seconds{" + group + "} 1.8e+09\n"), s);
        assertTrue(s.contains("records_processed_total{" + kindA + "} 3\n"), s);

        // push (PUT) replaces the whole group.
        client(second, format).push();
        s = pg.pushedMetrics();
        assertFalse(s.contains("records_processed_total"), s);
        assertTrue(s.contains("last_success_seconds{" + group + "} 1.8e+09\n"), s);

        push.delete();
        s = pg.pushedMetrics();
        assertFalse(s.contains("job=\"batch\""), s);
    }
}
