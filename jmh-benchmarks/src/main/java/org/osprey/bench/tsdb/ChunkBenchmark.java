package org.osprey.bench.tsdb;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.osprey.tsdb.chunkenc.XorChunkWriter;
import org.osprey.tsdb.chunkenc.XorIterator;

/** Gorilla chunk encode and decode of a 120-sample chunk of a scraped counter; score is samples/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ChunkBenchmark {
    private static final int N = 120;
    private final long[] ts = new long[N];
    private final double[] vs = new double[N];
    private MemorySegment encoded;
    private final XorIterator it = new XorIterator();

    @Setup
    public void setup() {
        java.util.Random r = new java.util.Random(42);
        double v = 1000;
        for (int i = 0; i < N; i++) {
            ts[i] = 1_700_000_000_000L + i * 15_000L + r.nextInt(5); // scrape jitter
            v += r.nextInt(20);
            vs[i] = v;
        }
        encoded = MemorySegment.ofArray(encode().toBytes());
    }

    private XorChunkWriter encode() {
        XorChunkWriter w = new XorChunkWriter();
        for (int i = 0; i < N; i++) {
            w.append(ts[i], vs[i]);
        }
        return w;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int encodeChunk() {
        return encode().sizeBytes();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void decodeChunk(Blackhole bh) {
        it.reset(encoded, 0);
        while (it.next()) {
            bh.consume(it.atT());
            bh.consume(it.at());
        }
    }
}
