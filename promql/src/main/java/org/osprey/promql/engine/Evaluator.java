package org.osprey.promql.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;
import org.osprey.promql.EngineOptions;
import org.osprey.promql.ErrorType;
import org.osprey.promql.PromqlException;
import org.osprey.promql.QueryResult;
import org.osprey.promql.QueryStats;
import org.osprey.promql.parser.AggregateExpr;
import org.osprey.promql.parser.At;
import org.osprey.promql.parser.BinaryExpr;
import org.osprey.promql.parser.Call;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.MatrixSelector;
import org.osprey.promql.parser.NumberLiteral;
import org.osprey.promql.parser.ParenExpr;
import org.osprey.promql.parser.StringLiteral;
import org.osprey.promql.parser.SubqueryExpr;
import org.osprey.promql.parser.UnaryExpr;
import org.osprey.promql.parser.VectorSelector;
import org.osprey.promql.value.Matrix;
import org.osprey.promql.value.Sample;
import org.osprey.promql.value.Scalar;
import org.osprey.promql.value.Series;
import org.osprey.promql.value.StringValue;
import org.osprey.promql.value.Value;
import org.osprey.promql.value.ValueType;
import org.osprey.promql.value.Vector;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.Queryable;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SelectHints;
import org.osprey.tsdb.SeriesSet;

/**
 * Evaluates one query. Every node is evaluated for all steps at once: instant vectors become
 * {@link Row}s (one value slot per step), scalars {@code double[]}, range vectors {@link RangeVal}
 * (raw points plus a window per step). Not thread-safe: one instance per query execution.
 */
public final class Evaluator {
    final Queryable storage;
    final EngineOptions options;
    final long queryStart;
    final long queryEnd;
    final long queryStep;
    private final long deadlineNanos;
    private final AtomicBoolean cancelled;
    final LinkedHashSet<String> warnings = new LinkedHashSet<>();
    final LinkedHashSet<String> infos = new LinkedHashSet<>();
    private long samplesLoaded;
    private long samplesHeld;
    private long peakSamples;
    private long prepareNanos;
    private int checkCounter;

    public Evaluator(Queryable storage, EngineOptions options, long start, long end, long step, long deadlineNanos,
            AtomicBoolean cancelled) {
        this.storage = storage;
        this.options = options;
        this.queryStart = start;
        this.queryEnd = end;
        this.queryStep = step;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
    }

    /** Evaluates and shapes the API result. */
    public QueryResult run(Expr expr, boolean rangeQuery, long queueNanos) {
        long t0 = System.nanoTime();
        Steps steps = Steps.of(queryStart, queryEnd, queryStep);
        Object res;
        try {
            res = eval(expr, steps);
        } catch (StackOverflowError e) {
            throw new PromqlException(ErrorType.EXECUTION, "query too deeply nested");
        }
        Value value = shape(expr, res, steps, rangeQuery);
        long evalNanos = System.nanoTime() - t0;
        return new QueryResult(value, List.copyOf(warnings), List.copyOf(infos),
                new QueryStats(samplesLoaded, peakSamples, queueNanos, prepareNanos, evalNanos));
    }

