package org.osprey.bench.scrape;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.scrape.TargetIngester;
import org.osprey.scrape.config.ConfigLoader;
import org.osprey.scrape.config.RelabelRules;
import org.osprey.scrape.config.ScrapeConfig;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.Storage;

/**
 * Cost per sample of ingesting one target's scrape body (parse, series-cache lookup by raw bytes,
 * staleness bookkeeping, synthetic series) into a storage that only hands out refs, so the figure
 * is scrape's own share. {@code warm}: the steady state, every series already cached; {@code cold}:
 * a new target each time, so every series pays label building and relabeling.
 *
 * <p>Run: {@code java -jar jmh-benchmarks/target/benchmarks.jar ScrapeIngest -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScrapeIngestBenchmark {
    /** Series in the body; each is a counter with three labels, like a typical exporter line. */
    @Param({"1000"})
    int series;

    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private byte[] body;
    private ScrapeConfig config;
    private RelabelRules metricRelabel;
    private TargetIngester warm;
    private long t = 1_700_000_000_000L;
    private final Storage storage = new RefOnlyStorage();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        StringBuilder sb = new StringBuilder("# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n");
        for (int i = 0; i < series; i++) {
            sb.append("http_requests_total{method=\"GET\",handler=\"/api/v1/item/").append(i % 100)
                    .append("\",code=\"").append(200 + i / 100).append("\"} ").append(i * 7 + 0.5).append('\n');
        }
        body = sb.toString().getBytes(StandardCharsets.UTF_8);
        config = ConfigLoader.load("""
                scrape_configs:
                  - job_name: bench
                    metric_relabel_configs:
                      - {source_labels: [__name__], regex: 'go_.*', action: drop}
                """, "bench.yml", Path.of("."), k -> null).scrapeConfig("bench");
        metricRelabel = new RelabelRules(config.metricRelabelConfigs());
        warm = newTarget();
        warm.ingest(body, body.length, TEXT, null, t, System.nanoTime());
    }

    private TargetIngester newTarget() {
        return new TargetIngester(Labels.of("job", "bench", "instance", "10.0.0.1:9100"), config, metricRelabel,
                storage, r -> { });
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public TargetIngester.Outcome warm() {
        t += 15_000;
        return warm.ingest(body, body.length, TEXT, null, t, System.nanoTime());
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public TargetIngester.Outcome cold() {
        t += 15_000;
        return newTarget().ingest(body, body.length, TEXT, null, t, System.nanoTime());
    }

    /** A storage that accepts everything and returns stable refs; no samples are kept. */
    public static final class RefOnlyStorage implements Storage {
        private final java.util.concurrent.atomic.AtomicLong nextRef = new java.util.concurrent.atomic.AtomicLong(1);

        @Override
        public Appender appender() {
            return new Appender() {
                @Override
                public long append(long ref, Labels labels, long ts, double v) {
                    return ref != 0 ? ref : nextRef.getAndIncrement();
                }

                @Override
                public void commit() {
                }

                @Override
                public void rollback() {
                }
            };
        }

        @Override
        public long minTime() {
            return Long.MAX_VALUE;
        }

        @Override
        public Querier querier(long mint, long maxt) {
            return new Querier() {
                @Override
                public SeriesSet select(boolean sorted, org.osprey.tsdb.SelectHints hints, LabelMatcher... matchers) {
                    return SeriesSet.EMPTY;
                }

                @Override
                public List<String> labelValues(String name, LabelMatcher... matchers) {
                    return List.of();
                }

                @Override
                public List<String> labelNames(LabelMatcher... matchers) {
                    return List.of();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
