package org.osprey.bench.promql;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.osprey.promql.Engine;
import org.osprey.promql.EngineOptions;
import org.osprey.promql.value.Value;
import org.osprey.tsdb.Storage;

/**
 * PromQL evaluation over 10 k series x 1 h at 15 s: instant queries at the end of the hour and
 * range queries over the hour with 1,000 steps (3.6 s step).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class QueryBenchmark {
    @Param({"rate(http_request_duration_seconds_bucket[5m])",
            "sum by (job) (rate(http_request_duration_seconds_bucket[5m]))",
            "histogram_quantile(0.9, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))",
            "topk(10, rate(http_request_duration_seconds_bucket[5m]))"})
    public String query;

    private Storage storage;
    private Engine engine;

    @Setup(Level.Trial)
    public void setUp() {
        storage = BenchData.load();
        engine = new Engine(EngineOptions.defaults().withMaxSamples(500_000_000L));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        storage.close();
    }

    @Benchmark
    public Value instant() {
        return engine.instantQuery(storage, query, BenchData.HOUR).execute().value();
    }

    @Benchmark
    public Value range1kSteps() {
        return engine.rangeQuery(storage, query, 0, BenchData.HOUR, BenchData.HOUR / 1000).execute().value();
    }
}
