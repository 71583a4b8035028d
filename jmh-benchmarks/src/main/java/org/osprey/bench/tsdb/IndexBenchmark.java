package org.osprey.bench.tsdb;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;
import org.osprey.tsdb.head.Head;
import org.osprey.tsdb.head.MemSeries;
import org.osprey.tsdb.index.Postings;
import org.osprey.tsdb.index.PostingsForMatchers;

/**
 * Postings intersection and series lookup by labels on a head of 100 000 series
 * (100 metrics × 1000 instances). Scores are operations per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class IndexBenchmark {
    private Tsdb db;
    private Head head;
    private Labels[] probes;
    private long[] big;
    private long[] small;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        db = Tsdb.inMemory(TsdbOptions.defaults());
        Appender a = db.appender();
        for (int m = 0; m < 100; m++) {
            for (int i = 0; i < 1000; i++) {
                a.append(0, Labels.of("__name__", "metric_" + m, "instance", "host-" + i, "job", i % 2 == 0 ? "api" : "web"), 1000, 1);
            }
        }
        a.commit();
        java.lang.reflect.Field f = Tsdb.class.getDeclaredField("head");
        f.setAccessible(true);
        head = (Head) f.get(db);
        probes = new Labels[1024];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < probes.length; i++) {
            probes[i] = Labels.of("__name__", "metric_" + r.nextInt(100), "instance", "host-" + r.nextInt(1000), "job", "api");
        }
        big = head.postings().postings("job", "api"); // 50 000
        small = head.postings().postings("__name__", "metric_7"); // 1 000
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    public long[] intersect50kWith1k() {
        return Postings.intersect(big, small);
    }

    @Benchmark
    public long[] resolveNameAndJob() {
        return PostingsForMatchers.resolve(head.postings(), LabelMatcher.equal("__name__", "metric_42"), LabelMatcher.equal("job", "web"));
    }

    @Benchmark
    public MemSeries seriesLookupByLabels() {
        return head.series(probes[next++ & 1023]);
    }
}
