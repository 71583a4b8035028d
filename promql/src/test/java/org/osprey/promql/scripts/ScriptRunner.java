package org.osprey.promql.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.PromDuration;
import org.osprey.model.value.StaleNaN;
import org.osprey.promql.Engine;
import org.osprey.promql.PromqlException;
import org.osprey.promql.QueryResult;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.PromqlParser;
import org.osprey.promql.parser.Strings;
import org.osprey.promql.testing.SeriesNotation;
import org.osprey.promql.value.Matrix;
import org.osprey.promql.value.Sample;
import org.osprey.promql.value.Scalar;
import org.osprey.promql.value.Series;
import org.osprey.promql.value.StringValue;
import org.osprey.promql.value.Value;
import org.osprey.promql.value.Vector;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Storage;

/**
 * Runs one upstream PromQL test script with the upstream runner's semantics (FORMAT.md): loads,
 * clears, evals with expectations, plus the range-mode and {@code @ T} re-checks for instant evals.
 * Single-threaded.
 */
final class ScriptRunner {
    private static final Pattern INSTANT = Pattern.compile(
            "^eval(?:_(fail|warn|info|ordered))?\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
    private static final Pattern RANGE = Pattern.compile(
            "^eval(?:_(fail|warn|info|ordered))?\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");
    private static final Pattern NUMBER = Pattern.compile(
            "^[+-]?(?:[iI][nN][fF]|[nN][aA][nN]|0[xX][0-9a-fA-F]+|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)$");
    private static final Pattern AT_FUNCS = Pattern.compile(
            "\\b(time|timestamp|day_of_month|day_of_week|day_of_year|days_in_month|hour|minute|month|year|"
                    + "predict_linear|start|end|range|step)\\s*\\(");

    /** Outcome of one eval command. */
    record EvalOutcome(int line, String expr, boolean passed, String message) {
    }

    private final Supplier<Storage> storageFactory;
    private final Engine engine;
    private Storage storage;

    ScriptRunner(Supplier<Storage> storageFactory, Engine engine) {
        this.storageFactory = storageFactory;
        this.engine = engine;
    }

    List<EvalOutcome> run(Path file) throws IOException {
        List<String> raw = Files.readAllLines(file);
        List<String> lines = new ArrayList<>(raw.size());
        for (String l : raw) {
            String t = l.strip();
            lines.add(t.startsWith("#") ? "" : t);
        }
        storage = storageFactory.get();
        List<EvalOutcome> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isEmpty()) {
                i++;
                continue;
            }
            int start = i;
            i++;
            List<String> block = new ArrayList<>();
            boolean takesBlock = !l.equals("clear");
            while (takesBlock && i < lines.size() && !lines.get(i).isEmpty()) {
                block.add(lines.get(i));
                i++;
            }
            String cmd = l.split("\\s+")[0];
            switch (cmd) {
                case "clear" -> {
                    storage.close();
                    storage = storageFactory.get();
                }
                case "load", "load_with_nhcb" -> load(l, block);
                default -> {
                    if (cmd.startsWith("eval")) {
                        out.add(eval(start + 1, l, block));
                    } else {
                        throw new IllegalStateException(file + ":" + (start + 1) + ": unknown command " + cmd);
                    }
                }
            }
        }
        storage.close();
        return out;
    }

    private void load(String cmd, List<String> block) {
        long step = PromDuration.parseMillis(cmd.split("\\s+")[1]);
        Map<Labels, SeriesNotation.Parsed> byLabels = new LinkedHashMap<>();
        for (String l : block) {
            if (l.contains("@st ")) {
                continue; // start-timestamp annotations (start_timestamps.test) are not modelled
            }
            SeriesNotation.Parsed p = SeriesNotation.parseLine(l);
            byLabels.put(p.labels(), p);
        }
        Appender app = storage.appender();
        for (SeriesNotation.Parsed p : byLabels.values()) {
            SeriesNotation.append(app, p, 0, step);
        }
        app.commit();
    }

    /** Expectations of one eval. */
    private static final class Expect {
        boolean fail;
        String failMsg;
        Pattern failRegex;
        boolean ordered;
        boolean rangeVector;
        long rvFrom;
        long rvTo;
        long rvStep;
        String string;
        Double scalar;
        final List<String[]> warn = new ArrayList<>(); // {kind, text} kind: any/msg/regex
        final List<String[]> info = new ArrayList<>();
        boolean noWarn;
        boolean noInfo;
        final LinkedHashMap<Labels, SeriesNotation.Parsed> series = new LinkedHashMap<>();
        final List<Labels> order = new ArrayList<>();
    }

    private EvalOutcome eval(int lineNo, String line, List<String> block) {
        Matcher im = INSTANT.matcher(line);
        Matcher rm = RANGE.matcher(line);
        boolean instant = im.matches();
        if (!instant && !rm.matches()) {
            return new EvalOutcome(lineNo, line, false, "unparsable eval line");
        }
        String legacy = instant ? im.group(1) : rm.group(1);
        String expr = instant ? im.group(3) : rm.group(5);
        Expect ex = new Expect();
        if ("fail".equals(legacy)) {
            ex.fail = true;
        } else if ("warn".equals(legacy)) {
            ex.warn.add(new String[] {"any", ""});
        } else if ("info".equals(legacy)) {
            ex.info.add(new String[] {"any", ""});
        } else if ("ordered".equals(legacy)) {
            ex.ordered = true;
        }
        try {
            parseBlock(block, ex);
        } catch (RuntimeException e) {
            return new EvalOutcome(lineNo, expr, false, "bad expectation block: " + e);
        }
        Expr parsed;
        try {
            parsed = instant ? PromqlParser.parse(expr, 0, 0)
                    : PromqlParser.parse(expr, PromDuration.parseMillis(rm.group(4)),
                            PromDuration.parseMillis(rm.group(3)) - PromDuration.parseMillis(rm.group(2)));
        } catch (PromqlException e) {
            return new EvalOutcome(lineNo, expr, false, "parse error: " + e.getMessage());
        }
        try {
            if (instant) {
                long t = PromDuration.parseMillis(im.group(2));
                String err = runInstant(parsed, expr, t, ex, true);
                if (err == null && !ex.fail && !ex.ordered && !ex.rangeVector && ex.string == null
                        && !expr.matches(".*\\b(start|end|range|step)\\s*\\(.*")) {
                    err = rangeCheck(parsed, expr, t, ex);
                }
                if (err == null && !ex.fail && !AT_FUNCS.matcher(expr).find()) {
                    err = atCheck(parsed, t, ex);
                }
                return new EvalOutcome(lineNo, expr, err == null, err);
            }
            long start = PromDuration.parseMillis(rm.group(2));
            long end = PromDuration.parseMillis(rm.group(3));
            long step = PromDuration.parseMillis(rm.group(4));
            String err = runRange(parsed, expr, start, end, step, ex);
            return new EvalOutcome(lineNo, expr, err == null, err);
        } catch (RuntimeException e) {
            return new EvalOutcome(lineNo, expr, false, "unexpected exception: " + e);
        }
    }

    private static void parseBlock(List<String> block, Expect ex) {
        for (int k = 0; k < block.size(); k++) {
            String l = block.get(k);
            if (l.startsWith("expect ")) {
                String rest = l.substring(7).strip();
                String word = rest.split("\\s+")[0];
                String tail = rest.substring(word.length()).strip();
                switch (word) {
                    case "fail" -> {
                        ex.fail = true;
                        if (tail.startsWith("msg:")) {
                            ex.failMsg = tail.substring(4).strip();
                        } else if (tail.startsWith("regex:")) {
                            ex.failRegex = Pattern.compile(tail.substring(6).strip());
                        }
                    }
                    case "warn", "info" -> {
                        String[] e;
                        if (tail.startsWith("msg:")) {
                            e = new String[] {"msg", tail.substring(4).strip()};
                        } else if (tail.startsWith("regex:")) {
                            e = new String[] {"regex", tail.substring(6).strip()};
                        } else {
                            e = new String[] {"any", ""};
                        }
                        (word.equals("warn") ? ex.warn : ex.info).add(e);
                    }
                    case "no_warn" -> ex.noWarn = true;
                    case "no_info" -> ex.noInfo = true;
                    case "ordered" -> ex.ordered = true;
                    case "string" -> ex.string = Strings.unquote(tail);
                    case "range" -> {
                        Matcher m = Pattern.compile("vector from (\\S+) to (\\S+) step (\\S+)").matcher(tail);
                        if (!m.matches()) {
                            throw new IllegalArgumentException("bad expect range vector: " + l);
                        }
                        ex.rangeVector = true;
                        ex.rvFrom = PromDuration.parseMillis(m.group(1));
                        ex.rvTo = PromDuration.parseMillis(m.group(2));
                        ex.rvStep = PromDuration.parseMillis(m.group(3));
                    }
                    default -> throw new IllegalArgumentException("unknown expect: " + l);
                }
                continue;
            }
            if (l.startsWith("expected_fail_message ")) {
                ex.fail = true;
                ex.failMsg = l.substring("expected_fail_message ".length()).strip();
                continue;
            }
            if (l.startsWith("expected_fail_regexp ")) {
                ex.fail = true;
                ex.failRegex = Pattern.compile(l.substring("expected_fail_regexp ".length()).strip());
                continue;
            }
            if (NUMBER.matcher(l).matches()) {
                ex.scalar = parseNumber(l);
                continue;
            }
            SeriesNotation.Parsed p = SeriesNotation.parseLine(l);
            if (ex.series.put(p.labels(), p) == null) {
                ex.order.add(p.labels());
            } else {
                ex.order.remove(p.labels());
                ex.order.add(p.labels());
            }
        }
    }

    private static double parseNumber(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        boolean neg = l.startsWith("-");
        String body = l.startsWith("-") || l.startsWith("+") ? l.substring(1) : l;
        double v;
        if (body.equals("inf")) {
            v = Double.POSITIVE_INFINITY;
        } else if (body.equals("nan")) {
            v = Double.NaN;
        } else if (body.startsWith("0x")) {
            v = Long.parseLong(body.substring(2), 16);
        } else {
            v = Double.parseDouble(body);
        }
        return neg ? -v : v;
    }

    private String runInstant(Expr parsed, String text, long t, Expect ex, boolean checkAnnotations) {
        QueryResult res;
        try {
            res = engine.instantQuery(storage, parsed, text, t).execute();
        } catch (PromqlException e) {
            return failureOutcome(ex, e);
        }
        if (ex.fail) {
            return "expected error but got result " + brief(res.value());
        }
        String err = checkAnnotations ? checkAnnotations(ex, res) : null;
        if (err != null) {
            return err;
        }
        return compareInstant(ex, res.value(), t);
    }

    private String runRange(Expr parsed, String text, long start, long end, long step, Expect ex) {
        QueryResult res;
        try {
            res = engine.rangeQuery(storage, parsed, text, start, end, step).execute();
        } catch (PromqlException e) {
            return failureOutcome(ex, e);
        }
        if (ex.fail) {
            return "expected error but got result " + brief(res.value());
        }
        String err = checkAnnotations(ex, res);
        if (err != null) {
            return err;
        }
        return compareMatrix(ex, (Matrix) res.value(), start, step, end);
    }

    private static String failureOutcome(Expect ex, PromqlException e) {
        if (!ex.fail) {
            return "unexpected error: " + e.getMessage();
        }
        if (ex.failMsg != null && !ex.failMsg.equals(e.getMessage())) {
            return "expected error \"" + ex.failMsg + "\" but got \"" + e.getMessage() + "\"";
        }
        if (ex.failRegex != null && !ex.failRegex.matcher(e.getMessage()).find()) {
            return "expected error matching " + ex.failRegex + " but got \"" + e.getMessage() + "\"";
        }
        return null;
    }

    private static String checkAnnotations(Expect ex, QueryResult res) {
        String e = checkKind("warning", ex.warn, ex.noWarn, res.warnings());
        return e != null ? e : checkKind("info", ex.info, ex.noInfo, res.infos());
    }

    private static String checkKind(String kind, List<String[]> expected, boolean none, List<String> got) {
        if (none && !got.isEmpty()) {
            return "expected no " + kind + " but got " + got;
        }
        if (expected.isEmpty()) {
            return null;
        }
        if (got.isEmpty()) {
            return "expected " + kind + " but got none";
        }
        for (String[] e : expected) {
            boolean ok = false;
            for (String g : got) {
                if (matchesAnnotation(e, g)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return "expected " + kind + " " + e[1] + " but got " + got;
            }
        }
        for (String g : got) {
            boolean ok = false;
            for (String[] e : expected) {
                if (matchesAnnotation(e, g)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return "unexpected " + kind + " " + g;
            }
        }
        return null;
    }

    private static boolean matchesAnnotation(String[] e, String got) {
        return switch (e[0]) {
            case "msg" -> e[1].equals(got);
            case "regex" -> Pattern.compile(e[1]).matcher(got).find();
            default -> true;
        };
    }

    private static String brief(Value v) {
        String s = String.valueOf(v);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private String compareInstant(Expect ex, Value v, long t) {
        if (ex.string != null) {
            if (!(v instanceof StringValue sv) || !sv.v().equals(ex.string)) {
                return "expected string \"" + ex.string + "\" got " + brief(v);
            }
            return null;
        }
        if (ex.scalar != null) {
            if (!(v instanceof Scalar sc)) {
                return "expected scalar " + ex.scalar + " got " + brief(v);
            }
            return almostEqual(ex.scalar, sc.v()) ? null : "expected scalar " + ex.scalar + " got " + sc.v();
        }
        if (ex.rangeVector) {
            if (!(v instanceof Matrix m)) {
                return "expected range vector, got " + brief(v);
            }
            return compareMatrix(ex, m, ex.rvFrom, ex.rvStep, ex.rvTo);
        }
        if (v instanceof Scalar) {
            return "expected vector, got scalar " + brief(v);
        }
        if (v instanceof Matrix m) {
            return "expected vector, got matrix " + brief(m);
        }
        if (!(v instanceof Vector vec)) {
            return "expected vector, got " + brief(v);
        }
        Map<Labels, Double> got = new HashMap<>();
        for (Sample s : vec.samples()) {
            if (got.put(s.labels(), s.v()) != null) {
                return "duplicate labels in result " + s.labels();
            }
        }
        for (Map.Entry<Labels, SeriesNotation.Parsed> e : ex.series.entrySet()) {
            if (e.getValue().histogramSlots() > 0) {
                return "native histogram expectation (not supported)";
            }
        }
        if (got.size() != ex.series.size()) {
            return "expected " + ex.series.size() + " samples, got " + got.size() + ": " + brief(vec) + " expected "
                    + ex.series.keySet();
        }
        for (Map.Entry<Labels, SeriesNotation.Parsed> e : ex.series.entrySet()) {
            Double g = got.get(e.getKey());
            if (g == null) {
                return "missing series " + e.getKey() + " in " + brief(vec);
            }
            SeriesNotation.Parsed p = e.getValue();
            if (p.size() != 1) {
                return "expected exactly one value for " + e.getKey();
            }
            if (!almostEqual(p.values()[0], g)) {
                return "for " + e.getKey() + " expected " + p.values()[0] + " got " + g;
            }
        }
        if (ex.ordered) {
            for (int k = 0; k < vec.samples().size(); k++) {
                if (!vec.samples().get(k).labels().equals(ex.order.get(k))) {
                    return "order mismatch at " + k + ": expected " + ex.order.get(k) + " got "
                            + vec.samples().get(k).labels();
                }
            }
        }
        return null;
    }

    private static String compareMatrix(Expect ex, Matrix m, long start, long step, long end) {
        if (ex.scalar != null) {
            return "expected scalar, got matrix";
        }
        for (int k = 1; k < m.series().size(); k++) {
            if (m.series().get(k - 1).labels().compareTo(m.series().get(k).labels()) >= 0) {
                return "matrix not sorted by labels";
            }
        }
        if (m.series().size() != ex.series.size()) {
            return "expected " + ex.series.size() + " series, got " + m.series().size() + ": " + brief(m);
        }
        for (Series s : m.series()) {
            SeriesNotation.Parsed p = ex.series.get(s.labels());
            if (p == null) {
                return "unexpected series " + s.labels() + " expected " + ex.series.keySet();
            }
            if (p.histogramSlots() > 0) {
                return "native histogram expectation (not supported)";
            }
            List<long[]> expT = new ArrayList<>();
            List<Double> expV = new ArrayList<>();
            for (int k = 0; k < p.size(); k++) {
                long t = start + k * step;
                if (t > end) {
                    return "more expected values than steps for " + s.labels();
                }
                if (p.present()[k]) {
                    expT.add(new long[] {t});
                    expV.add(p.values()[k]);
                }
            }
            if (expT.size() != s.size()) {
                return "for " + s.labels() + " expected " + expT.size() + " points, got " + s.size() + ": " + s;
            }
            for (int k = 0; k < s.size(); k++) {
                if (s.timestamps()[k] != expT.get(k)[0]) {
                    return "for " + s.labels() + " expected timestamp " + expT.get(k)[0] + " got "
                            + s.timestamps()[k];
                }
                if (!almostEqual(expV.get(k), s.values()[k])) {
                    return "for " + s.labels() + " at " + s.timestamps()[k] + " expected " + expV.get(k) + " got "
                            + s.values()[k];
                }
            }
        }
        return null;
    }

    /** The instant eval re-run as a range query T-1m..T+1m step 1m; the point at T must match. */
    private String rangeCheck(Expr parsed, String text, long t, Expect ex) {
        QueryResult res;
        try {
            res = engine.rangeQuery(storage, parsed, text, t - 60_000, t + 60_000, 60_000).execute();
        } catch (PromqlException e) {
            return "range-mode check: unexpected error: " + e.getMessage();
        }
        Matrix m = (Matrix) res.value();
        if (ex.scalar != null) {
            for (Series s : m.series()) {
                for (int k = 0; k < s.size(); k++) {
                    if (s.timestamps()[k] == t) {
                        return almostEqual(ex.scalar, s.values()[k]) ? null
                                : "range-mode check: expected scalar " + ex.scalar + " got " + s.values()[k];
                    }
                }
            }
            return "range-mode check: no scalar point at T";
        }
        List<Sample> at = new ArrayList<>();
        for (Series s : m.series()) {
            for (int k = 0; k < s.size(); k++) {
                if (s.timestamps()[k] == t) {
                    at.add(new Sample(s.labels(), t, s.values()[k]));
                }
            }
        }
        String err = compareInstant(ex, new Vector(at), t);
        return err == null ? null : "range-mode check: " + err;
    }

    /** Pins every selector/subquery without @ to T and re-runs at several times (upstream's invariance check). */
    private String atCheck(Expr parsed, long t, Expect ex) {
        Expr pinned = AtPinner.pin(parsed, t);
        if (pinned == null) {
            return null;
        }
        String text = pinned.toString();
        Expr reparsed;
        try {
            reparsed = PromqlParser.parse(text);
        } catch (PromqlException e) {
            return "@-check: re-serialised expression does not parse: " + text + ": " + e.getMessage();
        }
        long[] times = t == 0 ? new long[] {-1000, 0, 1000} : new long[] {-10 * t, 0, t / 5, t, 10 * t};
        for (long at : times) {
            String err = runInstant(reparsed, text, at, ex, false);
            if (err == null && ex.string == null && !ex.ordered && !ex.rangeVector) {
                err = rangeCheck(reparsed, text, at, ex);
            }
            if (err != null) {
                return "@-check (" + text + " at " + at + "ms): " + err;
            }
        }
        return null;
    }

    static boolean almostEqual(double a, double b) {
        if (StaleNaN.isStale(a) || StaleNaN.isStale(b)) {
            return StaleNaN.isStale(a) && StaleNaN.isStale(b);
        }
        if (a == b) {
            return true;
        }
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        double minNormal = 2.2250738585072014E-308;
        double eps = 1e-6;
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || Math.abs(a) + Math.abs(b) < minNormal) {
            return diff < eps * minNormal;
        }
        return diff / Math.min(Math.abs(a) + Math.abs(b), Double.MAX_VALUE) < eps;
    }
}
