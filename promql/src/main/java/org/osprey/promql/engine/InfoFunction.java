package org.osprey.promql.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.labels.MatchType;
import org.osprey.model.value.StaleNaN;
import org.osprey.promql.parser.AggregateExpr;
import org.osprey.promql.parser.BinaryExpr;
import org.osprey.promql.parser.Call;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.MatrixSelector;
import org.osprey.promql.parser.ParenExpr;
import org.osprey.promql.parser.SubqueryExpr;
import org.osprey.promql.parser.UnaryExpr;
import org.osprey.promql.parser.VectorSelector;

/**
 * The experimental {@code info(v, {data matchers})}: adds data labels of info series (target_info by
 * default) that share the identifying labels (instance, job) with a series, as of the time the
 * series' sample was read (its @ and offset). Thread-safe: stateless.
 */
final class InfoFunction {
    private static final String[] IDENTIFYING = {"instance", "job"};

    private InfoFunction() {
    }

    static List<Row> eval(Evaluator ev, Call c, Steps s) {
        int n = s.n();
        List<Row> base = ev.evalVector(c.args().get(0), s);
        List<LabelMatcher> nameMatchers = new ArrayList<>();
        List<LabelMatcher> dataMatchers = new ArrayList<>();
        if (c.args().size() > 1) {
            Expr sel = FunctionCalls.unwrap(c.args().get(1));
            if (!(sel instanceof VectorSelector vs)) {
                throw Evaluator.execError("expected label selectors as the second argument to info()");
            }
            for (LabelMatcher m : vs.matchers()) {
                (m.name().equals(Labels.METRIC_NAME) ? nameMatchers : dataMatchers).add(m);
            }
        }
        boolean positiveName = false;
        for (LabelMatcher m : nameMatchers) {
            positiveName |= m.type() == MatchType.EQUAL || m.type() == MatchType.REGEX;
        }
        List<LabelMatcher> select = new ArrayList<>(nameMatchers);
        if (nameMatchers.isEmpty()) {
            select.add(LabelMatcher.equal(Labels.METRIC_NAME, "target_info"));
        } else if (!positiveName) {
            select.add(LabelMatcher.regex(Labels.METRIC_NAME, ".+_info"));
        }
        boolean emptyOk = true;
        for (LabelMatcher m : dataMatchers) {
            emptyOk &= m.matchesEmpty();
        }
        long[] ref = new long[n];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            ref[i] = referenceTime(ev, c.args().get(0), s.t(i));
            min = Math.min(min, ref[i]);
            max = Math.max(max, ref[i]);
        }
        long lookback = ev.options.lookbackDelta();
        List<RangeSeries> infos = ev.load(select, min - lookback + 1, max, false, "");
        // Index info series by their identifying label values.
        Map<String, List<RangeSeries>> byIdentity = new HashMap<>();
        for (RangeSeries is : infos) {
            byIdentity.computeIfAbsent(identity(is.labels), k -> new ArrayList<>()).add(is);
        }
        Evaluator.RowSet out = new Evaluator.RowSet(n);
        for (Row r : base) {
            boolean isInfo = positiveName;
            for (LabelMatcher m : nameMatchers) {
                isInfo &= m.matches(r.labels);
            }
            boolean hasIdentity = false;
            for (String id : IDENTIFYING) {
                hasIdentity |= r.labels.has(id);
            }
            if (isInfo || !hasIdentity) {
                if (isInfo || emptyOk) {
                    out.merge(r.labels, r, true);
                }
                continue;
            }
            List<RangeSeries> cands = byIdentity.getOrDefault(identity(r.labels), List.of());
            Map<Labels, Row> cache = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (!r.has(i)) {
                    continue;
                }
                Labels enriched = enrich(r.labels, cands, dataMatchers, ref[i], lookback);
                if (enriched == null) {
                    if (!emptyOk) {
                        continue;
                    }
                    enriched = r.labels;
                }
                Row target = cache.get(enriched);
                if (target == null) {
                    target = out.get(enriched, r.dropName);
                    cache.put(enriched, target);
                }
                if (target.has(i)) {
                    throw Evaluator.execError("vector cannot contain metrics with the same labelset");
                }
                target.v[i] = r.v[i];
            }
        }
        List<Row> rows = out.rows();
        rows.removeIf(x -> x.count() == 0);
        return rows;
    }

    private static String identity(Labels l) {
        StringBuilder sb = new StringBuilder();
        for (String id : IDENTIFYING) {
            sb.append(l.get(id)).append('\u0000');
        }
        return sb.toString();
    }

    /** The base labels plus the info data labels current at t, or null when no info series applies. */
    private static Labels enrich(Labels base, List<RangeSeries> cands, List<LabelMatcher> dataMatchers, long t,
            long lookback) {
        // Per info metric name, the series with the newest sample in the lookback window.
        Map<String, RangeSeries> newest = new LinkedHashMap<>();
        Map<String, Long> newestT = new HashMap<>();
        for (RangeSeries is : cands) {
            int hi = Evaluator.upperIndex(is, t);
            if (hi == 0) {
                continue;
            }
            long st = is.t[hi - 1];
            if (st <= t - lookback || StaleNaN.isStale(is.v[hi - 1])) {
                continue;
            }
            boolean ok = true;
            for (LabelMatcher m : dataMatchers) {
                if (!m.matches(is.labels)) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                continue;
            }
            String name = is.labels.metricName();
            Long prev = newestT.get(name);
            if (prev == null || st > prev) {
                newest.put(name, is);
                newestT.put(name, st);
            }
        }
        if (newest.isEmpty()) {
            return null;
        }
        Labels.Builder b = base.toBuilder();
        Map<String, String> added = new HashMap<>();
        for (RangeSeries is : newest.values()) {
            for (int k = 0; k < is.labels.size(); k++) {
                String name = is.labels.name(k);
                String value = is.labels.value(k);
                if (name.equals(Labels.METRIC_NAME) || name.equals("instance") || name.equals("job")
                        || base.has(name)) {
                    continue;
                }
                if (!dataMatchers.isEmpty() && !named(dataMatchers, name)) {
                    continue;
                }
                String prev = added.put(name, value);
                if (prev != null && !prev.equals(value)) {
                    throw Evaluator.execError("conflicting label " + name + ": info series disagree (\"" + prev
                            + "\" vs \"" + value + "\")");
                }
                b.set(name, value);
            }
        }
        return b.build();
    }

    private static boolean named(List<LabelMatcher> ms, String name) {
        for (LabelMatcher m : ms) {
            if (m.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The time the base expression's samples are read for a step at t: @ and offsets applied. */
    static long referenceTime(Evaluator ev, Expr e, long t) {
        return switch (e) {
            case VectorSelector vs -> vs.at().resolve(t, ev.queryStart, ev.queryEnd) - vs.offset();
            case MatrixSelector ms -> referenceTime(ev, ms.selector(), t);
            case SubqueryExpr sq -> referenceTime(ev, sq.expr(), sq.at().resolve(t, ev.queryStart, ev.queryEnd)
                    - sq.offset());
            case ParenExpr p -> referenceTime(ev, p.expr(), t);
            case UnaryExpr u -> referenceTime(ev, u.expr(), t);
            case Call call -> {
                for (Expr a : call.args()) {
                    if (a.type() == org.osprey.promql.value.ValueType.VECTOR
                            || a.type() == org.osprey.promql.value.ValueType.MATRIX) {
                        yield referenceTime(ev, a, t);
                    }
                }
                yield t;
            }
            case AggregateExpr a -> referenceTime(ev, a.expr(), t);
            case BinaryExpr b -> referenceTime(ev, b.lhs().type() == org.osprey.promql.value.ValueType.VECTOR
                    ? b.lhs() : b.rhs(), t);
            default -> t;
        };
    }
}
