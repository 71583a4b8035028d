package org.osprey.bench.tsdb;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;

/**
 * Appending to existing series by ref, one commit per 1000 samples (a scrape of a 1000-series
 * target). Score is operations per second where one operation is one sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AppendBenchmark {
    private static final int SERIES = 1000;
    private Tsdb db;
    private long[] refs;
    private long t;

    @Setup(Level.Trial)
    public void setup() {
        db = Tsdb.inMemory(TsdbOptions.defaults());
        refs = new long[SERIES];
        Appender a = db.appender();
        for (int i = 0; i < SERIES; i++) {
            refs[i] = a.append(0, Labels.of("__name__", "http_requests_total", "instance", "host-" + i, "job", "api"), 0, i);
        }
        a.commit();
        t = 15_000;
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void appendByRef() {
        Appender a = db.appender();
        long ts = t;
        for (int i = 0; i < SERIES; i++) {
            a.append(refs[i], null, ts, ts * 0.001 + i);
        }
        a.commit();
        t += 15_000;
    }
}
