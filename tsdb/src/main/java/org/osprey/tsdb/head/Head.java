package org.osprey.tsdb.head;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.TsdbCounters;
import org.osprey.tsdb.TsdbOptions;
import org.osprey.tsdb.TsdbStatus;
import org.osprey.tsdb.chunkenc.ChunkMeta;
import org.osprey.tsdb.index.IndexReader;
import org.osprey.tsdb.index.MemPostings;
import org.osprey.tsdb.index.PostingsForMatchers;
import org.osprey.tsdb.query.ChunkSeries;
import org.osprey.tsdb.query.ChunkSource;

/**
 * The in-memory head block: recent samples of every active series, their inverted index, and the
 * append path. Commits are logged (WAL) and applied under one commit lock so the log order is the
 * apply order; reads take only per-series locks. Thread-safe.
 */
public final class Head implements ChunkSource {
    private final TsdbOptions opts;
    private final TsdbCounters counters;
    private final SeriesTable table = new SeriesTable();
    private final MemPostings postings = new MemPostings();
    private final AtomicLong nextRef = new AtomicLong(1);
    private final AtomicLong minT = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxT = new AtomicLong(Long.MIN_VALUE);
    private final Object commitLock = new Object();
    private volatile long minValidTime = Long.MIN_VALUE;
    private volatile FullChunkStore chunkStore;
    private volatile HeadLog log = HeadLog.NONE;
    private volatile Runnable afterCommit = () -> { };

    public Head(TsdbOptions opts, TsdbCounters counters, FullChunkStore chunkStore) {
        this.opts = opts;
        this.counters = counters;
        this.chunkStore = chunkStore;
    }

    /** Sets the log written on commit (after replay, so replay does not log again). */
    public void setLog(HeadLog log) {
        this.log = log;
    }

    /** A hook run after each commit outside the lock (sync the WAL, trigger compaction). */
    public void setAfterCommit(Runnable r) {
        this.afterCommit = r;
    }

    public Appender appender() {
        return new HeadAppender(this);
    }

    SeriesTable table() {
        return table;
    }

    public TsdbCounters counters() {
        return counters;
    }

    public MemPostings postings() {
        return postings;
    }

    long outOfOrderMinTime() {
        long w = opts.outOfOrderWindowMillis();
        if (w <= 0) {
            return Long.MAX_VALUE;
        }
        long mx = maxT.get();
        return mx == Long.MIN_VALUE ? Long.MIN_VALUE : mx - w;
    }

    long minValidTime() {
        return minValidTime;
    }

    /** Samples older than this are refused as out of bounds (they belong to persisted blocks). */
    public void setMinValidTime(long t) {
        minValidTime = t;
    }

    MemSeries getOrCreate(Labels labels, List<MemSeries> created) {
        return table.getOrCreate(labels, ref -> new MemSeries(ref, labels), nextRef::getAndIncrement, m -> {
            postings.add(m.ref, labels);
            counters.seriesCreated();
            created.add(m);
        });
    }

    /** Looks up a series by labels; null when absent. */
    public MemSeries series(Labels labels) {
        return table.get(labels);
    }

    public MemSeries series(long ref) {
        return table.byRef(ref);
    }

    void commit(List<MemSeries> created, MemSeries[] series, long[] refs, long[] ts, double[] vs, int n) {
        synchronized (commitLock) {
            for (int i = 0; i < n; i++) {
                // A truncation may have collected a series this batch created before its first
                // sample landed; bring it back so the samples stay visible.
                if (table.byRef(series[i].ref) != series[i]) {
                    MemSeries again = getOrCreate(series[i].labels, created);
                    series[i] = again;
                    refs[i] = again.ref;
                }
            }
            List<MemSeries> toLog = new ArrayList<>(created.size());
            for (MemSeries m : created) {
                if (!m.logged) {
                    m.logged = true;
                    toLog.add(m);
                }
            }
            for (int i = 0; i < n; i++) {
                MemSeries m = series[i];
                if (!m.logged) {
                    m.logged = true;
                    toLog.add(m);
                }
            }
            try {
                log.log(toLog, refs, ts, vs, n);
            } catch (RuntimeException e) {
                for (MemSeries m : toLog) {
                    m.logged = false; // their series records did not make it: log them with the next batch
                }
                throw e;
            }
            apply(series, ts, vs, n);
        }
        counters.commit();
        afterCommit.run();
    }

