package org.osprey.probes.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osprey.model.exposition.Bucket;
import org.osprey.model.exposition.Metric;
import org.osprey.model.exposition.MetricFamily;
import org.osprey.model.exposition.TextFamilies;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;
import org.osprey.model.textformat.TextFormatWriter;
import org.osprey.probes.FailureReason;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.StepResult;

/**
 * Renders the visitor's output as the text format and parses it back strictly with the model's
 * exposition parser: what the server will serve on /metrics must be a valid exposition.
 */
class ProbeMetricsExpositionTest {
    private static String render(List<ProbeMetrics.Entry> entries) {
        StringBuilder sb = new StringBuilder();
        ProbeMetrics.visit(entries, new ProbeMetricVisitor() {
            @Override
            public void family(String name, String type, String help) {
                sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
                sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
            }

            @Override
            public void sample(String name, Labels labels, double value) {
                TextFormatWriter.writeSample(sb, name, "", labels, null, 0, value, Metric.NO_TIMESTAMP);
            }
        });
        return sb.toString();
    }

    @Test
    void renderedMetricsParseAsValidExposition() {
        ProbeStats http = new ProbeStats();
        http.record(ProbeResult.ok(), 0.004, 1_764_410_400_000L);
        http.record(ProbeResult.failed(FailureReason.STATUS, "status 503"), 0.3, 1_764_410_430_000L);
        http.record(ProbeResult.failed(FailureReason.TIMEOUT, "slow"), 70, 1_764_410_460_000L);
        ProbeStats kube = new ProbeStats();
        kube.record(ProbeResult.failed(FailureReason.READ, "read failed", List.of(new StepResult("create", true, 0.02, ""),
                new StepResult("read", false, 0.01, "read failed"), new StepResult("delete", true, 0.03, ""))), 0.06, 1_764_410_400_000L);
        ProbeStats never = new ProbeStats();

        String text = render(List.of(new ProbeMetrics.Entry("api", "http", "critical", http),
                new ProbeMetrics.Entry("crud", "kubernetes", "warning", kube),
                new ProbeMetrics.Entry("idle", "tcp", "info", never)));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<MetricFamily> families = TextFamilies.parse("text/plain; version=0.0.4", bytes, 0, bytes.length);
        Map<String, MetricFamily> byName = new HashMap<>();
        for (MetricFamily f : families) {
            byName.put(f.name(), f);
        }

        MetricFamily duration = byName.get("osprey_probe_duration_seconds");
        assertEquals(MetricType.HISTOGRAM, duration.type(), text);
        assertEquals(3, duration.metrics().size());
        Metric api = duration.metrics().stream().filter(m -> m.labels().get("probe").equals("api")).findFirst().orElseThrow();
        assertEquals(3, api.count());
        assertEquals(70.304, api.sum(), 1e-9);
        List<Bucket> buckets = api.buckets();
        assertEquals(14, buckets.size(), "13 bounds and +Inf");
        assertEquals(1, buckets.get(0).cumulativeCount(), "0.004 s is in the 5 ms bucket");
        assertEquals(2, bucketAt(buckets, 0.5), "0.3 s is at or below 0.5");
        assertEquals(2, bucketAt(buckets, 60), "70 s is only in +Inf");
        assertEquals(3, bucketAt(buckets, Double.POSITIVE_INFINITY));

        MetricFamily success = byName.get("osprey_probe_success");
        assertEquals(2, success.metrics().size(), "no success sample before the first run");
        assertEquals(MetricType.GAUGE, success.type());

        MetricFamily failures = byName.get("osprey_probe_failures_total");
        assertEquals(MetricType.COUNTER, failures.type());
        assertEquals(3, failures.metrics().size(), "status and timeout for api, read for crud");
        assertTrue(failures.metrics().stream().anyMatch(m -> m.labels().equals(Labels.of("probe", "api", "reason", "timeout")) && m.value() == 1));

        MetricFamily steps = byName.get("osprey_probe_step_success");
        assertEquals(3, steps.metrics().size());
        assertTrue(steps.metrics().stream().anyMatch(m -> m.labels().equals(Labels.of("probe", "crud", "step", "read")) && m.value() == 0));

        MetricFamily last = byName.get("osprey_probe_last_run_timestamp_seconds");
        assertTrue(last.metrics().stream().anyMatch(m -> m.labels().get("probe").equals("api") && m.value() == 1_764_410_460.0));
    }

    @Test
    void labelPairsAlternateNamesAndValuesInLabelOrder() {
        assertEquals(List.of("kind", "http", "probe", "api"),
                List.of(ProbeMetricVisitor.labelPairs(Labels.of("probe", "api", "kind", "http"))));
        assertEquals(0, ProbeMetricVisitor.labelPairs(Labels.EMPTY).length);
    }

    private static double bucketAt(List<Bucket> buckets, double bound) {
        for (Bucket b : buckets) {
            if (b.upperBound() == bound) {
                return b.cumulativeCount();
            }
        }
        throw new AssertionError("no bucket " + bound);
    }
}
