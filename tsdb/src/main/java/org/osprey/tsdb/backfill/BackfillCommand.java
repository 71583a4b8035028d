package org.osprey.tsdb.backfill;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.PromDuration;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.TsdbCounters;
import org.osprey.tsdb.TsdbOptions;
import org.osprey.tsdb.block.BlockMeta;
import org.osprey.tsdb.block.BlockWriter;
import org.osprey.tsdb.head.FullChunkStore;
import org.osprey.tsdb.head.Head;

/**
 * {@code osprey tsdb create-blocks-from openmetrics FILE [DATA_DIR]}: writes blocks from an
 * OpenMetrics file, as {@code promtool tsdb create-blocks-from openmetrics} does. The file is
 * read once to find its time range, then once per block window, so memory holds one window's
 * series at a time. Flags: {@code --max-block-duration=2h}, {@code --quiet} / {@code -q},
 * {@code --human-readable} / {@code -r}. Thread-safe: stateless.
 */
public final class BackfillCommand {
    private BackfillCommand() {
    }

    /** Command-line entry for scripts: exits with {@link #run}'s code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command; {@code args} may start with "tsdb".
     *
     * @return 0 on success, 1 on a data or I/O error, 2 on a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int i = 0;
        if (i < args.length && args[i].equals("tsdb")) {
            i++;
        }
        long maxBlock = TsdbOptions.DEFAULT_BLOCK_RANGE;
        boolean quiet = false;
        boolean human = false;
        List<String> pos = new java.util.ArrayList<>();
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.equals("-r") || a.equals("--human-readable")) {
                human = true;
            } else if (a.startsWith("--max-block-duration")) {
                String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : "");
                try {
                    maxBlock = parseDuration(v);
                } catch (IllegalArgumentException e) {
                    err.println("Error: invalid --max-block-duration \"" + v + "\": " + e.getMessage());
                    return 2;
                }
            } else {
                pos.add(a);
            }
        }
        // The osprey launcher strips the words "tsdb create-blocks-from openmetrics" before calling;
        // direct callers (scripts, tests) may still pass them.
        if (!pos.isEmpty() && pos.get(0).equals("create-blocks-from")) {
            pos = pos.size() >= 2 && pos.get(1).equals("openmetrics") ? pos.subList(2, pos.size()) : List.of();
        } else if (args.length > 0 && args[0].equals("tsdb")) {
            pos = List.of();
        }
        if (pos.isEmpty()) {
            err.println("usage: osprey tsdb create-blocks-from openmetrics [--max-block-duration=2h] [--quiet] [--human-readable] <input file> [<output directory>]");
            return 2;
        }
        Path input = Path.of(pos.get(0));
        Path output = Path.of(pos.size() > 1 ? pos.get(1) : "data/");
        try {
            return create(input, output, maxBlock, quiet, human, out, err);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + input + ": " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** The flag's value in ms: a Prometheus duration, and positive since a block must span time. */
    static long parseDuration(String s) {
        long ms = PromDuration.parseMillis(s);
        if (ms <= 0) {
            throw new IllegalArgumentException("duration must be positive");
        }
        return ms;
    }

    private static int create(Path input, Path output, long blockDuration, boolean quiet, boolean human, PrintStream out, PrintStream err) throws IOException {
        if (!Files.isReadable(input)) {
            throw new IOException("cannot read input file " + input);
        }
        long mint = Long.MAX_VALUE;
        long maxt = Long.MIN_VALUE;
        long count = 0;
        try (OpenMetricsLines r = new OpenMetricsLines(input)) {
            while (r.next()) {
                mint = Math.min(mint, r.timestampMillis());
                maxt = Math.max(maxt, r.timestampMillis());
                count++;
            }
            if (!r.sawEof()) {
                throw new IllegalArgumentException("data does not end with # EOF");
            }
        }
        if (count == 0) {
            err.println("no samples in " + input + "; no blocks written");
            return 0;
        }
        Files.createDirectories(output);
        if (!quiet) {
            out.println("BLOCK ULID\tMIN TIME\tMAX TIME\tDURATION\tNUM SAMPLES\tNUM CHUNKS\tNUM SERIES\tSIZE");
        }
        long totalSamples = 0;
        int blocks = 0;
        long start = Math.floorDiv(mint, blockDuration) * blockDuration;
        for (long from = start; from <= maxt; from += blockDuration) {
            long to = from + blockDuration;
            TsdbOptions opts = TsdbOptions.defaults().withBlockRange(blockDuration).withWal(false, false).withOutOfOrderWindow(blockDuration);
            TsdbCounters counters = new TsdbCounters();
            Head head = new Head(opts, counters, FullChunkStore.HEAP);
            Appender app = head.appender();
            int inBatch = 0;
            try (OpenMetricsLines r = new OpenMetricsLines(input)) {
                while (r.next()) {
                    long t = r.timestampMillis();
                    if (t < from || t >= to) {
                        continue;
                    }
                    Labels l = r.labels();
                    try {
                        app.append(0, l, t, r.value());
                    } catch (SampleRejectedException e) {
                        throw new IllegalArgumentException("line " + r.lineNumber() + ": " + e.getMessage() + " for series " + l);
                    }
                    if (++inBatch >= 5000) {
                        app.commit();
                        app = head.appender();
                        inBatch = 0;
                    }
                }
            }
            app.commit();
            BlockMeta meta = BlockWriter.writeMerged(List.of(head), from, to, 1, List.of(), output, opts.samplesPerChunk());
            if (meta == null) {
                continue;
            }
            blocks++;
            totalSamples += meta.numSamples();
            if (!quiet) {
                long size = dirSize(output.resolve(meta.ulid()));
                out.println(meta.ulid() + "\t" + meta.minTime() + "\t" + meta.maxTime() + "\t"
                        + (human ? Duration.ofMillis(meta.maxTime() - meta.minTime()).toString().substring(2).toLowerCase() : Long.toString(meta.maxTime() - meta.minTime()))
                        + "\t" + meta.numSamples() + "\t" + meta.numChunks() + "\t" + meta.numSeries() + "\t"
                        + (human ? humanBytes(size) : Long.toString(size)));
            }
        }
        if (!quiet) {
            out.println("wrote " + blocks + " blocks with " + totalSamples + " samples to " + output);
        }
        return 0;
    }

    private static long dirSize(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String humanBytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format("%.1f %s", v, units[u]);
    }
}
