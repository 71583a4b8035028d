package org.osprey.bench.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.osprey.model.textparse.Entry;
import org.osprey.model.textparse.ExpositionFormats;
import org.osprey.model.textparse.ExpositionParser;
import org.osprey.model.textparse.ParserOptions;

/**
 * Throughput of the exposition parsers over Prometheus's own parser benchmark inputs
 * (../shared/exposition-tests/prometheus-textparse). "cacheHit" reads what a scrape needs for a
 * series already in its cache (raw series bytes, value, timestamp); "cacheMiss" also builds the
 * Labels. The folder is taken from -Dosprey.shared (default ../shared). Thread-safety: JMH
 * state per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextParserBenchmark {
    /**
     * Input and mode: the 237-family text file in scrape and strict mode, the OpenMetrics file in
     * scrape mode (strict OpenMetrics rejects it: the Go client writes _sum with negative buckets).
     */
    @Param({"alltypes.237mfs.prom.txt:scrape", "alltypes.237mfs.prom.txt:strict", "alltypes.5mfs.om.txt:scrape"})
    public String input;

    private byte[] body;
    private String contentType;
    private ParserOptions options;

    @Setup(Level.Trial)
    public void load() {
        String file = input.substring(0, input.indexOf(':'));
        String mode = input.substring(input.indexOf(':') + 1);
        Path p = Path.of(System.getProperty("osprey.shared", "../shared"), "exposition-tests", "prometheus-textparse", file);
        try {
            body = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark input missing: " + p.toAbsolutePath(), e);
        }
        contentType = file.endsWith(".om.txt") ? ExpositionFormats.OPENMETRICS_CONTENT_TYPE : ExpositionFormats.TEXT_CONTENT_TYPE;
        options = mode.equals("strict") ? ParserOptions.STRICT : ParserOptions.SCRAPE;
    }

    @Benchmark
    public int cacheHit(Blackhole bh) {
        ExpositionParser p = ExpositionFormats.parserFor(contentType, body, 0, body.length, options);
        int series = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                bh.consume(p.seriesStart());
                bh.consume(p.seriesEnd());
                bh.consume(p.value());
                if (p.hasTimestamp()) {
                    bh.consume(p.timestampMillis());
                }
                series++;
            }
        }
        return series;
    }

    @Benchmark
    public int cacheMiss(Blackhole bh) {
        ExpositionParser p = ExpositionFormats.parserFor(contentType, body, 0, body.length, options);
        int series = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                bh.consume(p.labels());
                bh.consume(p.value());
                series++;
            }
        }
        return series;
    }
}
