package org.osprey.promql.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.Labels;
import org.osprey.promql.parser.BinaryExpr;
import org.osprey.promql.parser.BinaryOp;
import org.osprey.promql.parser.VectorMatching;
import org.osprey.promql.parser.VectorMatching.Cardinality;

/** Binary operators between scalars and instant vectors, with Prometheus's matching rules. Thread-safe: stateless. */
final class BinaryOps {
    private BinaryOps() {
    }

    static Object eval(Evaluator ev, BinaryExpr b, Steps s) {
        Object l = ev.eval(b.lhs(), s);
        Object r = ev.eval(b.rhs(), s);
        BinaryOp op = b.op();
        if (l instanceof double[] ls && r instanceof double[] rs) {
            double[] out = new double[s.n()];
            for (int i = 0; i < out.length; i++) {
                double x = arith(op, ls[i], rs[i]);
                out[i] = op.isComparison() ? (compare(op, ls[i], rs[i]) ? 1 : 0) : x;
            }
            return out;
        }
        if (l instanceof double[] ls) {
            return vectorScalar(ev, castRows(r), ls, op, true, b.returnBool());
        }
        if (r instanceof double[] rs) {
            return vectorScalar(ev, castRows(l), rs, op, false, b.returnBool());
        }
        List<Row> lrows = castRows(l);
        List<Row> rrows = castRows(r);
        return switch (op) {
            case AND -> and(lrows, rrows, b.matching(), s.n(), false);
            case UNLESS -> and(lrows, rrows, b.matching(), s.n(), true);
            case OR -> or(lrows, rrows, b.matching(), s.n());
            default -> vectorVector(ev, lrows, rrows, b, s.n());
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Row> castRows(Object o) {
        return (List<Row>) o;
    }

    static boolean isArithmetic(BinaryOp op) {
        return !op.isComparison() && !op.isSetOperator();
    }

    static double arith(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MOD -> a % b;
            case POW -> pow(a, b);
            case ATAN2 -> Math.atan2(a, b);
            default -> a;
        };
    }

    /** Go's math.Pow differs from Java's for a base of 1 or -1 with NaN or infinite exponents. */
    static double pow(double a, double b) {
        if (b == 0) {
            return 1;
        }
        if (a == 1) {
            return 1;
        }
        if (a == -1 && Double.isInfinite(b)) {
            return 1;
        }
        return Math.pow(a, b);
    }

    static boolean compare(BinaryOp op, double a, double b) {
        return switch (op) {
            case EQL -> a == b;
            case NEQ -> a != b;
            case GTR -> a > b;
            case LSS -> a < b;
            case GTE -> a >= b;
            case LTE -> a <= b;
            default -> false;
        };
    }

    private static List<Row> vectorScalar(Evaluator ev, List<Row> rows, double[] sc, BinaryOp op, boolean scalarLeft,
            boolean returnBool) {
        List<Row> out = new ArrayList<>(rows.size());
        boolean cmp = op.isComparison();
        for (Row r : rows) {
            double[] v = new double[r.v.length];
            boolean any = false;
            for (int i = 0; i < v.length; i++) {
                double x = r.v[i];
                if (Row.absent(x)) {
                    v[i] = Row.ABSENT;
                    continue;
                }
                double a = scalarLeft ? sc[i] : x;
                double b = scalarLeft ? x : sc[i];
                if (cmp) {
                    boolean keep = compare(op, a, b);
                    if (returnBool) {
                        v[i] = keep ? 1 : 0;
                    } else {
                        v[i] = keep ? x : Row.ABSENT;
                    }
                } else {
                    v[i] = arith(op, a, b);
                }
                any |= !Row.absent(v[i]);
            }
            if (any) {
                out.add(new Row(r.labels, v, r.dropName || returnBool || !cmp));
            }
        }
        ev.hold(out.size() * (long) (rows.isEmpty() ? 0 : rows.get(0).v.length));
        return out;
    }

    /** The matching signature: the on() labels, or all labels but the ignoring() ones and the name. */
    static Labels signature(Labels l, VectorMatching m) {
        if (m != null && m.on()) {
            return l.keepOnly(m.matchingLabels());
        }
        Labels.Builder b = l.toBuilder();
        b.del(Labels.METRIC_NAME);
        if (m != null) {
            for (String n : m.matchingLabels()) {
                b.del(n);
            }
        }
        return b.build();
    }

    private static List<Row> and(List<Row> lhs, List<Row> rhs, VectorMatching m, int n, boolean unless) {
        Map<Labels, List<Row>> bySig = new HashMap<>();
        for (Row r : rhs) {
            bySig.computeIfAbsent(signature(r.labels, m), k -> new ArrayList<>()).add(r);
        }
        List<Row> out = new ArrayList<>();
        for (Row l : lhs) {
            List<Row> matches = bySig.get(signature(l.labels, m));
            double[] v = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (!l.has(i)) {
                    v[i] = Row.ABSENT;
                    continue;
                }
                boolean found = false;
                if (matches != null) {
                    for (Row r : matches) {
                        if (r.has(i)) {
                            found = true;
                            break;
                        }
                    }
                }
                boolean keep = unless ? !found : found;
                v[i] = keep ? l.v[i] : Row.ABSENT;
                any |= keep;
            }
            if (any) {
                out.add(new Row(l.labels, v, l.dropName));
            }
        }
        return out;
    }