    private Value shape(Expr expr, Object res, Steps steps, boolean rangeQuery) {
        if (res instanceof String s) {
            return new StringValue(queryStart, s);
        }
        if (res instanceof double[] sc) {
            if (!rangeQuery) {
                return new Scalar(queryStart, sc[0]);
            }
            long[] ts = new long[steps.n()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = steps.t(i);
            }
            return new Matrix(List.of(new Series(Labels.EMPTY, ts, sc.clone())));
        }
        if (res instanceof RangeVal rv) {
            List<Series> out = new ArrayList<>();
            Map<Labels, Boolean> seen = new HashMap<>();
            long te = rv.evalTimes[0];
            for (RangeSeries s : rv.series) {
                int lo = lowerIndex(s, te - rv.range);
                int hi = upperIndex(s, te);
                if (hi <= lo) {
                    continue;
                }
                Labels l = s.dropName ? dropMetricName(s.labels) : s.labels;
                if (seen.put(l, Boolean.TRUE) != null) {
                    throw new PromqlException(ErrorType.EXECUTION, "vector cannot contain metrics with the same labelset");
                }
                out.add(new Series(l, Arrays.copyOfRange(s.t, lo, hi), Arrays.copyOfRange(s.v, lo, hi)));
            }
            out.sort((a, b) -> a.labels().compareTo(b.labels()));
            return new Matrix(out);
        }
        @SuppressWarnings("unchecked")
        List<Row> rows = cleanup((List<Row>) res, steps.n());
        if (!rangeQuery) {
            List<Sample> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                if (r.has(0)) {
                    out.add(new Sample(r.labels, queryStart, r.v[0]));
                }
            }
            return new Vector(out);
        }
        List<Series> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            int n = r.count();
            if (n == 0) {
                continue;
            }
            long[] ts = new long[n];
            double[] vs = new double[n];
            int k = 0;
            for (int i = 0; i < steps.n(); i++) {
                if (r.has(i)) {
                    ts[k] = steps.t(i);
                    vs[k++] = r.v[i];
                }
            }
            out.add(new Series(r.labels, ts, vs));
        }
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return new Matrix(out);
    }

    /** Applies delayed metric-name removal, merging rows that end up equal; a clash at one step fails. */
    private List<Row> cleanup(List<Row> rows, int n) {
        boolean any = false;
        for (Row r : rows) {
            if (r.dropName && (r.labels.has(Labels.METRIC_NAME) || r.labels.has("__type__") || r.labels.has("__unit__"))) {
                any = true;
                break;
            }
        }
        if (!any) {
            return rows;
        }
        RowSet set = new RowSet(n);
        for (Row r : rows) {
            Labels l = r.dropName ? dropMetricName(r.labels) : r.labels;
            set.merge(l, r, false);
        }
        return set.rows();
    }

    // ---------------------------------------------------------------- dispatch

    Object eval(Expr e, Steps s) {
        checkInterrupt();
        long before = samplesHeld;
        Object result = evalNode(e, s);
        // Children's results are garbage once the node is computed: only its own output stays held,
        // so the limit bounds the peak as upstream's does, not the total work.
        samplesHeld = before;
        hold(sizeOf(result));
        return result;
    }

    private static long sizeOf(Object o) {
        long n = 0;
        if (o instanceof RangeVal rv) {
            for (RangeSeries rs : rv.series) {
                n += rs.n;
            }
        } else if (o instanceof List<?> rows) {
            for (Object r : rows) {
                n += ((Row) r).count();
            }
        }
        return n;
    }

    private Object evalNode(Expr e, Steps s) {
        return switch (e) {
            case NumberLiteral n -> {
                double[] out = new double[s.n()];
                Arrays.fill(out, n.value());
                yield out;
            }
            case StringLiteral str -> str.value();
            case ParenExpr p -> eval(p.expr(), s);
            case VectorSelector vs -> selectVector(vs, s, false);
            case MatrixSelector ms -> selectMatrix(ms, s);
            case SubqueryExpr sq -> subquery(sq, s);
            case UnaryExpr u -> unary(u, s);
            case BinaryExpr b -> BinaryOps.eval(this, b, s);
            case AggregateExpr a -> Aggregations.eval(this, a, s);
            case Call c -> FunctionCalls.eval(this, c, s);
        };
    }

    double[] evalScalar(Expr e, Steps s) {
        return (double[]) eval(e, s);
    }

    @SuppressWarnings("unchecked")
    List<Row> evalVector(Expr e, Steps s) {
        return (List<Row>) eval(e, s);
    }

    RangeVal evalRange(Expr e, Steps s) {
        return (RangeVal) eval(e, s);
    }

    private Object unary(UnaryExpr u, Steps s) {
        Object inner = eval(u.expr(), s);
        if (!u.negate()) {
            return inner;
        }
        if (inner instanceof double[] sc) {
            double[] out = new double[sc.length];
            for (int i = 0; i < sc.length; i++) {
                out[i] = -sc[i];
            }
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Row> rows = (List<Row>) inner;
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            double[] v = new double[r.v.length];
            for (int i = 0; i < v.length; i++) {
                double x = r.v[i];
                v[i] = Row.absent(x) ? x : -x;
            }
            out.add(new Row(r.labels, v, true));
        }
        return out;
    }

    // ---------------------------------------------------------------- selectors

    long[] evalTimes(At at, long offset, Steps s) {
        long[] te = new long[s.n()];
        for (int i = 0; i < te.length; i++) {
            te[i] = at.resolve(s.t(i), queryStart, queryEnd) - offset;
        }
        return te;
    }

    /** Loads all matching series over [mint, maxt] into arrays, sorted by labels. */
    List<RangeSeries> load(List<LabelMatcher> matchers, long mint, long maxt, boolean dropStale, String func) {
        long t0 = System.nanoTime();
        List<RangeSeries> out = new ArrayList<>();
        Querier q = storage.querier(mint, maxt);
        try {
            SeriesSet set = q.select(false, new SelectHints(mint, maxt, queryStep, func),
                    matchers.toArray(new LabelMatcher[0]));
            SampleIterator reuse = null;
            long[] tb = new long[64];
            double[] vb = new double[64];
            while (set.next()) {
                org.osprey.tsdb.Series series = set.at();
                SampleIterator it = series.iterator(reuse);
                reuse = it;
                int n = 0;
                if (it.seek(mint)) {
                    do {
                        long t = it.atT();
                        if (t > maxt) {
                            break;
                        }
                        double v = it.at();
                        if (dropStale && StaleNaN.isStale(v)) {
                            continue;
                        }
                        if (n == tb.length) {
                            tb = Arrays.copyOf(tb, n * 2);
                            vb = Arrays.copyOf(vb, n * 2);
                        }
                        tb[n] = t;
                        vb[n++] = v;
                    } while (it.next());
                }
                if (n == 0 && dropStale) {
                    continue;
                }
                addSamples(n);
                out.add(new RangeSeries(series.labels(), Arrays.copyOf(tb, n), Arrays.copyOf(vb, n), n, false));
                checkInterrupt();
            }
            // Storage order is not guaranteed; label order keeps results deterministic.
            out.sort((a, b) -> a.labels.compareTo(b.labels));
        } finally {
            q.close();
        }
        prepareNanos += System.nanoTime() - t0;
        return out;
    }

    /**
     * An instant selector at every step: the newest sample in (t - lookback, t], hidden when it is a
     * stale marker. With {@code timestamps} the value is the sample's own timestamp in seconds.
     */
    List<Row> selectVector(VectorSelector vs, Steps s, boolean timestamps) {
        long[] te = evalTimes(vs.at(), vs.offset(), s);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : te) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        long lookback = options.lookbackDelta();
        if (vs.smoothed()) {
            return selectSmoothed(vs, te, min, max, lookback);
        }
        List<RangeSeries> series = load(vs.matchers(), min - lookback + 1, max, false, "");
        List<Row> out = new ArrayList<>(series.size());
        for (RangeSeries rs : series) {
            double[] v = new double[te.length];
            boolean anyPresent = false;
            int j = -1; // index of the newest sample with t <= te[i]
            for (int i = 0; i < te.length; i++) {
                long t = te[i];
                if (i > 0 && t < te[i - 1]) {
                    j = -1;
                }
                while (j + 1 < rs.n && rs.t[j + 1] <= t) {
                    j++;
                }
                if (j >= 0 && rs.t[j] > t - lookback && !StaleNaN.isStale(rs.v[j])) {
                    v[i] = timestamps ? rs.t[j] / 1000.0 : rs.v[j];
                    anyPresent = true;
                } else {
                    v[i] = Row.ABSENT;
                }
            }
            if (anyPresent) {
                out.add(new Row(rs.labels, v, false));
            }
        }
        hold(out.size() * (long) te.length);
        return out;
    }

    /** The smoothed instant selector: linear interpolation between the samples around each t. */
    private List<Row> selectSmoothed(VectorSelector vs, long[] te, long min, long max, long lookback) {
        List<RangeSeries> series = load(vs.matchers(), min - lookback + 1, max + lookback, true, "");
        List<Row> out = new ArrayList<>(series.size());
        for (RangeSeries rs : series) {
            double[] v = new double[te.length];
            boolean any = false;
            for (int i = 0; i < te.length; i++) {
                long t = te[i];
                int hi = upperIndex(rs, t);
                v[i] = Row.ABSENT;
                if (hi == 0 || rs.t[hi - 1] <= t - lookback) {
                    continue;
                }
                int j = hi - 1;
                double x = rs.v[j];
                if (rs.t[j] != t && hi < rs.n && rs.t[hi] <= t + lookback) {
                    x = x + (rs.v[hi] - x) * (t - rs.t[j]) / (double) (rs.t[hi] - rs.t[j]);
                }
                v[i] = x;
                any = true;
            }
            if (any) {
                out.add(new Row(rs.labels, v, false));
            }
        }
        return out;
    }

    private RangeVal selectMatrix(MatrixSelector ms, Steps s) {
        VectorSelector vs = ms.selector();
        long[] te = evalTimes(vs.at(), vs.offset(), s);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : te) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        long lookback = options.lookbackDelta();
        List<RangeSeries> series = switch (ms.mode()) {
            case PLAIN -> load(vs.matchers(), min - ms.range() + 1, max, true, "");
            // Extended modes also read the sample before the window and, smoothed, the one after it.
            case ANCHORED -> load(vs.matchers(), min - ms.range() - lookback + 1, max, true, "");
            case SMOOTHED -> load(vs.matchers(), min - ms.range() - lookback + 1, max + lookback, true, "");
        };
        return new RangeVal(series, ms.range(), te, ms);
    }

    private RangeVal subquery(SubqueryExpr sq, Steps s) {
        long[] te = evalTimes(sq.at(), sq.offset(), s);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : te) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        long step = sq.step() > 0 ? sq.step() : options.subqueryStepMillis();
        long from = min - sq.range();
        long innerStart = Math.floorDiv(from, step) * step;
        if (innerStart <= from) {
            innerStart += step;
        }
        List<RangeSeries> series = new ArrayList<>();
        if (innerStart <= max) {
            Steps inner = new Steps(innerStart, max, step, (int) ((max - innerStart) / step) + 1);
            Object res = eval(sq.expr(), inner);
            if (res instanceof double[] sc) {
                long[] ts = new long[inner.n()];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = inner.t(i);
                }
                series.add(new RangeSeries(Labels.EMPTY, ts, sc.clone(), ts.length, false));
            } else {
                @SuppressWarnings("unchecked")
                List<Row> rows = (List<Row>) res;
                for (Row r : rows) {
                    int n = r.count();
                    if (n == 0) {
                        continue;
                    }
                    long[] ts = new long[n];
                    double[] vs = new double[n];
                    int k = 0;
                    for (int i = 0; i < inner.n(); i++) {
                        if (r.has(i)) {
                            ts[k] = inner.t(i);
                            vs[k++] = r.v[i];
                        }
                    }
                    series.add(new RangeSeries(r.labels, ts, vs, n, r.dropName));
                }
                series.sort((a, b) -> a.labels.compareTo(b.labels));
            }
        }
        return new RangeVal(series, sq.range(), te, sq);
    }

    // ---------------------------------------------------------------- helpers

    /** First index with t > from (the window is left-open). */
    static int lowerIndex(RangeSeries s, long from) {
        int lo = 0;
        int hi = s.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.t[mid] <= from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One past the last index with t <= to. */
    static int upperIndex(RangeSeries s, long to) {
        int lo = 0;
        int hi = s.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.t[mid] <= to) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void addSamples(long n) {
        samplesLoaded += n;
        hold(n);
    }

    void hold(long n) {
        samplesHeld += n;
        peakSamples = Math.max(peakSamples, samplesHeld);
        if (samplesHeld > options.maxSamples()) {
            throw new PromqlException(ErrorType.EXECUTION,
                    "query processing would load too many samples into memory in query execution");
        }
    }

    void checkInterrupt() {
        if (cancelled.get()) {
            throw new PromqlException(ErrorType.CANCELED, "query was canceled in query execution");
        }
        if ((++checkCounter & 63) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new PromqlException(ErrorType.TIMEOUT, "query timed out in query execution");
        }
    }

    void warn(String text, Expr at) {
        warnings.add("PromQL warning: " + text + position(at));
    }

    void info(String text, Expr at) {
        infos.add("PromQL info: " + text + position(at));
    }

    private static String position(Expr e) {
        return e == null ? "" : " (1:" + (e.pos() + 1) + ")";
    }

    static PromqlException execError(String msg) {
        return new PromqlException(ErrorType.EXECUTION, msg);
    }

    /** Collects rows by label set, merging steps; two values for one label set at one step is an error. */
    static final class RowSet {
        private final int steps;
        private final LinkedHashMap<Labels, Row> byLabels = new LinkedHashMap<>();

        RowSet(int steps) {
            this.steps = steps;
        }

        /** Adds (a copy of) the row's present values under the given labels. */
        void merge(Labels labels, Row r, boolean copyIfNew) {
            Row cur = byLabels.get(labels);
            if (cur == null) {
                byLabels.put(labels, new Row(labels, copyIfNew ? r.v.clone() : r.v, r.dropName));
                return;
            }
            for (int i = 0; i < steps; i++) {
                if (r.has(i)) {
                    if (cur.has(i)) {
                        throw execError("vector cannot contain metrics with the same labelset");
                    }
                    cur.v[i] = r.v[i];
                }
            }
            cur.dropName |= r.dropName;
        }

        /** The row for these labels, created empty when new. */
        Row get(Labels labels, boolean dropName) {
            Row cur = byLabels.get(labels);
            if (cur == null) {
                cur = Row.empty(labels, steps, dropName);
                byLabels.put(labels, cur);
            }
            return cur;
        }

        List<Row> rows() {
            return new ArrayList<>(byLabels.values());
        }
    }

    /** Removes the metric name and the type/unit metadata labels that only make sense with it. */
    static Labels dropMetricName(Labels l) {
        if (!l.has(Labels.METRIC_NAME) && !l.has("__type__") && !l.has("__unit__")) {
            return l;
        }
        return l.toBuilder().del(Labels.METRIC_NAME).del("__type__").del("__unit__").build();
    }

    static ValueType typeOf(Object o) {
        if (o instanceof double[]) {
            return ValueType.SCALAR;
        }
        if (o instanceof String) {
            return ValueType.STRING;
        }
        if (o instanceof RangeVal) {
            return ValueType.MATRIX;
        }
        return ValueType.VECTOR;
    }
}
