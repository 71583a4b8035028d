package org.osprey.tsdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.block.Block;
import org.osprey.tsdb.block.BlockMeta;
import org.osprey.tsdb.block.BlockWriter;
import org.osprey.tsdb.block.CompactionPlanner;
import org.osprey.tsdb.block.CorruptBlockException;
import org.osprey.tsdb.block.Ulid;
import org.osprey.tsdb.head.FullChunkStore;
import org.osprey.tsdb.head.Head;
import org.osprey.tsdb.head.HeadSnapshot;
import org.osprey.tsdb.head.MappedChunkFiles;
import org.osprey.tsdb.query.ChunkSource;
import org.osprey.tsdb.query.MergedQuerier;
import org.osprey.tsdb.wal.Wal;

/**
 * The storage engine: an in-memory head with a WAL and memory-mapped full chunks, persisted
 * blocks, compaction, retention, tombstones and snapshots, behind the {@link Storage} SPI. Open
 * with {@link #open(Path, TsdbOptions)}. Thread-safe: appends and queries run concurrently;
 * compaction, retention and deletion are serialized on one background thread or lock.
 */
public final class Tsdb implements Storage {
    private static final Logger LOG = Logger.getLogger(Tsdb.class.getName());
    private static final long HEAD_CHUNK_FILE_BYTES = 128L << 20;

    private final Path dir;
    private final TsdbOptions opts;
    private final TsdbCounters counters = new TsdbCounters();
    private final Head head;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Wal wal;
    private final MappedChunkFiles headChunks;
    private final long[] ranges;
    private final Object compactLock = new Object();
    private final AtomicBoolean compactionQueued = new AtomicBoolean();
    private final ExecutorService compactor;
    private volatile List<Block> blocks = List.of();
    private volatile long lastCompactionNanos = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    private volatile boolean closed;
    private final Thread shutdownHook;
    private final java.util.concurrent.CountDownLatch closeDone = new java.util.concurrent.CountDownLatch(1);