    private static List<Row> or(List<Row> lhs, List<Row> rhs, VectorMatching m, int n) {
        Map<Labels, List<Row>> bySig = new HashMap<>();
        for (Row l : lhs) {
            bySig.computeIfAbsent(signature(l.labels, m), k -> new ArrayList<>()).add(l);
        }
        Evaluator.RowSet set = new Evaluator.RowSet(n);
        for (Row l : lhs) {
            set.merge(l.labels, l, true);
        }
        for (Row r : rhs) {
            List<Row> matches = bySig.get(signature(r.labels, m));
            double[] v = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                v[i] = Row.ABSENT;
                if (!r.has(i)) {
                    continue;
                }
                boolean found = false;
                if (matches != null) {
                    for (Row l : matches) {
                        if (l.has(i)) {
                            found = true;
                            break;
                        }
                    }
                }
                if (!found) {
                    v[i] = r.v[i];
                    any = true;
                }
            }
            if (any) {
                set.merge(r.labels, new Row(r.labels, v, r.dropName), false);
            }
        }
        return set.rows();
    }

    private static List<Row> vectorVector(Evaluator ev, List<Row> lhs, List<Row> rhs, BinaryExpr b, int n) {
        VectorMatching m = b.matching();
        BinaryOp op = b.op();
        boolean swap = m.card() == Cardinality.ONE_TO_MANY;
        List<Row> many = swap ? rhs : lhs;
        List<Row> one = swap ? lhs : rhs;
        Map<Labels, List<Row>> oneBySig = new HashMap<>();
        for (Row r : one) {
            oneBySig.computeIfAbsent(signature(r.labels, m), k -> new ArrayList<>()).add(r);
        }
        // Duplicates on the "one" side are an error at any step where both are present.
        for (Map.Entry<Labels, List<Row>> e : oneBySig.entrySet()) {
            List<Row> group = e.getValue();
            if (group.size() < 2) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                Row first = null;
                for (Row r : group) {
                    if (r.has(i)) {
                        if (first != null) {
                            throw Evaluator.execError("found duplicate series for the match group " + e.getKey()
                                    + " on the " + (swap ? "left" : "right") + " hand-side of the operation: ["
                                    + first.labels + ", " + r.labels
                                    + "];many-to-many matching not allowed: matching labels must be unique on one side");
                        }
                        first = r;
                    }
                }
            }
        }
        boolean cmp = op.isComparison();
        boolean returnBool = b.returnBool();
        Evaluator.RowSet set = new Evaluator.RowSet(n);
        Map<Labels, Row[]> oneToOneOwners = new HashMap<>(); // one-to-one: sig -> many-side row per step
        for (Row l : many) {
            Labels sig = signature(l.labels, m);
            List<Row> group = oneBySig.get(sig);
            if (group == null) {
                continue;
            }
            Map<Row, Row> outByOne = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (!l.has(i)) {
                    continue;
                }
                Row r = null;
                for (Row c : group) {
                    if (c.has(i)) {
                        r = c;
                        break;
                    }
                }
                if (r == null) {
                    continue;
                }
                if (m.card() == Cardinality.ONE_TO_ONE) {
                    // Checked before filtering: upstream fails even when the comparison drops both samples.
                    Row[] owners = oneToOneOwners.computeIfAbsent(sig, k -> new Row[n]);
                    if (owners[i] != null && owners[i] != l) {
                        throw Evaluator.execError(
                                "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                    }
                    owners[i] = l;
                }
                double fl = swap ? r.v[i] : l.v[i];
                double fr = swap ? l.v[i] : r.v[i];
                double value;
                if (cmp) {
                    boolean keep = compare(op, fl, fr);
                    if (returnBool) {
                        value = keep ? 1 : 0;
                    } else if (keep) {
                        value = fl;
                    } else {
                        continue;
                    }
                } else {
                    value = arith(op, fl, fr);
                }
                Row target = outByOne.get(r);
                if (target == null) {
                    Labels res = resultLabels(l.labels, r.labels, m);
                    target = set.get(res, l.dropName || returnBool || !cmp);
                    outByOne.put(r, target);
                }
                if (m.card() != Cardinality.ONE_TO_ONE && target.has(i)) {
                    throw Evaluator.execError("multiple matches for labels: grouping labels must ensure unique results");
                }
                if (target.has(i)) {
                    throw Evaluator.execError("vector cannot contain metrics with the same labelset");
                }
                target.v[i] = value;
                target.dropName |= l.dropName || returnBool || !cmp;
            }
        }
        if (m.fillLeft() != null || m.fillRight() != null) {
            fill(lhs, rhs, b, oneBySig, set, n);
        }
        List<Row> out = set.rows();
        out.removeIf(r -> r.count() == 0);
        return out;
    }

    /**
     * The fill modifiers: a sample whose partner is missing at a step is combined with the fill value
     * instead. fill_left stands in for the many (left, or right under group_right) side, fill_right for
     * the one side; a result from a filled many side carries the match group's labels.
     */
    private static void fill(List<Row> lhs, List<Row> rhs, BinaryExpr b, Map<Labels, List<Row>> oneBySig,
            Evaluator.RowSet set, int n) {
        VectorMatching m = b.matching();
        boolean swap = m.card() == Cardinality.ONE_TO_MANY;
        List<Row> many = swap ? rhs : lhs;
        List<Row> one = swap ? lhs : rhs;
        // Upstream applies fill_left to the many side and fill_right to the one side, also under group_right.
        Double fillMany = m.fillLeft();
        Double fillOne = m.fillRight();
        Map<Labels, List<Row>> manyBySig = new HashMap<>();
        for (Row r : many) {
            manyBySig.computeIfAbsent(signature(r.labels, m), k -> new ArrayList<>()).add(r);
        }
        BinaryOp op = b.op();
        boolean cmp = op.isComparison();
        if (fillOne != null) {
            for (Row l : many) {
                List<Row> group = oneBySig.get(signature(l.labels, m));
                Row target = null;
                for (int i = 0; i < n; i++) {
                    if (!l.has(i) || present(group, i)) {
                        continue;
                    }
                    double fl = swap ? fillOne : l.v[i];
                    double fr = swap ? l.v[i] : fillOne;
                    double value = combine(op, fl, fr, b.returnBool());
                    if (Row.absent(value)) {
                        continue;
                    }
                    if (target == null) {
                        target = set.get(resultLabels(l.labels, Labels.EMPTY, m), l.dropName || b.returnBool() || !cmp);
                    }
                    target.v[i] = value;
                }
            }
        }
        if (fillMany != null) {
            for (Row r : one) {
                Labels sig = signature(r.labels, m);
                List<Row> group = manyBySig.get(sig);
                Row target = null;
                for (int i = 0; i < n; i++) {
                    if (!r.has(i) || present(group, i)) {
                        continue;
                    }
                    double fl = swap ? r.v[i] : fillMany;
                    double fr = swap ? fillMany : r.v[i];
                    double value = combine(op, fl, fr, b.returnBool());
                    if (Row.absent(value)) {
                        continue;
                    }
                    if (target == null) {
                        target = set.get(resultLabels(sig, r.labels, m), b.returnBool() || !cmp);
                    }
                    target.v[i] = value;
                }
            }
        }
    }

    private static boolean present(List<Row> group, int i) {
        if (group != null) {
            for (Row r : group) {
                if (r.has(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The operation on two values; ABSENT when a comparison filters the pair out. */
    private static double combine(BinaryOp op, double fl, double fr, boolean returnBool) {
        if (op.isComparison()) {
            boolean keep = compare(op, fl, fr);
            if (returnBool) {
                return keep ? 1 : 0;
            }
            return keep ? fl : Row.ABSENT;
        }
        return arith(op, fl, fr);
    }

    /** Labels of a result sample: the many side's, reduced by on()/ignoring() for one-to-one, plus group_x labels. */
    private static Labels resultLabels(Labels many, Labels one, VectorMatching m) {
        Labels.Builder b = many.toBuilder();
        if (m.card() == Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                Labels kept = many.keepOnly(m.matchingLabels());
                b = kept.toBuilder();
            } else {
                for (String n : m.matchingLabels()) {
                    b.del(n);
                }
            }
        }
        for (String n : m.include()) {
            String v = one.get(n);
            if (v.isEmpty()) {
                b.del(n);
            } else {
                b.set(n, v);
            }
        }
        return b.build();
    }
}
