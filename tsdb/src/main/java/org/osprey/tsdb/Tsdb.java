package org.osprey.tsdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.head.FullChunkStore;
import org.osprey.tsdb.head.Head;
import org.osprey.tsdb.query.ChunkSource;
import org.osprey.tsdb.query.MergedQuerier;
import org.osprey.tsdb.wal.Wal;

/**
 * The storage engine: an in-memory head with a WAL, persisted blocks, compaction and retention,
 * behind the {@link Storage} SPI. Open with {@link #open(Path, TsdbOptions)}. Thread-safe.
 */
public final class Tsdb implements Storage {
    private static final Logger LOG = Logger.getLogger(Tsdb.class.getName());

    private final Path dir;
    private final TsdbOptions opts;
    private final TsdbCounters counters = new TsdbCounters();
    private final Head head;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Wal wal;
    private volatile boolean closed;

    private Tsdb(Path dir, TsdbOptions opts) throws IOException {
        this.dir = dir;
        this.opts = opts;
        this.head = new Head(opts, counters, FullChunkStore.HEAP);
        if (dir != null) {
            ensureWritableDir(dir);
            lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (IOException e) {
                lockChannel.close();
                throw e;
            }
            if (l == null) {
                lockChannel.close();
                throw new IOException("data directory " + dir + " is locked by another process (file " + dir.resolve("lock") + ")");
            }
            lock = l;
        } else {
            lockChannel = null;
            lock = null;
        }
        Wal w = null;
        try {
            if (dir != null && opts.walEnabled()) {
                w = Wal.open(dir.resolve("wal"), head, counters, opts.walSegmentBytes(), Long.MIN_VALUE);
                head.setLog(w);
                if (opts.walFsyncPerCommit()) {
                    Wal synced = w;
                    head.setAfterCommit(synced::sync);
                }
            }
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw e;
        }
        wal = w;
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.warning("releasing lock of " + dir + ": " + e);
        }
    }

    /**
     * Opens (creating if needed) the storage in {@code dir}: replays the WAL, loads blocks.
     *
     * @throws UncheckedIOException with a message naming the directory when it cannot be created,
     *                              written, or is locked by another process
     */
    public static Tsdb open(Path dir, TsdbOptions opts) {
        try {
            return new Tsdb(dir, opts);
        } catch (IOException e) {
            throw new UncheckedIOException("opening storage in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** A storage with no directory: head only, nothing persisted. */
    public static Tsdb inMemory(TsdbOptions opts) {
        return open(null, opts.withWal(false, false));
    }

    static void ensureWritableDir(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create data directory " + dir + ": " + e, e);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("data directory " + dir + " is not a directory");
        }
        Path probe = dir.resolve(".osprey-write-probe");
        try {
            Files.deleteIfExists(probe);
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("data directory " + dir + " is not writable: " + e, e);
        }
    }

    @Override
    public Appender appender() {
        checkOpen();
        return head.appender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        checkOpen();
        List<ChunkSource> sources = new ArrayList<>();
        sources.add(head);
        return new MergedQuerier(sources, mint, maxt);
    }

    @Override
    public long minTime() {
        return head.minTime();
    }

    /** Highest timestamp held, or Long.MIN_VALUE when empty. */
    public long maxTime() {
        return head.maxTime();
    }

    /** Marks samples of matching series in [mint, maxt] deleted; returns the number of head series hit. */
    public int delete(long mint, long maxt, LabelMatcher... matchers) {
        checkOpen();
        return head.delete(mint, maxt, matchers);
    }

    public long headSeries() {
        return head.numSeries();
    }

    public long headMinTime() {
        return head.minTime();
    }

    public long headMaxTime() {
        return head.maxTime();
    }

    /** Head cardinality statistics for {@code /api/v1/status/tsdb}. */
    public TsdbStatus status(int limit) {
        return head.status(limit);
    }

    public TsdbCounters counters() {
        return counters;
    }

    public TsdbOptions options() {
        return opts;
    }

    public Path dir() {
        return dir;
    }

    /** Visits every own metric (counters and live gauges) for {@code /metrics}. */
    public void forEachMetric(MetricVisitor v) {
        Labels none = Labels.EMPTY;
        v.metric("osprey_tsdb_head_series", "Total number of series in the head block.", "gauge", none, head.numSeries());
        long mn = head.minTime();
        long mx = head.maxTime();
        v.metric("osprey_tsdb_head_min_time", "Minimum time bound of the head block.", "gauge", none, mn == Long.MAX_VALUE ? 0 : mn);
        v.metric("osprey_tsdb_head_max_time", "Maximum timestamp of the head block.", "gauge", none, mx == Long.MIN_VALUE ? 0 : mx);
        counters.visit(v);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (wal != null) {
            wal.close();
        }
        releaseLock();
    }
}
