package org.osprey.tsdb.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SelectHints;
import org.osprey.tsdb.Series;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.chunkenc.ChunkMeta;
import org.osprey.tsdb.chunkenc.ChunkSeriesIterator;
import org.osprey.tsdb.chunkenc.MergingIterator;
import org.osprey.tsdb.index.IndexReader;

/**
 * A querier over the head and the blocks overlapping [mint, maxt]: series with equal labels from
 * several sources become one series whose chunks are walked in time order (merged when they
 * overlap). Used by one thread at a time; holds its sources until closed.
 */
public final class MergedQuerier implements Querier {
    private static final Comparator<ChunkMeta> BY_MIN_TIME = Comparator.comparingLong(ChunkMeta::minTime);
    private final List<ChunkSource> sources;
    private final long mint;
    private final long maxt;
    private boolean closed;

    /** @param sources sources already {@link ChunkSource#retain() retained}; released on close */
    public MergedQuerier(List<ChunkSource> sources, long mint, long maxt) {
        this.sources = sources;
        this.mint = mint;
        this.maxt = maxt;
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
        long lo = hints == null ? mint : Math.max(mint, hints.start());
        long hi = hints == null ? maxt : Math.min(maxt, hints.end());
        List<ChunkSeries> merged = selectMerged(lo, hi, matchers);
        return new SeriesSet() {
            int i = -1;

            @Override
            public boolean next() {
                return ++i < merged.size();
            }

            @Override
            public Series at() {
                return new QueriedSeries(merged.get(i), lo, hi);
            }
        };
    }

    /** Series of all sources, merged by labels and sorted. */
    List<ChunkSeries> selectMerged(long lo, long hi, LabelMatcher... matchers) {
        List<ChunkSeries> acc = null;
        for (ChunkSource s : sources) {
            if (s.maxTime() < lo || s.minTime() > hi) {
                continue;
            }
            List<ChunkSeries> part = s.select(lo, hi, matchers);
            acc = acc == null ? part : mergeSorted(acc, part);
        }
        return acc == null ? List.of() : acc;
    }

    private static List<ChunkSeries> mergeSorted(List<ChunkSeries> a, List<ChunkSeries> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<ChunkSeries> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            ChunkSeries x = a.get(i);
            ChunkSeries y = b.get(j);
            int c = x.labels().compareTo(y.labels());
            if (c < 0) {
                out.add(x);
                i++;
            } else if (c > 0) {
                out.add(y);
                j++;
            } else {
                List<ChunkMeta> chunks = new ArrayList<>(x.chunks().size() + y.chunks().size());
                chunks.addAll(x.chunks());
                chunks.addAll(y.chunks());
                chunks.sort(BY_MIN_TIME);
                out.add(new ChunkSeries(x.labels(), chunks, concat(x.deleted(), y.deleted())));
                i++;
                j++;
            }
        }
        out.addAll(a.subList(i, a.size()));
        out.addAll(b.subList(j, b.size()));
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public List<String> labelValues(String name, LabelMatcher... matchers) {
        TreeSet<String> out = new TreeSet<>();
        if (matchers.length == 0) {
            for (ChunkSource s : sources) {
                if (overlaps(s)) {
                    out.addAll(s.index().labelValues(name));
                }
            }
        } else {
            for (ChunkSeries cs : selectMerged(mint, maxt, matchers)) {
                String v = cs.labels().get(name);
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public List<String> labelNames(LabelMatcher... matchers) {
        TreeSet<String> out = new TreeSet<>();
        if (matchers.length == 0) {
            for (ChunkSource s : sources) {
                if (overlaps(s)) {
                    IndexReader ix = s.index();
                    out.addAll(ix.labelNames());
                }
            }
        } else {
            for (ChunkSeries cs : selectMerged(mint, maxt, matchers)) {
                Labels l = cs.labels();
                for (int k = 0; k < l.size(); k++) {
                    out.add(l.name(k));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private boolean overlaps(ChunkSource s) {
        return s.maxTime() >= mint && s.minTime() <= maxt;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (ChunkSource s : sources) {
                s.release();
            }
        }
    }

    /** One merged series; builds its iterator lazily, reusing a previous one when it can. */
    private record QueriedSeries(ChunkSeries cs, long lo, long hi) implements Series {
        @Override
        public Labels labels() {
            return cs.labels();
        }

        @Override
        public SampleIterator iterator(SampleIterator reuse) {
            List<ChunkMeta> chunks = cs.chunks();
            SampleIterator it;
            if (!overlapping(chunks)) {
                ChunkSeriesIterator ci = reuse instanceof ChunkSeriesIterator c ? c : new ChunkSeriesIterator();
                it = ci.reset(chunks, lo, hi);
            } else {
                SampleIterator[] parts = new SampleIterator[chunks.size()];
                for (int k = 0; k < parts.length; k++) {
                    parts[k] = new ChunkSeriesIterator().reset(List.of(chunks.get(k)), lo, hi);
                }
                it = new MergingIterator(parts);
            }
            return cs.deleted() == null ? it : new DeletedFilterIterator(it, cs.deleted());
        }

        private static boolean overlapping(List<ChunkMeta> chunks) {
            for (int k = 1; k < chunks.size(); k++) {
                if (chunks.get(k).minTime() <= chunks.get(k - 1).maxTime()) {
                    return true;
                }
            }
            return false;
        }
    }
}
