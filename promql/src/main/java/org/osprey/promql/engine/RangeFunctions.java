package org.osprey.promql.engine;

import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.FloatFormat;
import org.osprey.promql.parser.Call;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.MatrixSelector;

/**
 * Functions over range vectors, evaluated per series with a sliding (te - range, te] window per step;
 * no allocation per sample. Thread-safe: stateless.
 */
final class RangeFunctions {
    private RangeFunctions() {
    }

    private static final int F_RATE = 0;
    private static final int F_INCREASE = 1;
    private static final int F_DELTA = 2;
    private static final int F_IRATE = 3;
    private static final int F_IDELTA = 4;
    private static final int F_DERIV = 5;
    private static final int F_PREDICT_LINEAR = 6;
    private static final int F_RESETS = 7;
    private static final int F_CHANGES = 8;
    private static final int F_SUM_OVER_TIME = 9;
    private static final int F_AVG_OVER_TIME = 10;
    private static final int F_MIN_OVER_TIME = 11;
    private static final int F_MAX_OVER_TIME = 12;
    private static final int F_TS_OF_MIN_OVER_TIME = 13;
    private static final int F_TS_OF_MAX_OVER_TIME = 14;
    private static final int F_COUNT_OVER_TIME = 15;
    private static final int F_PRESENT_OVER_TIME = 16;
    private static final int F_LAST_OVER_TIME = 17;
    private static final int F_FIRST_OVER_TIME = 18;
    private static final int F_TS_OF_LAST_OVER_TIME = 19;
    private static final int F_TS_OF_FIRST_OVER_TIME = 20;
    private static final int F_STDDEV_OVER_TIME = 21;
    private static final int F_STDVAR_OVER_TIME = 22;
    private static final int F_QUANTILE_OVER_TIME = 23;
    private static final int F_MAD_OVER_TIME = 24;
    private static final int F_DOUBLE_EXPONENTIAL_SMOOTHING = 25;
    private static final int F_HOLT_WINTERS = 26;

    private static final java.util.Map<String, Integer> CODES = new java.util.HashMap<>();

    static {
        CODES.put("rate", F_RATE);
        CODES.put("increase", F_INCREASE);
        CODES.put("delta", F_DELTA);
        CODES.put("irate", F_IRATE);
        CODES.put("idelta", F_IDELTA);
        CODES.put("deriv", F_DERIV);
        CODES.put("predict_linear", F_PREDICT_LINEAR);
        CODES.put("resets", F_RESETS);
        CODES.put("changes", F_CHANGES);
        CODES.put("sum_over_time", F_SUM_OVER_TIME);
        CODES.put("avg_over_time", F_AVG_OVER_TIME);
        CODES.put("min_over_time", F_MIN_OVER_TIME);
        CODES.put("max_over_time", F_MAX_OVER_TIME);
        CODES.put("ts_of_min_over_time", F_TS_OF_MIN_OVER_TIME);
        CODES.put("ts_of_max_over_time", F_TS_OF_MAX_OVER_TIME);
        CODES.put("count_over_time", F_COUNT_OVER_TIME);
        CODES.put("present_over_time", F_PRESENT_OVER_TIME);
        CODES.put("last_over_time", F_LAST_OVER_TIME);
        CODES.put("first_over_time", F_FIRST_OVER_TIME);
        CODES.put("ts_of_last_over_time", F_TS_OF_LAST_OVER_TIME);
        CODES.put("ts_of_first_over_time", F_TS_OF_FIRST_OVER_TIME);
        CODES.put("stddev_over_time", F_STDDEV_OVER_TIME);
        CODES.put("stdvar_over_time", F_STDVAR_OVER_TIME);
        CODES.put("quantile_over_time", F_QUANTILE_OVER_TIME);
        CODES.put("mad_over_time", F_MAD_OVER_TIME);
        CODES.put("double_exponential_smoothing", F_DOUBLE_EXPONENTIAL_SMOOTHING);
        CODES.put("holt_winters", F_HOLT_WINTERS);
    }


