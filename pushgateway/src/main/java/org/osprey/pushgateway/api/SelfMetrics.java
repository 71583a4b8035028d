package org.osprey.pushgateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/**
 * The Pushgateway's own metrics, named as upstream's {@code pushgateway_*} with the
 * {@code osprey_} prefix: requests by handler, code and method (scrapes excluded, as upstream),
 * push duration and size as summaries with 0.1/0.5/0.9 quantiles (from HdrHistograms, so the
 * record path allocates nothing), build info, and the group, expiry and persistence figures the
 * store and persister report through suppliers. Thread-safe: counters are adders and concurrent
 * histograms; suppliers must be thread-safe.
 */
public final class SelfMetrics {
    public static final String REQUESTS = "osprey_pushgateway_http_requests_total";
    public static final String PUSH_DURATION = "osprey_pushgateway_http_push_duration_seconds";
    public static final String PUSH_SIZE = "osprey_pushgateway_http_push_size_bytes";
    public static final String BUILD_INFO = "osprey_pushgateway_build_info";
    public static final String GROUPS = "osprey_pushgateway_groups";
    public static final String EXPIRED = "osprey_pushgateway_groups_expired_total";
    public static final String PERSIST_WRITES = "osprey_pushgateway_persistence_writes_total";
    public static final String PERSIST_LAST = "osprey_pushgateway_persistence_last_write_timestamp_seconds";
    private static final double[] QUANTILES = {0.1, 0.5, 0.9};

    private final Map<LabelPairs, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentHistogram> durationMicros = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentHistogram> sizeBytes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> durationSumMicros = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> sizeSum = new ConcurrentHashMap<>();
    private final String version;
    private final Supplier<Long> groups;
    private final Supplier<Long> expired;
    private final Supplier<Long> persistWrites;
    private final Supplier<Double> persistLast;

    public SelfMetrics(String version, Supplier<Long> groups, Supplier<Long> expired, Supplier<Long> persistWrites,
                       Supplier<Double> persistLast) {
        this.version = version;
        this.groups = groups;
        this.expired = expired;
        this.persistWrites = persistWrites;
        this.persistLast = persistLast;
    }

    /** Names and types of every own family, which pushes must not contradict. */
    public static Map<String, MetricType> familyTypes() {
        return Map.of(REQUESTS, MetricType.COUNTER, PUSH_DURATION, MetricType.SUMMARY, PUSH_SIZE, MetricType.SUMMARY,
                BUILD_INFO, MetricType.GAUGE, GROUPS, MetricType.GAUGE, EXPIRED, MetricType.COUNTER,
                PERSIST_WRITES, MetricType.COUNTER, PERSIST_LAST, MetricType.GAUGE);
    }

    public void countRequest(String handler, int code, String method) {
        requests.computeIfAbsent(LabelPairs.of("code", Integer.toString(code), "handler", handler, "method", method),
                k -> new LongAdder()).increment();
    }

    /** Records one push (PUT or POST, lower-case method) with its duration in nanoseconds and body size in bytes. */
    public void recordPush(String method, long nanos, long bytes) {
        long micros = Math.max(0, nanos / 1000);
        durationMicros.computeIfAbsent(method, m -> new ConcurrentHistogram(3)).recordValue(micros);
        durationSumMicros.computeIfAbsent(method, m -> new LongAdder()).add(micros);
        sizeBytes.computeIfAbsent(method, m -> new ConcurrentHistogram(3)).recordValue(Math.max(0, bytes));
        sizeSum.computeIfAbsent(method, m -> new LongAdder()).add(bytes);
    }

    public List<Family> families() {
        List<Family> out = new ArrayList<>();
        List<Metric> req = new ArrayList<>();
        requests.forEach((labels, n) -> req.add(Metric.simple(labels, n.sum(), Metric.NO_TIMESTAMP)));
        out.add(new Family(REQUESTS, "Total HTTP requests processed by the Pushgateway, excluding scrapes.", MetricType.COUNTER, req));
        out.add(new Family(PUSH_DURATION, "HTTP request duration for pushes to the Pushgateway.", MetricType.SUMMARY,
                summaries(durationMicros, durationSumMicros, 1e-6)));
        out.add(new Family(PUSH_SIZE, "HTTP request size for pushes to the Pushgateway.", MetricType.SUMMARY,
                summaries(sizeBytes, sizeSum, 1)));
        out.add(new Family(BUILD_INFO, "A metric with a constant '1' value labeled by version and the Java runtime the Pushgateway runs on.",
                MetricType.GAUGE, List.of(Metric.simple(LabelPairs.of("version", version, "javaversion", Runtime.version().toString()), 1, Metric.NO_TIMESTAMP))));
        out.add(new Family(GROUPS, "Number of metric groups currently stored.", MetricType.GAUGE,
                List.of(Metric.simple(LabelPairs.EMPTY, groups.get(), Metric.NO_TIMESTAMP))));
        out.add(new Family(EXPIRED, "Metric groups removed because their time to live ran out.", MetricType.COUNTER,
                List.of(Metric.simple(LabelPairs.EMPTY, expired.get(), Metric.NO_TIMESTAMP))));
        out.add(new Family(PERSIST_WRITES, "Snapshots written to the persistence file.", MetricType.COUNTER,
                List.of(Metric.simple(LabelPairs.EMPTY, persistWrites.get(), Metric.NO_TIMESTAMP))));
        out.add(new Family(PERSIST_LAST, "Unix time of the last successful persistence write, 0 when none.", MetricType.GAUGE,
                List.of(Metric.simple(LabelPairs.EMPTY, persistLast.get(), Metric.NO_TIMESTAMP))));
        return out;
    }

    private static List<Metric> summaries(Map<String, ConcurrentHistogram> hists, Map<String, LongAdder> sums, double scale) {
        List<Metric> out = new ArrayList<>();
        hists.forEach((method, h) -> {
            double[] values = new double[QUANTILES.length];
            for (int i = 0; i < QUANTILES.length; i++) {
                values[i] = h.getValueAtPercentile(QUANTILES[i] * 100) * scale;
            }
            LongAdder sum = sums.get(method);
            out.add(new Metric(LabelPairs.of("method", method), 0, h.getTotalCount(), sum == null ? 0 : sum.sum() * scale,
                    QUANTILES.clone(), values, Metric.NO_TIMESTAMP));
        });
        return out;
    }
}