    private void apply(MemSeries[] series, long[] ts, double[] vs, int n) {
        int spc = opts.samplesPerChunk();
        long range = opts.blockRangeMillis();
        FullChunkStore store = chunkStore;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        int appended = 0;
        for (int i = 0; i < n; i++) {
            MemSeries s = series[i];
            long t = ts[i];
            int r = s.append(t, vs[i], spc, range, store);
            if (r == MemSeries.APPEND) {
                appended++;
            } else if (r < 0) {
                long oooMin = outOfOrderMinTime();
                if (oooMin != Long.MAX_VALUE && t >= oooMin) {
                    if (s.appendOutOfOrder(t, vs[i])) {
                        appended++;
                        counters.outOfOrderAccepted();
                    } else {
                        counters.rejected(org.osprey.tsdb.SampleRejectedException.Reason.DUPLICATE);
                        continue;
                    }
                } else {
                    counters.rejected(org.osprey.tsdb.SampleRejectedException.Reason.OUT_OF_ORDER);
                    continue;
                }
            }
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        counters.samplesAppended(appended);
        if (lo != Long.MAX_VALUE) {
            minT.accumulateAndGet(lo, Math::min);
            maxT.accumulateAndGet(hi, Math::max);
        }
    }

    /** Runs an action while no commit can log or apply (used to close the WAL and snapshot the head). */
    public void runExclusive(Runnable action) {
        synchronized (commitLock) {
            action.run();
        }
    }

    /** Replays a series record from the WAL (no logging). */
    public void replaySeries(long ref, Labels labels) {
        MemSeries existing = table.get(labels);
        if (existing != null) {
            replayAlias.put(ref, existing);
            return;
        }
        MemSeries m = table.getOrCreate(labels, r -> new MemSeries(ref, labels), () -> ref, s -> {
            postings.add(s.ref, labels);
            counters.seriesCreated();
        });
        m.logged = true;
        nextRef.accumulateAndGet(ref + 1, Math::max);
    }

    // WAL refs that name an already replayed series (a series re-created after GC in a checkpoint gap).
    private final Map<Long, MemSeries> replayAlias = new HashMap<>();

    /** Replays one sample; returns false when its series is unknown or the sample is refused. */
    public boolean replaySample(long ref, long t, double v) {
        MemSeries s = table.byRef(ref);
        if (s == null) {
            s = replayAlias.get(ref);
            if (s == null) {
                return false;
            }
        }
        int r = s.append(t, v, opts.samplesPerChunk(), opts.blockRangeMillis(), chunkStore);
        if (r < 0) {
            if (opts.outOfOrderWindowMillis() > 0 && s.appendOutOfOrder(t, v)) {
                r = MemSeries.APPEND;
            } else {
                return false;
            }
        }
        minT.accumulateAndGet(t, Math::min);
        maxT.accumulateAndGet(t, Math::max);
        return true;
    }

    /** Re-creates a series from a shutdown snapshot (no logging: its records are in the WAL). */
    void restoreSeries(long ref, Labels labels, MemSeries.State state) {
        MemSeries m = table.getOrCreate(labels, r -> new MemSeries(ref, labels), () -> ref, s -> {
            postings.add(s.ref, labels);
            counters.seriesCreated();
        });
        m.restore(state);
        nextRef.accumulateAndGet(ref + 1, Math::max);
        if (!m.isEmpty()) {
            minT.accumulateAndGet(m.minTime(), Math::min);
            maxT.accumulateAndGet(m.maxTime(), Math::max);
        }
    }

    /** Ends replay: forgets aliases. */
    public void replayDone() {
        replayAlias.clear();
    }

    /** Records deleted intervals for matching series (tombstones in the head). */
    public int delete(long from, long to, LabelMatcher... matchers) {
        long[] refs = PostingsForMatchers.resolve(postings, matchers);
        synchronized (commitLock) {
            log.logTombstones(refs, from, to);
            int n = 0;
            for (long ref : refs) {
                MemSeries s = table.byRef(ref);
                if (s != null) {
                    s.addDeleted(from, to);
                    n++;
                }
            }
            return n;
        }
    }

    /** Replays a tombstone record. */
    public void replayTombstone(long ref, long from, long to) {
        MemSeries s = table.byRef(ref);
        if (s != null) {
            s.addDeleted(from, to);
        }
    }

    /**
     * Drops data before {@code mint} (now persisted in a block) and removes series left empty.
     *
     * @return series removed
     */
    public int truncate(long mint) {
        minValidTime = Math.max(minValidTime, mint);
        List<MemSeries> removed;
        synchronized (commitLock) {
            removed = table.removeIf(s -> s.truncateBefore(mint));
            for (MemSeries s : removed) {
                postings.remove(s.ref, s.labels);
            }
        }
        counters.seriesRemoved(removed.size());
        counters.headTruncation();
        long newMin = Long.MAX_VALUE;
        long[] all = postings.allPostings();
        for (long ref : all) {
            MemSeries s = table.byRef(ref);
            if (s != null) {
                newMin = Math.min(newMin, s.minTime());
            }
        }
        minT.set(newMin);
        if (newMin == Long.MAX_VALUE) {
            maxT.set(Long.MIN_VALUE);
        }
        return removed.size();
    }

    /** Every live series ref with its labels, for a WAL checkpoint. */
    public void forEachSeries(java.util.function.Consumer<MemSeries> action) {
        table.forEach(action);
    }

    public long numSeries() {
        return postings.seriesCount();
    }

    @Override
    public long minTime() {
        return minT.get();
    }

    @Override
    public long maxTime() {
        return maxT.get();
    }

    @Override
    public List<ChunkSeries> select(long mint, long maxt, LabelMatcher... matchers) {
        long[] refs = PostingsForMatchers.resolve(postings, matchers);
        List<ChunkSeries> out = new ArrayList<>(refs.length);
        for (long ref : refs) {
            MemSeries s = table.byRef(ref);
            if (s == null) {
                continue;
            }
            List<ChunkMeta> chunks = s.chunks(mint, maxt);
            if (!chunks.isEmpty()) {
                out.add(new ChunkSeries(s.labels, chunks, s.deletedIntervals()));
            }
        }
        out.sort(Comparator.comparing(ChunkSeries::labels));
        return out;
    }

    /** Full series (all head data) for writing a block of [mint, maxt]. */
    public List<ChunkSeries> seriesForBlock(long mint, long maxt) {
        return select(mint, maxt);
    }

    @Override
    public IndexReader index() {
        return postings;
    }

    /** Head cardinality statistics, top {@code limit} of each list. */
    public TsdbStatus status(int limit) {
        long[] pairs = new long[1];
        List<TsdbStatus.Stat> byMetric = new ArrayList<>();
        Map<String, Long> memByName = new HashMap<>();
        PriorityQueue<TsdbStatus.Stat> topPairs = new PriorityQueue<>(Comparator.comparingLong(TsdbStatus.Stat::value));
        postings.forEachPair((name, value, count) -> {
            pairs[0]++;
            if (name.equals(Labels.METRIC_NAME)) {
                byMetric.add(new TsdbStatus.Stat(value, count));
            }
            memByName.merge(name, (long) value.length() * count, Long::sum);
            topPairs.add(new TsdbStatus.Stat(name + "=" + value, count));
            if (topPairs.size() > limit) {
                topPairs.poll();
            }
        });
        List<TsdbStatus.Stat> byName = new ArrayList<>();
        postings.forEachName((name, values) -> byName.add(new TsdbStatus.Stat(name, values)));
        List<TsdbStatus.Stat> mem = new ArrayList<>();
        memByName.forEach((k, v) -> mem.add(new TsdbStatus.Stat(k, v)));
        long[] chunks = new long[1];
        table.forEach(s -> chunks[0] += s.chunkCount());
        return new TsdbStatus(numSeries(), pairs[0], chunks[0], minTime(), maxTime(),
                top(byMetric, limit), top(byName, limit), top(mem, limit), top(new ArrayList<>(topPairs), limit));
    }

    private static List<TsdbStatus.Stat> top(List<TsdbStatus.Stat> all, int limit) {
        all.sort(Comparator.comparingLong(TsdbStatus.Stat::value).reversed().thenComparing(TsdbStatus.Stat::name));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** Switches where full chunks go (memory-mapped files once the directory is ready). */
    public void setChunkStore(FullChunkStore store) {
        this.chunkStore = store;
    }
}