    static Object eval(Evaluator ev, Call c, Steps s) {
        String name = c.function().name();
        int n = s.n();
        Expr matrixArg = null;
        double[] p0 = null;
        double[] p1 = null;
        for (Expr a : c.args()) {
            if (a.type() == org.osprey.promql.value.ValueType.MATRIX) {
                matrixArg = a;
            }
        }
        switch (name) {
            case "quantile_over_time" -> p0 = ev.evalScalar(c.args().get(0), s);
            case "predict_linear" -> p0 = ev.evalScalar(c.args().get(1), s);
            case "double_exponential_smoothing", "holt_winters" -> {
                p0 = ev.evalScalar(c.args().get(1), s);
                p1 = ev.evalScalar(c.args().get(2), s);
            }
            default -> {
            }
        }
        RangeVal rv = ev.evalRange(matrixArg, s);
        if (name.equals("absent_over_time")) {
            double[] v = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                long te = rv.evalTimes[i];
                boolean present = false;
                for (RangeSeries rs : rv.series) {
                    if (Evaluator.upperIndex(rs, te) > Evaluator.lowerIndex(rs, te - rv.range)) {
                        present = true;
                        break;
                    }
                }
                v[i] = present ? Row.ABSENT : 1;
                any |= !present;
            }
            List<Row> out = new ArrayList<>();
            if (any) {
                out.add(new Row(FunctionCalls.absentLabels(matrixArg), v, false));
            }
            return out;
        }
        if (name.equals("quantile_over_time")) {
            for (int i = 0; i < n; i++) {
                if (!(p0[i] >= 0 && p0[i] <= 1)) {
                    ev.warn("quantile value should be between 0 and 1, got " + FloatFormat.formatPlain(p0[i]), c.args().get(0));
                    break;
                }
            }
        }
        if (name.equals("double_exponential_smoothing") || name.equals("holt_winters")) {
            for (int i = 0; i < n; i++) {
                if (!(p0[i] > 0 && p0[i] < 1)) {
                    throw Evaluator.execError(String.format(java.util.Locale.ROOT,
                            "invalid smoothing factor. Expected: 0 < sf < 1, got: %f", p0[i]));
                }
                if (!(p1[i] > 0 && p1[i] < 1)) {
                    throw Evaluator.execError(String.format(java.util.Locale.ROOT,
                            "invalid trend factor. Expected: 0 < tf < 1, got: %f", p1[i]));
                }
            }
        }
        int fn = CODES.get(name);
        org.osprey.promql.parser.MatrixSelector.Mode mode = rv.source instanceof MatrixSelector msel ? msel.mode()
                : org.osprey.promql.parser.MatrixSelector.Mode.PLAIN;
        if (mode == org.osprey.promql.parser.MatrixSelector.Mode.ANCHORED && fn != F_CHANGES && fn != F_DELTA
                && fn != F_INCREASE && fn != F_RATE && fn != F_RESETS) {
            throw Evaluator.execError("anchored modifier can only be used with: changes, delta, increase, rate, "
                    + "resets - not with " + name);
        }
        if (mode == org.osprey.promql.parser.MatrixSelector.Mode.SMOOTHED && fn != F_DELTA && fn != F_INCREASE
                && fn != F_RATE) {
            throw Evaluator.execError("smoothed modifier can only be used with: delta, increase, rate - not with "
                    + name);
        }
        long lookback = ev.options.lookbackDelta();
        boolean keepName = name.equals("last_over_time") || name.equals("first_over_time");
        boolean counterCheck = name.equals("rate") || name.equals("increase");
        double[] buf = name.equals("quantile_over_time") || name.equals("mad_over_time") ? new double[16] : null;
        List<Row> out = new ArrayList<>(rv.series.size());
        boolean counterFn = fn == F_RATE || fn == F_INCREASE;
        int[] resetsUpTo = null;
        for (RangeSeries rs : rv.series) {
            ev.checkInterrupt();
            if (counterFn && mode == org.osprey.promql.parser.MatrixSelector.Mode.PLAIN) {
                // Prefix counts of counter resets: windows without one skip the per-sample correction loop.
                if (resetsUpTo == null || resetsUpTo.length < rs.n) {
                    resetsUpTo = new int[Math.max(rs.n, 16)];
                }
                int resets = 0;
                for (int k = 0; k < rs.n; k++) {
                    if (k > 0 && rs.v[k] < rs.v[k - 1]) {
                        resets++;
                    }
                    resetsUpTo[k] = resets;
                }
            }
            double[] v = new double[n];
            boolean any = false;
            int lo = 0;
            int hi = 0;
            for (int i = 0; i < n; i++) {
                long te = rv.evalTimes[i];
                long from = te - rv.range;
                if (i > 0 && te < rv.evalTimes[i - 1]) {
                    lo = 0;
                    hi = 0;
                }
                while (hi < rs.n && rs.t[hi] <= te) {
                    hi++;
                }
                while (lo < hi && rs.t[lo] <= from) {
                    lo++;
                }
                if (buf != null && hi - lo > buf.length) {
                    buf = new double[Math.max(hi - lo, buf.length * 2)];
                }
                double r = counterFn && mode == org.osprey.promql.parser.MatrixSelector.Mode.PLAIN
                        ? (hi - lo < 2 ? Row.ABSENT : extrapolatedRate(rs, lo, hi, from, te, rv.range, true,
                                fn == F_RATE, resetsUpTo[hi - 1] != resetsUpTo[lo]))
                        : mode != org.osprey.promql.parser.MatrixSelector.Mode.PLAIN
                        ? extended(fn, mode == org.osprey.promql.parser.MatrixSelector.Mode.SMOOTHED, rs, lo, hi, te,
                                from, rv.range, lookback)
                        : lo >= hi ? Row.ABSENT
                        : compute(fn, rs, lo, hi, fn == F_PREDICT_LINEAR ? s.t(i) : te, from, rv.range, p0 == null ? 0 : p0[i],
                                p1 == null ? 0 : p1[i], buf);
                v[i] = r;
                any |= !Row.absent(r);
            }
            if (any) {
                out.add(new Row(rs.labels, v, keepName ? rs.dropName : true));
                if (counterCheck && rv.source instanceof MatrixSelector) {
                    String metric = rs.labels.get(Labels.METRIC_NAME);
                    if (!metric.endsWith("_total") && !metric.endsWith("_sum") && !metric.endsWith("_count")
                            && !metric.endsWith("_bucket")) {
                        ev.info("metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \""
                                + metric + "\"", matrixArg);
                    }
                }
            }
        }
        ev.hold(out.size() * (long) n);
        return out;
    }

    private static double compute(int fn, RangeSeries s, int lo, int hi, long te, long from, long range,
            double p0, double p1, double[] buf) {
        int cnt = hi - lo;
        double[] v = s.v;
        long[] t = s.t;
        switch (fn) {
            case F_RATE, F_INCREASE, F_DELTA -> {
                return extrapolatedRate(s, lo, hi, from, te, range, fn != F_DELTA, fn == F_RATE, true);
            }
            case F_IRATE, F_IDELTA -> {
                if (cnt < 2) {
                    return Row.ABSENT;
                }
                double last = v[hi - 1];
                double prev = v[hi - 2];
                double res = fn == F_IRATE && last < prev ? last : last - prev;
                if (fn == F_IRATE) {
                    long dt = t[hi - 1] - t[hi - 2];
                    if (dt == 0) {
                        return Row.ABSENT;
                    }
                    res /= dt / 1000.0;
                }
                return res;
            }
            case F_DERIV -> {
                if (cnt < 2) {
                    return Row.ABSENT;
                }
                return linearRegression(s, lo, hi, t[lo], 0, false);
            }
            case F_PREDICT_LINEAR -> {
                if (cnt < 2) {
                    return Row.ABSENT;
                }
                return linearRegression(s, lo, hi, te, p0, true);
            }
            case F_RESETS -> {
                int r = 0;
                for (int i = lo + 1; i < hi; i++) {
                    if (v[i] < v[i - 1]) {
                        r++;
                    }
                }
                return r;
            }
            case F_CHANGES -> {
                int r = 0;
                for (int i = lo + 1; i < hi; i++) {
                    double a = v[i];
                    double b = v[i - 1];
                    if (!(a == b || (Double.isNaN(a) && Double.isNaN(b)))) {
                        r++;
                    }
                }
                return r;
            }
            case F_SUM_OVER_TIME -> {
                double sum = 0;
                double c = 0;
                for (int i = lo; i < hi; i++) {
                    double x = sum + v[i];
                    c = Aggregations.kahanC(sum, v[i], x, c);
                    sum = x;
                }
                return Double.isInfinite(sum) ? sum : sum + c;
            }
            case F_AVG_OVER_TIME -> {
                double sum = v[lo];
                double mean = 0;
                double c = 0;
                boolean incremental = false;
                double count = 1;
                for (int i = lo + 1; i < hi; i++) {
                    double x = v[i];
                    count = i - lo + 1;
                    if (!incremental) {
                        double ns = sum + x;
                        double nc = Aggregations.kahanC(sum, x, ns, c);
                        if (!Double.isInfinite(ns)) {
                            sum = ns;
                            c = nc;
                            continue;
                        }
                        incremental = true;
                        mean = sum / (count - 1);
                        c /= count - 1;
                    }
                    double q = (count - 1) / count;
                    double a = q * mean;
                    double inc = x / count;
                    double ns = a + inc;
                    c = Aggregations.kahanC(a, inc, ns, q * c);
                    mean = ns;
                }
                if (incremental) {
                    return mean + c;
                }
                return sum / count + c / count;
            }
            case F_MIN_OVER_TIME, F_MAX_OVER_TIME, F_TS_OF_MIN_OVER_TIME, F_TS_OF_MAX_OVER_TIME -> {
                boolean max = fn == F_MAX_OVER_TIME || fn == F_TS_OF_MAX_OVER_TIME;
                boolean ts = fn == F_TS_OF_MAX_OVER_TIME || fn == F_TS_OF_MIN_OVER_TIME;
                double best = v[lo];
                long bestT = t[lo];
                for (int i = lo + 1; i < hi; i++) {
                    double x = v[i];
                    boolean better = max ? (x > best || Double.isNaN(best)) : (x < best || Double.isNaN(best));
                    boolean tie = x == best;
                    if (better || (tie && ts)) {
                        best = x;
                        bestT = t[i];
                    }
                }
                return ts ? bestT / 1000.0 : best;
            }
            case F_COUNT_OVER_TIME -> {
                return cnt;
            }
            case F_PRESENT_OVER_TIME -> {
                return 1;
            }
            case F_LAST_OVER_TIME -> {
                return v[hi - 1];
            }
            case F_FIRST_OVER_TIME -> {
                return v[lo];
            }
            case F_TS_OF_LAST_OVER_TIME -> {
                return t[hi - 1] / 1000.0;
            }
            case F_TS_OF_FIRST_OVER_TIME -> {
                return t[lo] / 1000.0;
            }
            case F_STDDEV_OVER_TIME, F_STDVAR_OVER_TIME -> {
                double count = 0;
                double mean = 0;
                double cMean = 0;
                double aux = 0;
                double cAux = 0;
                for (int i = lo; i < hi; i++) {
                    double x = v[i];
                    count++;
                    double delta = x - (mean + cMean);
                    double inc = delta / count;
                    double nm = mean + inc;
                    cMean = Aggregations.kahanC(mean, inc, nm, cMean);
                    mean = nm;
                    double inc2 = delta * (x - (mean + cMean));
                    double na = aux + inc2;
                    cAux = Aggregations.kahanC(aux, inc2, na, cAux);
                    aux = na;
                }
                double var = (aux + cAux) / count;
                return fn == F_STDDEV_OVER_TIME ? Math.sqrt(var) : var;
            }
            case F_QUANTILE_OVER_TIME -> {
                System.arraycopy(v, lo, buf, 0, cnt);
                return Numbers.quantile(p0, buf, cnt);
            }
            case F_MAD_OVER_TIME -> {
                for (int i = lo; i < hi; i++) {
                    if (Double.isNaN(v[i])) {
                        return Double.NaN;
                    }
                }
                System.arraycopy(v, lo, buf, 0, cnt);
                double median = Numbers.quantile(0.5, buf, cnt);
                for (int i = 0; i < cnt; i++) {
                    buf[i] = Math.abs(v[lo + i] - median);
                }
                return Numbers.quantile(0.5, buf, cnt);
            }
            case F_DOUBLE_EXPONENTIAL_SMOOTHING, F_HOLT_WINTERS -> {
                if (cnt < 2) {
                    return Row.ABSENT;
                }
                double s0 = 0;
                double s1 = v[lo];
                double b = v[lo + 1] - v[lo];
                for (int i = 1; i < cnt; i++) {
                    double x = p0 * v[lo + i];
                    if (i - 1 != 0) {
                        b = p1 * (s1 - s0) + (1 - p1) * b;
                    }
                    double y = (1 - p0) * (s1 + b);
                    s0 = s1;
                    s1 = x + y;
                }
                return s1;
            }
            default -> throw Evaluator.execError("range function " + fn + " is not supported");
        }
    }

    /**
     * The experimental extended range selectors. anchored: the window plus the newest sample at or
     * before its start (within the lookback), no extrapolation. smoothed: counter values (reset
     * corrected) interpolated linearly at both window edges from the samples around them.
     */
    private static double extended(int fn, boolean smoothed, RangeSeries s, int lo, int hi, long te, long from,
            long range, long lookback) {
        boolean counter = fn == F_RATE || fn == F_INCREASE;
        int first = lo;
        if (lo > 0 && s.t[lo - 1] > from - lookback) {
            first = lo - 1; // the sample the window is anchored to
        }
        int last = hi; // exclusive
        if (smoothed && hi < s.n && s.t[hi] <= te + lookback) {
            last = hi + 1;
        }
        if (first >= last || (!smoothed && lo >= hi)) {
            return Row.ABSENT;
        }
        if (smoothed && lo >= hi && (first == lo || last == hi)) {
            return Row.ABSENT; // no sample in or around the window on both sides
        }
        if (fn == F_CHANGES || fn == F_RESETS) {
            int r = 0;
            for (int i = first + 1; i < hi; i++) {
                double a = s.v[i];
                double b = s.v[i - 1];
                if (fn == F_RESETS ? a < b : !(a == b || (Double.isNaN(a) && Double.isNaN(b)))) {
                    r++;
                }
            }
            return r;
        }
        // Reset-corrected values over [first, last).
        double correction = 0;
        double startVal;
        double endVal;
        if (!smoothed) {
            for (int i = first + 1; i < hi; i++) {
                if (counter && s.v[i] < s.v[i - 1]) {
                    correction += s.v[i - 1];
                }
            }
            startVal = s.v[first];
            endVal = s.v[hi - 1] + correction;
        } else {
            startVal = Double.NaN;
            endVal = Double.NaN;
            double corr = 0;
            for (int i = first; i < last; i++) {
                if (i > first && counter && s.v[i] < s.v[i - 1]) {
                    corr += s.v[i - 1];
                }
                double c = s.v[i] + corr;
                if (Double.isNaN(startVal)) {
                    if (s.t[i] > from) {
                        startVal = c; // no sample before the window start
                    } else if (i + 1 < last && s.t[i + 1] > from) {
                        double next = s.v[i + 1] + corr + (counter && s.v[i + 1] < s.v[i] ? s.v[i] : 0);
                        startVal = c + (next - c) * (from - s.t[i]) / (double) (s.t[i + 1] - s.t[i]);
                    }
                }
                if (s.t[i] <= te) {
                    endVal = c;
                    if (i + 1 < last && s.t[i + 1] > te) {
                        double next = s.v[i + 1] + corr + (counter && s.v[i + 1] < s.v[i] ? s.v[i] : 0);
                        endVal = c + (next - c) * (te - s.t[i]) / (double) (s.t[i + 1] - s.t[i]);
                    }
                }
            }
            if (Double.isNaN(startVal) || Double.isNaN(endVal)) {
                return Row.ABSENT;
            }
        }
        double result = endVal - startVal;
        return fn == F_RATE ? result / (range / 1000.0) : result;
    }

    /** Prometheus's extrapolatedRate for rate, increase and delta over (rangeStart, rangeEnd]. */
    private static double extrapolatedRate(RangeSeries s, int lo, int hi, long rangeStart, long rangeEnd, long range,
            boolean counter, boolean rate, boolean mayHaveResets) {
        int cnt = hi - lo;
        if (cnt < 2) {
            return Row.ABSENT;
        }
        double[] v = s.v;
        double first = v[lo];
        double last = v[hi - 1];
        double result = last - first;
        if (counter && mayHaveResets) {
            double prev = first;
            for (int i = lo + 1; i < hi; i++) {
                double cur = v[i];
                if (cur < prev) {
                    result += prev;
                }
                prev = cur;
            }
        }
        long firstT = s.t[lo];
        long lastT = s.t[hi - 1];
        double durationToStart = (firstT - rangeStart) / 1000.0;
        double durationToEnd = (rangeEnd - lastT) / 1000.0;
        double sampledInterval = (lastT - firstT) / 1000.0;
        double avgBetween = sampledInterval / (cnt - 1);
        double threshold = avgBetween * 1.1;
        double extrapolateTo = sampledInterval;
        if (durationToStart >= threshold) {
            durationToStart = avgBetween / 2;
        }
        if (counter && result > 0 && first >= 0) {
            double durationToZero = sampledInterval * (first / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        extrapolateTo += durationToStart;
        if (durationToEnd >= threshold) {
            durationToEnd = avgBetween / 2;
        }
        extrapolateTo += durationToEnd;
        double factor = extrapolateTo / sampledInterval;
        if (rate) {
            factor /= range / 1000.0;
        }
        return result * factor;
    }

    /**
     * Least-squares fit with x in seconds relative to interceptTime (Kahan-summed): the slope, or with
     * {@code predict} the value {@code ahead} seconds after interceptTime. Returns a double, no array.
     */
    private static double linearRegression(RangeSeries s, int lo, int hi, long interceptTime, double ahead,
            boolean predict) {
        double n = 0;
        double sumX = 0;
        double cX = 0;
        double sumY = 0;
        double cY = 0;
        double sumXY = 0;
        double cXY = 0;
        double sumX2 = 0;
        double cX2 = 0;
        double initY = s.v[lo];
        boolean constY = true;
        for (int i = lo; i < hi; i++) {
            double y = s.v[i];
            if (constY && i > lo && y != initY) {
                constY = false;
            }
            n++;
            double x = (s.t[i] - interceptTime) / 1e3;
            double t = sumX + x;
            cX = Aggregations.kahanC(sumX, x, t, cX);
            sumX = t;
            t = sumY + y;
            cY = Aggregations.kahanC(sumY, y, t, cY);
            sumY = t;
            double xy = x * y;
            t = sumXY + xy;
            cXY = Aggregations.kahanC(sumXY, xy, t, cXY);
            sumXY = t;
            double x2 = x * x;
            t = sumX2 + x2;
            cX2 = Aggregations.kahanC(sumX2, x2, t, cX2);
            sumX2 = t;
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return Double.NaN;
            }
            return predict ? initY : 0;
        }
        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        if (!predict) {
            return slope;
        }
        double intercept = sumY / n - slope * sumX / n;
        return slope * ahead + intercept;
    }
}
