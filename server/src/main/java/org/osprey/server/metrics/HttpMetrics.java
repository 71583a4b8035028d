package org.osprey.server.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP request counts by handler and status code, and request durations by handler as a
 * histogram, named as Prometheus names its own ({@code osprey_http_requests_total},
 * {@code osprey_http_request_duration_seconds}). Thread-safe: striped adders, no locks on record.
 */
public final class HttpMetrics implements MetricsSource {
    /** Prometheus's own buckets for its HTTP request histogram. */
    static final double[] BUCKETS = {0.1, 0.2, 0.4, 1, 3, 8, 20, 60, 120};

    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, LongAdder>> counts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Histogram> durations = new ConcurrentHashMap<>();

    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }
    }

    /**
     * Records one finished request.
     *
     * @param handler the route template, e.g. {@code /api/v1/query}
     * @param code    HTTP status
     * @param nanos   time from request start to response end
     */
    public void record(String handler, int code, long nanos) {
        counts.computeIfAbsent(handler, h -> new ConcurrentHashMap<>()).computeIfAbsent(code, c -> new LongAdder()).increment();
        durations.computeIfAbsent(handler, h -> new Histogram()).observe(nanos / 1e9);
    }

    @Override
    public void writeTo(TextMetricsWriter out) {
        out.family("osprey_http_requests_total", "counter", "Counter of HTTP requests.");
        for (Map.Entry<String, ConcurrentHashMap<Integer, LongAdder>> h : new TreeMap<>(counts).entrySet()) {
            for (Map.Entry<Integer, LongAdder> c : new TreeMap<>(h.getValue()).entrySet()) {
                out.sample("osprey_http_requests_total", c.getValue().sum(), "code", c.getKey().toString(), "handler", h.getKey());
            }
        }
        out.family("osprey_http_request_duration_seconds", "histogram", "Histogram of latencies for HTTP requests.");
        for (Map.Entry<String, Histogram> h : new TreeMap<>(durations).entrySet()) {
            Histogram hist = h.getValue();
            long count = hist.count.sum();
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += hist.buckets[i].sum();
                out.sample("osprey_http_request_duration_seconds_bucket", cumulative, "handler", h.getKey(),
                        "le", org.osprey.model.value.FloatFormat.formatPlain(BUCKETS[i]));
            }
            out.sample("osprey_http_request_duration_seconds_bucket", count, "handler", h.getKey(), "le", "+Inf");
            out.sample("osprey_http_request_duration_seconds_sum", hist.sum.sum(), "handler", h.getKey());
            out.sample("osprey_http_request_duration_seconds_count", count, "handler", h.getKey());
        }
    }
}
