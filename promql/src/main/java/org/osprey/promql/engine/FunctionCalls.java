package org.osprey.promql.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;
import org.osprey.model.labels.MatchType;
import org.osprey.model.labels.RegexCompiler;
import org.osprey.promql.parser.Call;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.MatrixSelector;
import org.osprey.promql.parser.ParenExpr;
import org.osprey.promql.parser.VectorSelector;

/** Function calls: element-wise math, range-vector functions, label functions. Thread-safe: stateless. */
final class FunctionCalls {
    private FunctionCalls() {
    }

    static Object eval(Evaluator ev, Call c, Steps s) {
        String name = c.function().name();
        List<Expr> args = c.args();
        int n = s.n();
        switch (name) {
            case "time" -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = s.t(i) / 1000.0;
                }
                return out;
            }
            case "step", "range", "start", "end" -> {
                double v = switch (name) {
                    case "step" -> ev.queryStep / 1000.0;
                    case "range" -> (ev.queryEnd - ev.queryStart) / 1000.0;
                    case "start" -> ev.queryStart / 1000.0;
                    default -> ev.queryEnd / 1000.0;
                };
                double[] out = new double[n];
                Arrays.fill(out, v);
                return out;
            }
            case "min_of", "max_of" -> {
                double[] a = ev.evalScalar(args.get(0), s);
                double[] b = ev.evalScalar(args.get(1), s);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = name.equals("min_of") ? Math.min(a[i], b[i]) : Math.max(a[i], b[i]);
                }
                return out;
            }
            case "pi" -> {
                double[] out = new double[n];
                Arrays.fill(out, Math.PI);
                return out;
            }
            case "vector" -> {
                double[] sc = ev.evalScalar(args.get(0), s);
                return new ArrayList<>(List.of(new Row(Labels.EMPTY, sc.clone(), false)));
            }
            case "scalar" -> {
                List<Row> rows = ev.evalVector(args.get(0), s);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    int cnt = 0;
                    double v = Double.NaN;
                    for (Row r : rows) {
                        if (r.has(i)) {
                            cnt++;
                            v = r.v[i];
                        }
                    }
                    out[i] = cnt == 1 ? v : Double.NaN;
                }
                return out;
            }
            case "timestamp" -> {
                Expr a = unwrap(args.get(0));
                List<Row> rows;
                if (a instanceof VectorSelector vs) {
                    rows = ev.selectVector(vs, s, true);
                } else {
                    rows = ev.evalVector(a, s);
                    List<Row> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        double[] v = new double[n];
                        for (int i = 0; i < n; i++) {
                            v[i] = r.has(i) ? s.t(i) / 1000.0 : Row.ABSENT;
                        }
                        out.add(new Row(r.labels, v, true));
                    }
                    return out;
                }
                for (Row r : rows) {
                    r.dropName = true;
                }
                return rows;
            }
            case "absent" -> {
                List<Row> rows = ev.evalVector(args.get(0), s);
                return absent(rows, absentLabels(args.get(0)), n);
            }
            case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc" -> {
                return sort(ev, c, s);
            }
            case "label_replace" -> {
                return labelReplace(ev, c, s);
            }
            case "label_join" -> {
                return labelJoin(ev, c, s);
            }
            case "histogram_quantile", "histogram_fraction", "histogram_quantiles" -> {
                return ClassicHistograms.eval(ev, c, s);
            }
            case "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev", "histogram_stdvar" -> {
                ev.evalVector(args.get(0), s);
                return new ArrayList<Row>(); // native histograms only; float samples are ignored
            }
            case "info" -> {
                return InfoFunction.eval(ev, c, s);
            }
            case "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year" -> {
                return dateFunction(ev, name, args, s);
            }
            case "clamp", "clamp_min", "clamp_max", "round" -> {
                return clampRound(ev, c, s);
            }
            default -> {
            }
        }
        if (c.function().argTypes().size() > 0
                && c.function().argTypes().contains(org.osprey.promql.value.ValueType.MATRIX)) {
            return RangeFunctions.eval(ev, c, s);
        }
        return mathFunction(ev, name, ev.evalVector(args.get(0), s), n);
    }

    static Expr unwrap(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }

    private static List<Row> mathFunction(Evaluator ev, String name, List<Row> rows, int n) {
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double x = r.v[i];
                v[i] = Row.absent(x) ? x : apply(name, x);
            }
            out.add(new Row(r.labels, v, true));
        }
        return out;
    }

    static double apply(String name, double x) {
        return switch (name) {
            case "abs" -> Math.abs(x);
            case "ceil" -> Math.ceil(x);
            case "floor" -> Math.floor(x);
            case "exp" -> Math.exp(x);
            case "sqrt" -> Math.sqrt(x);
            case "ln" -> Math.log(x);
            case "log2" -> log2(x);
            case "log10" -> Math.log10(x);
            case "sgn" -> x > 0 ? 1 : (x < 0 ? -1 : x);
            case "deg" -> x * 180 / Math.PI;
            case "rad" -> x * Math.PI / 180;
            case "acos" -> Math.acos(x);
            case "asin" -> Math.asin(x);
            case "atan" -> Math.atan(x);
            case "cos" -> Math.cos(x);
            case "sin" -> Math.sin(x);
            case "tan" -> Math.tan(x);
            case "cosh" -> Math.cosh(x);
            case "sinh" -> Math.sinh(x);
            case "tanh" -> Math.tanh(x);
            case "acosh" -> x < 1 ? Double.NaN : Math.log(x + Math.sqrt(x * x - 1));
            case "asinh" -> Double.isInfinite(x) ? x
                    : (x == 0 ? x : Math.copySign(Math.log(Math.abs(x) + Math.sqrt(x * x + 1)), x));
            case "atanh" -> Math.abs(x) > 1 ? Double.NaN : (x == 0 ? x : 0.5 * Math.log((1 + x) / (1 - x)));
            default -> throw Evaluator.execError("function " + name + " is not supported");
        };
    }

    /** Go's math.Log2: exact for powers of two. */
    static double log2(double x) {
        if (x > 0 && !Double.isInfinite(x) && Double.isFinite(x)) {
            int e = Math.getExponent(x);
            if (e >= Double.MIN_EXPONENT && x == Math.scalb(1.0, e)) {
                return e;
            }
        }
        return Math.log(x) / Math.log(2);
    }

    private static List<Row> clampRound(Evaluator ev, Call c, Steps s) {
        String name = c.function().name();
        List<Row> rows = ev.evalVector(c.args().get(0), s);
        int n = s.n();
        double[] p1 = c.args().size() > 1 ? ev.evalScalar(c.args().get(1), s) : null;
        double[] p2 = c.args().size() > 2 ? ev.evalScalar(c.args().get(2), s) : null;
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            double[] v = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                double x = r.v[i];
                if (Row.absent(x)) {
                    v[i] = x;
                    continue;
                }
                switch (name) {
                    case "clamp" -> {
                        if (p2[i] < p1[i]) {
                            v[i] = Row.ABSENT;
                            continue;
                        }
                        v[i] = Math.max(p1[i], Math.min(p2[i], x));
                    }
                    case "clamp_min" -> v[i] = Math.max(p1[i], x);
                    case "clamp_max" -> v[i] = Math.min(p1[i], x);
                    default -> {
                        double to = p1 == null ? 1 : p1[i];
                        double inv = 1.0 / to;
                        v[i] = Math.floor(x * inv + 0.5) / inv;
                    }
                }
                any = true;
            }
            if (any) {
                out.add(new Row(r.labels, v, true));
            }
        }
        return out;
    }

    private static List<Row> dateFunction(Evaluator ev, String name, List<Expr> args, Steps s) {
        int n = s.n();
        List<Row> rows;
        if (args.isEmpty()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = s.t(i) / 1000.0;
            }
            rows = List.of(new Row(Labels.EMPTY, v, false));
        } else {
            rows = ev.evalVector(args.get(0), s);
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double x = r.v[i];
                if (Row.absent(x)) {
                    v[i] = x;
                    continue;
                }
                if (Double.isNaN(x) || Double.isInfinite(x)) {
                    v[i] = x;
                    continue;
                }
                ZonedDateTime t = Instant.ofEpochSecond((long) x).atZone(ZoneOffset.UTC);
                v[i] = switch (name) {
                    case "day_of_month" -> t.getDayOfMonth();
                    case "day_of_week" -> t.getDayOfWeek().getValue() % 7;
                    case "day_of_year" -> t.getDayOfYear();
                    case "days_in_month" -> t.toLocalDate().lengthOfMonth();
                    case "hour" -> t.getHour();
                    case "minute" -> t.getMinute();
                    case "month" -> t.getMonthValue();
                    default -> t.getYear();
                };
            }
            out.add(new Row(r.labels, v, true));
        }
        return out;
    }

    /** Labels absent() reports: the equality matchers of a plain selector, each name used once only. */
    static Labels absentLabels(Expr arg) {
        Expr e = unwrap(arg);
        List<LabelMatcher> matchers;
        if (e instanceof VectorSelector vs) {
            matchers = vs.matchers();
        } else if (e instanceof MatrixSelector ms) {
            matchers = ms.selector().matchers();
        } else {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        java.util.Set<String> dup = new java.util.HashSet<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LabelMatcher m : matchers) {
            if (!seen.add(m.name())) {
                dup.add(m.name());
            }
        }
        for (LabelMatcher m : matchers) {
            if (m.type() == MatchType.EQUAL && !m.name().equals(Labels.METRIC_NAME) && !dup.contains(m.name())) {
                b.set(m.name(), m.value());
            }
        }
        return b.build();
    }

    static List<Row> absent(List<Row> rows, Labels labels, int n) {
        double[] v = new double[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            boolean present = false;
            for (Row r : rows) {
                if (r.has(i)) {
                    present = true;
                    break;
                }
            }
            v[i] = present ? Row.ABSENT : 1;
            any |= !present;
        }
        List<Row> out = new ArrayList<>();
        if (any) {
            out.add(new Row(labels, v, false));
        }
        return out;
    }

    private static List<Row> sort(Evaluator ev, Call c, Steps s) {
        String name = c.function().name();
        List<Row> rows = new ArrayList<>(ev.evalVector(c.args().get(0), s));
        if (s.n() > 1) {
            ev.warn("sort is ineffective for range queries since results are always ordered by labels", c);
            return rows;
        }
        switch (name) {
            case "sort" -> rows.sort((a, b) -> sortAsc(a.v[0], b.v[0]));
            case "sort_desc" -> rows.sort((a, b) -> sortDesc(a.v[0], b.v[0]));
            default -> {
                List<String> names = new ArrayList<>();
                for (int i = 1; i < c.args().size(); i++) {
                    names.add((String) ev.eval(c.args().get(i), s));
                }
                Comparator<Row> cmp = (a, b) -> {
                    for (String l : names) {
                        int r = NaturalOrder.compare(a.labels.get(l), b.labels.get(l));
                        if (r != 0) {
                            return r;
                        }
                    }
                    return a.labels.compareTo(b.labels);
                };
                rows.sort(name.endsWith("_desc") ? cmp.reversed() : cmp);
            }
        }
        return rows;
    }

    /** sort(): ascending, NaN last. */
    static int sortAsc(double a, double b) {
        return Aggregations.compareAscNanLast(a, b);
    }

    /** sort_desc(): descending, NaN last. */
    static int sortDesc(double a, double b) {
        return Aggregations.compareDescNanLast(a, b);
    }

    private static List<Row> labelReplace(Evaluator ev, Call c, Steps s) {
        List<Row> rows = ev.evalVector(c.args().get(0), s);
        String dst = (String) ev.eval(c.args().get(1), s);
        String repl = (String) ev.eval(c.args().get(2), s);
        String src = (String) ev.eval(c.args().get(3), s);
        String regex = (String) ev.eval(c.args().get(4), s);
        Pattern p;
        try {
            p = RegexCompiler.compileAnchored(regex);
        } catch (IllegalArgumentException e) {
            throw Evaluator.execError("invalid regular expression in label_replace(): " + regex);
        }
        if (!LabelNames.isValidName(dst)) {
            throw Evaluator.execError("invalid destination label name in label_replace(): " + dst);
        }
        Evaluator.RowSet set = new Evaluator.RowSet(s.n());
        for (Row r : rows) {
            Matcher m = p.matcher(r.labels.get(src));
            Labels l = r.labels;
            boolean dropName = r.dropName;
            if (m.matches()) {
                String res = expand(repl, m);
                l = r.labels.toBuilder().set(dst, res).build();
                if (dst.equals(Labels.METRIC_NAME)) {
                    dropName = false;
                }
            }
            set.merge(l, new Row(l, r.v, dropName), true);
        }
        return set.rows();
    }

    /** Go regexp.Expand: $1, ${1}, $name, ${name}, $$; an unknown group expands to "". */
    static String expand(String template, Matcher m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char ch = template.charAt(i);
            if (ch != '$' || i + 1 >= template.length()) {
                sb.append(ch);
                continue;
            }
            char nx = template.charAt(i + 1);
            if (nx == '$') {
                sb.append('$');
                i++;
                continue;
            }
            String name;
            int end;
            if (nx == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    sb.append(ch);
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close;
                if (name.isEmpty() || !name.chars().allMatch(FunctionCalls::isWordChar)) {
                    sb.append(ch);
                    continue;
                }
            } else {
                int j = i + 1;
                while (j < template.length() && isWordChar(template.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    sb.append(ch);
                    continue;
                }
                name = template.substring(i + 1, j);
                end = j - 1;
            }
            sb.append(group(m, name));
            i = end;
        }
        return sb.toString();
    }

    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String group(Matcher m, String name) {
        String g;
        if (name.chars().allMatch(Character::isDigit)) {
            int idx;
            try {
                idx = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                return "";
            }
            g = idx <= m.groupCount() ? m.group(idx) : null;
        } else {
            try {
                g = m.group(name);
            } catch (IllegalArgumentException e) {
                g = null;
            }
        }
        return g == null ? "" : g;
    }

    private static List<Row> labelJoin(Evaluator ev, Call c, Steps s) {
        List<Row> rows = ev.evalVector(c.args().get(0), s);
        String dst = (String) ev.eval(c.args().get(1), s);
        String sep = (String) ev.eval(c.args().get(2), s);
        List<String> srcs = new ArrayList<>();
        for (int i = 3; i < c.args().size(); i++) {
            String l = (String) ev.eval(c.args().get(i), s);
            if (!LabelNames.isValidName(l)) {
                throw Evaluator.execError("invalid source label name in label_join(): " + l);
            }
            srcs.add(l);
        }
        if (!LabelNames.isValidName(dst)) {
            throw Evaluator.execError("invalid destination label name in label_join(): " + dst);
        }
        Evaluator.RowSet set = new Evaluator.RowSet(s.n());
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < srcs.size(); i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(r.labels.get(srcs.get(i)));
            }
            Labels l = r.labels.toBuilder().set(dst, sb.toString()).build();
            boolean dropName = r.dropName && !dst.equals(Labels.METRIC_NAME);
            set.merge(l, new Row(l, r.v, dropName), true);
        }
        return set.rows();
    }
}
