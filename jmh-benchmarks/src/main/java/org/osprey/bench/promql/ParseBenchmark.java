package org.osprey.bench.promql;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.PromqlParser;

/** Parse (and type-check) time of typical dashboard and alerting expressions. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ParseBenchmark {
    @Param({"up",
            "sum by (job) (rate(http_requests_total{job=~\"api.*\", code!=\"500\"}[5m]))",
            "histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5",
            "(a / on (instance) group_left (version) b) * 100 unless c offset 1h or absent_over_time(d[10m:1m] @ end())"})
    public String query;

    @Benchmark
    public Expr parse() {
        return PromqlParser.parse(query);
    }
}
