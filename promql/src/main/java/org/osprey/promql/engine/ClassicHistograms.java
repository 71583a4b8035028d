package org.osprey.promql.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.FloatFormat;
import org.osprey.promql.parser.Call;
import org.osprey.promql.parser.Expr;

/**
 * histogram_quantile and histogram_fraction over classic {@code le} bucket series: buckets of one
 * histogram are the series equal but for {@code le} (and the name). Thread-safe: stateless.
 */
final class ClassicHistograms {
    private ClassicHistograms() {
    }

    static Object eval(Evaluator ev, Call c, Steps s) {
        boolean fraction = c.function().name().equals("histogram_fraction");
        boolean multi = c.function().name().equals("histogram_quantiles");
        Expr vecArg = c.args().get(multi ? 0 : (fraction ? 2 : 1));
        List<double[]> qs = new ArrayList<>();
        List<Expr> qExprs = new ArrayList<>();
        String qLabel = null;
        if (multi) {
            qLabel = (String) ev.eval(c.args().get(1), s);
            for (int k = 2; k < c.args().size(); k++) {
                qs.add(ev.evalScalar(c.args().get(k), s));
                qExprs.add(c.args().get(k));
            }
        } else {
            qs.add(ev.evalScalar(c.args().get(0), s));
            qExprs.add(c.args().get(0));
        }
        double[] upperArg = fraction ? ev.evalScalar(c.args().get(1), s) : null;
        List<Row> rows = ev.evalVector(vecArg, s);
        int n = s.n();
        LinkedHashMap<Labels, Integer> groups = new LinkedHashMap<>();
        List<int[]> members = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] le = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            String leText = row.labels.get("le");
            double bound = row.labels.has("le") ? parseFloat(leText) : Double.NaN;
            if (Double.isNaN(bound)) {
                ev.warn("bucket label \"le\" is missing or has a malformed value of \"" + leText + "\" for metric name \""
                        + row.labels.metricName() + "\"", vecArg);
                continue;
            }
            le[r] = bound;
            Labels key = row.labels.toBuilder().del("le").del(Labels.METRIC_NAME).build();
            Integer g = groups.get(key);
            if (g == null) {
                g = groups.size();
                groups.put(key, g);
                members.add(new int[0]);
                names.add(row.labels.metricName());
            }
            int[] m = members.get(g);
            m = Arrays.copyOf(m, m.length + 1);
            m[m.length - 1] = r;
            members.set(g, m);
        }
        if (!fraction) {
            for (int k = 0; k < qs.size(); k++) {
                double[] q = qs.get(k);
                for (int i = 0; i < n; i++) {
                    if (!(q[i] >= 0 && q[i] <= 1)) {
                        ev.warn("quantile value should be between 0 and 1, got " + FloatFormat.formatPlain(q[i]), qExprs.get(k));
                        break;
                    }
                }
            }
        }
        Evaluator.RowSet out = new Evaluator.RowSet(n);
        int g = 0;
        double[] ub = new double[8];
        double[] cnt = new double[8];
        for (Labels groupKey : groups.keySet()) {
          int[] m = members.get(g);
          if (ub.length < m.length) {
              ub = new double[m.length];
              cnt = new double[m.length];
          }
          for (int qi = 0; qi < qs.size(); qi++) {
            double[] q = qs.get(qi);
            Labels key = multi ? groupKey.toBuilder().set(qLabel, normalizedFloat(q[0])).build() : groupKey;
            double[] v = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                int k = 0;
                for (int r : m) {
                    Row row = rows.get(r);
                    if (row.has(i)) {
                        ub[k] = le[r];
                        cnt[k++] = row.v[i];
                    }
                }
                if (k == 0) {
                    v[i] = Row.ABSENT;
                    continue;
                }
                sortByBound(ub, cnt, k);
                k = coalesce(ub, cnt, k);
                if (fraction) {
                    v[i] = fraction(q[i], upperArg[i], ub, cnt, k);
                } else {
                    int flags = ensureMonotonic(cnt, k);
                    if ((flags & 1) != 0) {
                        ev.info("input to histogram_quantile needed to be fixed for monotonicity (see "
                                + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) "
                                + "for metric name \"" + names.get(g) + "\"", vecArg);
                    }
                    v[i] = quantile(q[i], ub, cnt, k);
                }
                any = true;
            }
            if (any) {
                out.merge(key, new Row(key, v, true), false);
            }
          }
          g++;
        }
        return out.rows();
    }

    /** Float label values as Prometheus 3 normalises le/quantile: always with a fraction ("1.0"). */
    static String normalizedFloat(double v) {
        String f = FloatFormat.formatPlain(v);
        if (f.indexOf('.') < 0 && f.indexOf('e') < 0 && !f.contains("Inf") && !f.contains("NaN")) {
            f = f + ".0";
        }
        return f;
    }

    static double parseFloat(String s) {
        String t = s.trim();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "+inf", "inf", "+infinity", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        if (t.isEmpty() || !t.equals(s) || t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void sortByBound(double[] ub, double[] cnt, int k) {
        for (int i = 1; i < k; i++) {
            double u = ub[i];
            double c = cnt[i];
            int j = i - 1;
            while (j >= 0 && ub[j] > u) {
                ub[j + 1] = ub[j];
                cnt[j + 1] = cnt[j];
                j--;
            }
            ub[j + 1] = u;
            cnt[j + 1] = c;
        }
    }

    /** Merges buckets with the same bound (summing counts); returns the new length. */
    private static int coalesce(double[] ub, double[] cnt, int k) {
        int w = 0;
        for (int i = 0; i < k; i++) {
            if (w > 0 && ub[w - 1] == ub[i]) {
                cnt[w - 1] += cnt[i];
            } else {
                ub[w] = ub[i];
                cnt[w++] = cnt[i];
            }
        }
        return w;
    }

    /** Removes decreases; returns bit 1 when a real decrease was fixed, bit 2 for precision fixes. */
    private static int ensureMonotonic(double[] cnt, int k) {
        int flags = 0;
        double prev = cnt[0];
        for (int i = 1; i < k; i++) {
            double cur = cnt[i];
            if (cur == prev) {
                continue;
            }
            if (almostEqual(prev, cur, 1e-12)) {
                cnt[i] = prev;
                flags |= 2;
                continue;
            }
            if (cur < prev) {
                cnt[i] = prev;
                flags |= 1;
                continue;
            }
            prev = cur;
        }
        return flags;
    }

    static boolean almostEqual(double a, double b, double eps) {
        if (a == b) {
            return true;
        }
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        double min = 2.2250738585072014E-308;
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || Math.abs(a) + Math.abs(b) < min) {
            return diff < eps * min;
        }
        return diff / Math.min(Math.abs(a) + Math.abs(b), Double.MAX_VALUE) < eps;
    }

    private static double quantile(double q, double[] ub, double[] cnt, int k) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (ub[k - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        if (k < 2) {
            return Double.NaN;
        }
        double observations = cnt[k - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < k - 1 && !(cnt[b] >= rank)) {
            b++;
        }
        if (b == k - 1) {
            return ub[k - 2];
        }
        if (b == 0 && ub[0] <= 0) {
            return ub[0];
        }
        double start = 0;
        double end = ub[b];
        double count = cnt[b];
        if (b > 0) {
            start = ub[b - 1];
            count -= cnt[b - 1];
            rank -= cnt[b - 1];
        }
        return start + (end - start) * (rank / count);
    }

    private static double fraction(double lower, double upper, double[] ub, double[] cum, int k) {
        if (ub[k - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double total = cum[k - 1];
        if (total == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
            return Double.NaN;
        }
        if (lower >= upper) {
            return 0;
        }
        return (rank(upper, ub, cum, k) - rank(lower, ub, cum, k)) / total;
    }

    /** Observations at or below x, interpolating linearly inside a bucket of finite width. */
    private static double rank(double x, double[] ub, double[] cum, int k) {
        double rank = 0;
        for (int i = 0; i < k; i++) {
            double lowerBound = i == 0 ? (ub[0] > 0 ? 0 : Double.NEGATIVE_INFINITY) : ub[i - 1];
            double upperBound = ub[i];
            double count = i == 0 ? cum[0] : cum[i] - cum[i - 1];
            if (x >= upperBound) {
                rank += count;
                continue;
            }
            if (x <= lowerBound) {
                break;
            }
            if (Double.isInfinite(lowerBound)) {
                rank += count;
            } else if (!Double.isInfinite(upperBound)) {
                rank += count * (x - lowerBound) / (upperBound - lowerBound);
            }
            break;
        }
        return rank;
    }
}