    private Tsdb(Path dir, TsdbOptions opts) throws IOException {
        this.dir = dir;
        this.opts = opts;
        long maxRange = opts.retentionMillis() > 0 ? Math.min(opts.retentionMillis() / 10, 31L * 24 * 3600_000) : 31L * 24 * 3600_000;
        this.ranges = CompactionPlanner.ranges(opts.blockRangeMillis(), maxRange);
        if (dir == null) {
            lockChannel = null;
            lock = null;
            head = new Head(opts, counters, FullChunkStore.HEAP);
            wal = null;
            headChunks = null;
            compactor = null;
            shutdownHook = null;
            return;
        }
        ensureWritableDir(dir);
        lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null; // held by this very process
        } catch (IOException e) {
            lockChannel.close();
            throw e;
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("data directory " + dir + " is locked by another process (file " + dir.resolve("lock") + ")");
        }
        lock = l;
        try {
            headChunks = new MappedChunkFiles(dir.resolve("chunks_head"), HEAD_CHUNK_FILE_BYTES);
            head = new Head(opts, counters, headChunks);
            long start = System.nanoTime();
            loadBlocks();
            long minValid = Long.MIN_VALUE;
            for (Block b : blocks) {
                minValid = Math.max(minValid, b.meta().maxTime());
            }
            head.setMinValidTime(minValid);
            LOG.info("loaded " + blocks.size() + " blocks in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            int covered = opts.walEnabled() ? HeadSnapshot.restore(dir, head, headChunks) : -1;
            headChunks.deleteUnadopted();
            if (opts.walEnabled()) {
                wal = Wal.open(dir.resolve("wal"), head, counters, opts.walSegmentBytes(), minValid, covered);
                head.setLog(wal);
            } else {
                wal = null;
            }
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw e;
        }
        compactor = opts.compactionEnabled() ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "osprey-tsdb-compactor");
            t.setDaemon(true);
            return t;
        }) : null;
        Wal w = wal;
        boolean fsync = w != null && opts.walFsyncPerCommit();
        head.setAfterCommit(() -> {
            if (fsync) {
                w.sync();
            }
            maybeScheduleCompaction();
        });
        maybeScheduleCompaction();
        // A process stopped by SIGTERM whose owner does not wait for close() still gets its WAL
        // forced and the head snapshot written.
        shutdownHook = new Thread(this::close, "osprey-tsdb-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Opens (creating if needed) the storage in {@code dir}: loads blocks (quarantining corrupt
     * ones), replays the WAL, and starts background compaction.
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

    /** A storage with no directory: head only, nothing persisted, no compaction. */
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

    // ------------------------------------------------------------------ blocks

    private void loadBlocks() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.endsWith(".tmp") && Files.isDirectory(p)) {
                    Block.deleteTree(p); // a block write that did not finish
                } else if (Ulid.looksLikeUlid(name) && Files.isDirectory(p)) {
                    dirs.add(p);
                }
            }
        }
        List<Block> loaded = new ArrayList<>();
        for (Path p : dirs) {
            try {
                loaded.add(Block.open(p));
            } catch (CorruptBlockException e) {
                quarantine(p, e.getMessage());
            }
        }
        // A crash between writing a compacted block and deleting its sources leaves both; the
        // block whose sources another block covers (and exceeds) is redundant.
        List<Block> keep = new ArrayList<>();
        for (Block b : loaded) {
            boolean redundant = false;
            for (Block c : loaded) {
                if (c != b && c.meta().sources().size() > b.meta().sources().size()
                        && new HashSet<>(c.meta().sources()).containsAll(b.meta().sources())) {
                    redundant = true;
                    break;
                }
            }
            if (redundant) {
                LOG.info("removing block " + b.meta().ulid() + ": already merged into a compacted block");
                Block.deleteTree(b.dir());
            } else {
                keep.add(b);
            }
        }
        keep.sort(Comparator.comparingLong(Block::minTime));
        blocks = List.copyOf(keep);
    }

    private void quarantine(Path p, String why) throws IOException {
        Path q = dir.resolve("quarantine");
        Files.createDirectories(q);
        Path target = q.resolve(p.getFileName());
        Block.deleteTree(target);
        Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
        counters.blockQuarantined();
        LOG.severe("block " + p.getFileName() + " is corrupt (" + why + "); moved to " + target
                + "; its samples are no longer served, all other data stays queryable");
    }

    /** Loaded blocks, oldest first. */
    public List<BlockMeta> blocks() {
        List<BlockMeta> out = new ArrayList<>();
        for (Block b : blocks) {
            out.add(b.meta());
        }
        return out;
    }

    private void maybeScheduleCompaction() {
        if (compactor == null || closed) {
            return;
        }
        long mn = head.minTime();
        long mx = head.maxTime();
        boolean headDue = mn != Long.MAX_VALUE && mx - mn > opts.blockRangeMillis() / 2 * 3;
        // Block merges and retention do not depend on appends: a pass a minute is enough.
        boolean periodicDue = System.nanoTime() - lastCompactionNanos > TimeUnit.MINUTES.toNanos(1);
        if ((headDue || periodicDue) && compactionQueued.compareAndSet(false, true)) {
            try {
                compactor.execute(() -> {
                    compactionQueued.set(false);
                    try {
                        compact();
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "compaction failed", e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                compactionQueued.set(false);
            }
        }
    }

    /**
     * Persists due head ranges as blocks, merges blocks, applies retention. Runs in the
     * background after commits; callable directly (tests, admin).
     */
    public void compact() {
        if (dir == null) {
            return;
        }
        synchronized (compactLock) {
            if (closed) {
                return;
            }
            try {
                lastCompactionNanos = System.nanoTime();
                compactHead();
                compactBlocks();
                applyRetention();
            } catch (IOException e) {
                counters.compaction(false);
                throw new UncheckedIOException("compaction in " + dir + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void compactHead() throws IOException {
        long range = opts.blockRangeMillis();
        while (true) {
            long mn = head.minTime();
            long mx = head.maxTime();
            if (mn == Long.MAX_VALUE || mx - mn <= range / 2 * 3) {
                return;
            }
            long bmin = Math.floorDiv(mn, range) * range;
            long bmax = bmin + range;
            long start = System.nanoTime();
            BlockMeta meta = writeBlock(List.of(head), bmin, bmax, 1, List.of(), dir);
            if (meta != null) {
                addBlock(Block.open(dir.resolve(meta.ulid())));
                LOG.info(String.format("write block ulid=%s mint=%d maxt=%d series=%d samples=%d duration=%dms", meta.ulid(), bmin, bmax,
                        meta.numSeries(), meta.numSamples(), (System.nanoTime() - start) / 1_000_000));
            }
            counters.compaction(true);
            head.truncate(bmax);
            headChunks.truncateBefore(bmax);
            if (wal != null) {
                wal.checkpoint(bmax, ref -> head.series(ref) != null);
            }
        }
    }

    private synchronized void addBlock(Block b) {
        List<Block> next = new ArrayList<>(blocks);
        next.add(b);
        next.sort(Comparator.comparingLong(Block::minTime));
        blocks = List.copyOf(next);
    }

    private synchronized void removeBlocks(List<Block> gone) throws IOException {
        List<Block> next = new ArrayList<>(blocks);
        next.removeAll(gone);
        blocks = List.copyOf(next);
        for (Block b : gone) {
            // Queriers still reading keep their mappings (GC-managed), so the files can go now.
            Block.deleteTree(b.dir());
        }
    }

    private BlockMeta writeBlock(List<ChunkSource> sources, long mint, long maxt, int level, List<String> parents, Path into) throws IOException {
        return BlockWriter.writeMerged(sources, mint, maxt, level, parents, into, opts.samplesPerChunk());
    }

    private void compactBlocks() throws IOException {
        while (true) {
            List<Block> current = blocks;
            List<BlockMeta> metas = new ArrayList<>();
            for (Block b : current) {
                metas.add(b.meta());
            }
            List<BlockMeta> group = CompactionPlanner.plan(metas, ranges);
            if (group.isEmpty()) {
                return;
            }
            List<Block> parts = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            long mint = Long.MAX_VALUE;
            long maxt = Long.MIN_VALUE;
            int level = 0;
            for (BlockMeta m : group) {
                for (Block b : current) {
                    if (b.meta() == m) {
                        parts.add(b);
                    }
                }
                sources.addAll(m.sources());
                mint = Math.min(mint, m.minTime());
                maxt = Math.max(maxt, m.maxTime());
                level = Math.max(level, m.level());
            }
            long start = System.nanoTime();
            BlockMeta meta = writeBlock(new ArrayList<>(parts), mint, maxt, level + 1, sources, dir);
            if (meta != null) {
                addBlock(Block.open(dir.resolve(meta.ulid())));
            }
            removeBlocks(parts);
            counters.compaction(true);
            LOG.info(String.format("compact blocks count=%d mint=%d maxt=%d into=%s duration=%dms", parts.size(), mint, maxt,
                    meta == null ? "(empty)" : meta.ulid(), (System.nanoTime() - start) / 1_000_000));
        }
    }

    private void applyRetention() throws IOException {
        List<Block> current = blocks;
        if (current.isEmpty()) {
            return;
        }
        List<Block> gone = new ArrayList<>();
        if (opts.retentionMillis() > 0) {
            long newest = Long.MIN_VALUE;
            for (Block b : current) {
                newest = Math.max(newest, b.meta().maxTime());
            }
            for (Block b : current) {
                if (newest - b.meta().maxTime() > opts.retentionMillis()) {
                    gone.add(b);
                    counters.retentionDeletion(false);
                    LOG.info("retention: deleting block " + b.meta().ulid() + " older than " + opts.retentionMillis() + " ms");
                }
            }
        }
        if (opts.retentionBytes() > 0) {
            long total = walBytes() + (headChunks == null ? 0 : headChunks.bytesUsed());
            for (Block b : current) {
                if (!gone.contains(b)) {
                    total += b.sizeBytes();
                }
            }
            for (Block b : current) { // oldest first
                if (total <= opts.retentionBytes()) {
                    break;
                }
                if (!gone.contains(b)) {
                    gone.add(b);
                    total -= b.sizeBytes();
                    counters.retentionDeletion(true);
                    LOG.info("retention: deleting block " + b.meta().ulid() + " to stay within " + opts.retentionBytes() + " bytes");
                }
            }
        }
        if (!gone.isEmpty()) {
            removeBlocks(gone);
        }
    }

    private long walBytes() {
        if (wal == null) {
            return 0;
        }
        long[] n = new long[1];
        try (var s = Files.walk(wal.dir())) {
            s.filter(Files::isRegularFile).forEach(p -> n[0] += p.toFile().length());
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
        return n[0];
    }

    // ------------------------------------------------------------------ Storage

    @Override
    public Appender appender() {
        checkOpen();
        return head.appender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        checkOpen();
        List<ChunkSource> sources = new ArrayList<>();
        for (Block b : blocks) {
            if (b.maxTime() >= mint && b.minTime() <= maxt) {
                sources.add(b);
            }
        }
        sources.add(head);
        return new MergedQuerier(sources, mint, maxt);
    }

    @Override
    public long minTime() {
        List<Block> bs = blocks;
        long m = head.minTime();
        if (!bs.isEmpty()) {
            m = Math.min(m, bs.get(0).minTime());
        }
        return m;
    }

    /** Highest timestamp held, or Long.MIN_VALUE when empty. */
    public long maxTime() {
        long m = head.maxTime();
        for (Block b : blocks) {
            m = Math.max(m, b.maxTime());
        }
        return m;
    }

    /**
     * Deletes samples of matching series in [mint, maxt] (tombstones in blocks and head); the
     * space is reclaimed by compaction or {@link #cleanTombstones()}.
     *
     * @return number of series hit (head and blocks, counted per source)
     */
    public int delete(long mint, long maxt, LabelMatcher... matchers) {
        checkOpen();
        synchronized (compactLock) {
            int n = head.delete(mint, maxt, matchers);
            try {
                for (Block b : blocks) {
                    n += b.delete(mint, maxt, matchers);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing tombstones failed: " + e.getMessage(), e);
            }
            return n;
        }
    }

    /** Rewrites blocks that carry tombstones without the deleted data. */
    public void cleanTombstones() {
        checkOpen();
        synchronized (compactLock) {
            try {
                for (Block b : blocks) {
                    if (b.hasTombstones()) {
                        BlockMeta m = b.meta();
                        BlockMeta nm = writeBlock(List.of(b), m.minTime(), m.maxTime(), m.level(), m.sources(), dir);
                        if (nm != null) {
                            addBlock(Block.open(dir.resolve(nm.ulid())));
                        }
                        removeBlocks(List.of(b));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cleaning tombstones failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Writes a snapshot into {@code target}: hard links of every block (no copying) and, unless
     * {@code skipHead}, the head's current data as one more block.
     */
    public void snapshot(Path target, boolean skipHead) {
        checkOpen();
        synchronized (compactLock) {
            try {
                Files.createDirectories(target);
                for (Block b : blocks) {
                    b.snapshotTo(target);
                }
                long mn = head.minTime();
                long mx = head.maxTime();
                if (!skipHead && mn != Long.MAX_VALUE) {
                    writeBlock(List.of(head), mn, mx + 1, 1, List.of(), target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("snapshot to " + target + " failed: " + e.getMessage(), e);
            }
        }
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
        List<Block> bs = blocks;
        long bytes = 0;
        for (Block b : bs) {
            bytes += b.sizeBytes();
        }
        v.metric("osprey_tsdb_blocks_loaded", "Number of currently loaded data blocks", "gauge", none, bs.size());
        v.metric("osprey_tsdb_storage_blocks_bytes", "The number of bytes that are currently used for local storage by all blocks.", "gauge", none, bytes);
        long lowest = minTime();
        v.metric("osprey_tsdb_lowest_timestamp", "Lowest timestamp value stored in the database.", "gauge", none, lowest == Long.MAX_VALUE ? 0 : lowest);
        v.metric("osprey_tsdb_head_chunks_storage_size_bytes", "Size of the chunks_head directory.", "gauge", none,
                headChunks == null ? 0 : headChunks.bytesUsed());
        v.metric("osprey_tsdb_retention_limit_bytes", "Max number of bytes to be retained in the tsdb blocks, configured 0 means disabled", "gauge", none,
                opts.retentionBytes());
        counters.visit(v);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
    }

    @Override
    public void close() {
        boolean closedElsewhere;
        synchronized (this) {
            closedElsewhere = closed;
            closed = true;
        }
        if (closedElsewhere) {
            if (Thread.currentThread() == shutdownHook) {
                awaitClosed(); // the JVM must not halt while another thread is still closing
            }
            return;
        }
        try {
            doClose();
        } finally {
            closeDone.countDown();
        }
    }

    private void awaitClosed() {
        try {
            closeDone.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void doClose() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook may be running this close concurrently
            }
        }
        if (compactor != null) {
            compactor.shutdown();
            try {
                compactor.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (compactLock) {
            if (wal != null) {
                // Under the commit lock: no batch is half applied while the snapshot reads the head.
                head.runExclusive(() -> {
                    wal.close();
                    try {
                        headChunks.force();
                        HeadSnapshot.write(dir, head, headChunks, wal.currentSegment());
                    } catch (IOException | RuntimeException e) {
                        // Not fatal: the next start replays the WAL, which is complete.
                        LOG.warning("head snapshot at shutdown failed (" + e.getMessage() + "); the next start replays the WAL");
                        try {
                            Files.deleteIfExists(dir.resolve(HeadSnapshot.FILE + ".tmp"));
                        } catch (IOException ignored) {
                            // best effort
                        }
                    }
                });
            }
            releaseLock();
        }
    }
}
