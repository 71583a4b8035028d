package org.osprey.promql.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.FloatFormat;
import org.osprey.promql.parser.AggregateExpr;
import org.osprey.promql.parser.AggregateOp;

/** Aggregation operators over instant vectors, step by step within each group. Thread-safe: stateless. */
final class Aggregations {
    private Aggregations() {
    }

    static Object eval(Evaluator ev, AggregateExpr a, Steps s) {
        double[] param = null;
        String strParam = null;
        if (a.param() != null) {
            Object p = ev.eval(a.param(), s);
            if (p instanceof String str) {
                strParam = str;
            } else {
                param = (double[]) p;
            }
        }
        List<Row> rows = ev.evalVector(a.expr(), s);
        int n = s.n();
        // Group assignment is fixed per series, so it is computed once, not per step.
        LinkedHashMap<Labels, Integer> groupIndex = new LinkedHashMap<>();
        int[] groupOf = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Labels key = groupKey(rows.get(r).labels, a);
            Integer g = groupIndex.get(key);
            if (g == null) {
                g = groupIndex.size();
                groupIndex.put(key, g);
            }
            groupOf[r] = g;
        }
        Labels[] keys = groupIndex.keySet().toArray(new Labels[0]);
        int groups = keys.length;
        return switch (a.op()) {
            case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> selectK(ev, a, rows, groupOf, groups, param, n);
            case COUNT_VALUES -> countValues(a, strParam, rows, groupOf, keys, n);
            case QUANTILE -> quantile(ev, a, rows, groupOf, keys, param, n);
            default -> simple(a, rows, groupOf, keys, n);
        };
    }

    static Labels groupKey(Labels l, AggregateExpr a) {
        if (a.without()) {
            Labels.Builder b = l.toBuilder();
            b.del(Labels.METRIC_NAME).del("__type__").del("__unit__");
            for (String g : a.grouping()) {
                b.del(g);
            }
            return b.build();
        }
        if (a.grouping().isEmpty()) {
            return Labels.EMPTY;
        }
        return l.keepOnly(a.grouping());
    }

    private static List<Row> simple(AggregateExpr a, List<Row> rows, int[] groupOf, Labels[] keys, int n) {
        int groups = keys.length;
        double[][] val = new double[groups][n];
        double[][] comp = new double[groups][n];
        double[][] mean = new double[groups][n];
        double[][] count = new double[groups][n];
        boolean[][] incremental = a.op() == AggregateOp.AVG ? new boolean[groups][n] : null;
        boolean[] dropName = new boolean[groups];
        AggregateOp op = a.op();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int g = groupOf[r];
            dropName[g] |= row.dropName;
            double[] vv = val[g];
            double[] cc = comp[g];
            double[] mm = mean[g];
            double[] nn = count[g];
            for (int i = 0; i < n; i++) {
                double x = row.v[i];
                if (Row.absent(x)) {
                    continue;
                }
                if (nn[i] == 0) {
                    nn[i] = 1;
                    vv[i] = op == AggregateOp.STDDEV || op == AggregateOp.STDVAR
                            ? (Double.isNaN(x) || Double.isInfinite(x) ? Double.NaN : 0) : x;
                    mm[i] = x;
                    cc[i] = 0;
                    continue;
                }
                nn[i]++;
                switch (op) {
                    case SUM -> {
                        double t = vv[i] + x;
                        cc[i] = kahanC(vv[i], x, t, cc[i]);
                        vv[i] = t;
                    }
                    case AVG -> {
                        double cnt = nn[i];
                        if (!incremental[g][i]) {
                            double t = vv[i] + x;
                            double c = kahanC(vv[i], x, t, cc[i]);
                            if (!Double.isInfinite(t)) {
                                vv[i] = t;
                                cc[i] = c;
                                continue;
                            }
                            incremental[g][i] = true;
                            mm[i] = vv[i] / (cnt - 1);
                            cc[i] /= cnt - 1;
                        }
                        double q = (cnt - 1) / cnt;
                        double sum = q * mm[i];
                        double inc = x / cnt;
                        double t = sum + inc;
                        cc[i] = kahanC(sum, inc, t, q * cc[i]);
                        mm[i] = t;
                    }
                    case MAX -> {
                        if (vv[i] < x || Double.isNaN(vv[i])) {
                            vv[i] = x;
                        }
                    }
                    case MIN -> {
                        if (vv[i] > x || Double.isNaN(vv[i])) {
                            vv[i] = x;
                        }
                    }
                    case STDDEV, STDVAR -> {
                        double delta = x - mm[i];
                        mm[i] += delta / nn[i];
                        vv[i] += delta * (x - mm[i]);
                    }
                    default -> {
                    }
                }
            }
        }
        List<Row> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double cnt = count[g][i];
                if (cnt == 0) {
                    v[i] = Row.ABSENT;
                    continue;
                }
                v[i] = switch (op) {
                    case SUM -> val[g][i] + comp[g][i];
                    case AVG -> incremental[g][i] ? mean[g][i] + comp[g][i] : val[g][i] / cnt + comp[g][i] / cnt;
                    case COUNT -> cnt;
                    case GROUP -> 1;
                    case MIN, MAX -> val[g][i];
                    case STDVAR -> val[g][i] / cnt;
                    case STDDEV -> Math.sqrt(val[g][i] / cnt);
                    default -> Double.NaN;
                };
            }
            boolean keepsName = keys[g].has(Labels.METRIC_NAME);
            out.add(new Row(keys[g], v, keepsName && dropName[g]));
        }
        return out;
    }

    /** Neumaier's compensation term for sum + inc = t, added to c (Prometheus's kahanSumInc). */
    static double kahanC(double sum, double inc, double t, double c) {
        if (Double.isInfinite(t)) {
            return 0;
        }
        if (Math.abs(sum) >= Math.abs(inc)) {
            return c + ((sum - t) + inc);
        }
        return c + ((inc - t) + sum);
    }

    private static List<Row> selectK(Evaluator ev, AggregateExpr a, List<Row> rows, int[] groupOf, int groups,
            double[] param, int n) {
        AggregateOp op = a.op();
        boolean top = op == AggregateOp.TOPK;
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            out[r] = new double[n];
            Arrays.fill(out[r], Row.ABSENT);
        }
        int[][] members = new int[groups][];
        int[] sizes = new int[groups];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[4];
        }
        for (int r = 0; r < rows.size(); r++) {
            int g = groupOf[r];
            if (sizes[g] == members[g].length) {
                members[g] = Arrays.copyOf(members[g], sizes[g] * 2);
            }
            members[g][sizes[g]++] = r;
        }
        // Order of the instant result: group after group, each sorted as Prometheus's heap sort leaves it.
        List<int[]> order = new ArrayList<>();
        int[] idx = new int[rows.size()];
        for (int i = 0; i < n; i++) {
            double p = param[i];
            if (Double.isNaN(p)) {
                throw Evaluator.execError(op == AggregateOp.LIMIT_RATIO ? "Ratio value is NaN" : "Parameter value is NaN");
            }
            if (op == AggregateOp.LIMIT_RATIO) {
                if (p < -1 || p > 1) {
                    ev.warn("ratio value should be between -1 and 1, got " + p + ", capping to " + (p < 0 ? -1 : 1),
                            a.param());
                    p = p < 0 ? -1 : 1;
                }
                for (int r = 0; r < rows.size(); r++) {
                    if (rows.get(r).has(i) && ratioSelected(rows.get(r).labels, p)) {
                        out[r][i] = rows.get(r).v[i];
                    }
                }
                continue;
            }
            long k = p >= 9.2e18 ? Long.MAX_VALUE : (long) p;
            if (k < 1) {
                continue;
            }
            for (int g = 0; g < groups; g++) {
                int cnt = 0;
                for (int m = 0; m < sizes[g]; m++) {
                    int r = members[g][m];
                    if (rows.get(r).has(i)) {
                        idx[cnt++] = r;
                    }
                }
                if (cnt == 0) {
                    continue;
                }
                int take = (int) Math.min(k, cnt);
                if (op != AggregateOp.LIMITK) {
                    take = selectTop(rows, idx, cnt, take, i, top);
                }
                for (int j = 0; j < take; j++) {
                    out[idx[j]][i] = rows.get(idx[j]).v[i];
                    if (n == 1) {
                        order.add(new int[] {idx[j]});
                    }
                }
            }
        }
        List<Row> result = new ArrayList<>();
        if (n == 1) {
            for (int[] o : order) {
                Row src = rows.get(o[0]);
                result.add(new Row(src.labels, out[o[0]], src.dropName));
            }
            return result;
        }
        for (int r = 0; r < rows.size(); r++) {
            Row src = rows.get(r);
            Row row = new Row(src.labels, out[r], src.dropName);
            if (row.count() > 0) {
                result.add(row);
            }
        }
        return result;
    }

    /**
     * Moves the {@code take} best of {@code idx[0..cnt)} to the front, best first, with a bounded
     * binary heap (O(n log k), no boxing). "Best" is the largest value for topk, smallest for
     * bottomk; NaN always ranks last.
     */
    private static int selectTop(List<Row> rows, int[] idx, int cnt, int take, int step, boolean top) {
        // Heap of size take whose root is the worst kept element.
        int size = 0;
        for (int j = 0; j < cnt; j++) {
            int r = idx[j];
            double v = rows.get(r).v[step];
            if (size < take) {
                idx[size] = r;
                siftUp(rows, idx, size++, step, top);
            } else if (better(v, rows.get(idx[0]).v[step], top)) {
                idx[0] = r;
                siftDown(rows, idx, 0, size, step, top);
            }
        }
        // Heap-sort in place: repeatedly move the worst to the end.
        for (int end = size - 1; end > 0; end--) {
            int tmp = idx[0];
            idx[0] = idx[end];
            idx[end] = tmp;
            siftDown(rows, idx, 0, end, step, top);
        }
        return size;
    }

    /** True when a ranks strictly before b. */
    private static boolean better(double a, double b, boolean top) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return top ? a > b : a < b;
    }

    private static void siftUp(List<Row> rows, int[] h, int i, int step, boolean top) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (better(rows.get(h[parent]).v[step], rows.get(h[i]).v[step], top)) {
                int t = h[parent];
                h[parent] = h[i];
                h[i] = t;
                i = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(List<Row> rows, int[] h, int i, int size, int step, boolean top) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < size && better(rows.get(h[l]).v[step], rows.get(h[r]).v[step], top)) {
                worst = r;
            }
            if (better(rows.get(h[i]).v[step], rows.get(h[worst]).v[step], top)) {
                int t = h[i];
                h[i] = h[worst];
                h[worst] = t;
                i = worst;
            } else {
                return;
            }
        }
    }

    private static boolean ratioSelected(Labels l, double ratio) {
        double h = (l.stableHash() >>> 1) / (double) Long.MAX_VALUE;
        return ratio >= 0 ? h < ratio : h >= 1 + ratio;
    }

    static int compareDescNanLast(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return Double.compare(b, a) == 0 ? 0 : (a > b ? -1 : (a < b ? 1 : 0));
    }

    static int compareAscNanLast(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : (a > b ? 1 : 0);
    }

    private static List<Row> countValues(AggregateExpr a, String label, List<Row> rows, int[] groupOf, Labels[] keys,
            int n) {
        if (!LabelNames.isValidName(label)) {
            throw Evaluator.execError("invalid label name " + org.osprey.promql.parser.Strings.goQuote(label));
        }
        Evaluator.RowSet set = new Evaluator.RowSet(n);
        Map<Labels, Row> cache = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (int i = 0; i < n; i++) {
                if (!row.has(i)) {
                    continue;
                }
                Labels l = keys[groupOf[r]].toBuilder().set(label, FloatFormat.formatPlain(row.v[i])).build();
                Row target = cache.get(l);
                if (target == null) {
                    target = set.get(l, false);
                    cache.put(l, target);
                }
                target.v[i] = target.has(i) ? target.v[i] + 1 : 1;
            }
        }
        return set.rows();
    }

    private static List<Row> quantile(Evaluator ev, AggregateExpr a, List<Row> rows, int[] groupOf, Labels[] keys,
            double[] param, int n) {
        int groups = keys.length;
        List<Row> out = new ArrayList<>(groups);
        double[] buf = new double[Math.max(1, rows.size())];
        int[][] members = new int[groups][];
        int[] sizes = new int[groups];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[4];
        }
        for (int r = 0; r < rows.size(); r++) {
            int g = groupOf[r];
            if (sizes[g] == members[g].length) {
                members[g] = Arrays.copyOf(members[g], sizes[g] * 2);
            }
            members[g][sizes[g]++] = r;
        }
        for (int i = 0; i < n; i++) {
            if (!(param[i] >= 0 && param[i] <= 1)) {
                ev.warn("quantile value should be between 0 and 1, got " + FloatFormat.formatPlain(param[i]), a.param());
            }
        }
        for (int g = 0; g < groups; g++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                int cnt = 0;
                for (int m = 0; m < sizes[g]; m++) {
                    Row row = rows.get(members[g][m]);
                    if (row.has(i)) {
                        buf[cnt++] = row.v[i];
                    }
                }
                v[i] = cnt == 0 ? Row.ABSENT : Numbers.quantile(param[i], buf, cnt);
            }
            out.add(new Row(keys[g], v, false));
        }
        out.removeIf(r -> r.count() == 0);
        return out;
    }
}
