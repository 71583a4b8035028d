package org.osprey.rules.unittest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.template.GoFormat;
import org.osprey.promql.Engine;
import org.osprey.promql.EngineOptions;
import org.osprey.promql.parser.PromqlParser;
import org.osprey.promql.testing.SeriesNotation;
import org.osprey.promql.value.Sample;
import org.osprey.rules.AlertSnapshot;
import org.osprey.rules.AlertState;
import org.osprey.rules.AlertingRule;
import org.osprey.rules.EngineQueryFunc;
import org.osprey.rules.Group;
import org.osprey.rules.NotifyFunc;
import org.osprey.rules.PromqlValidator;
import org.osprey.rules.Rule;
import org.osprey.rules.RuleEvaluationException;
import org.osprey.rules.RuleLoadException;
import org.osprey.rules.RuleManager;
import org.osprey.rules.rulefmt.RuleParser;
import org.osprey.rules.template.GoTime;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.memory.MemoryStorage;

/**
 * Runs one unit-test group as promtool does: fresh storage, input series made visible step by
 * step, every rule group evaluated at each evaluation interval up to the largest eval_time,
 * firing alerts compared at their eval_time, PromQL expectations checked at the end. Not
 * thread-safe: one instance per group.
 */
final class TestGroupRun {
    private final String testName;
    private final UnitTestFile.TestGroup tg;
    private final long evalInterval;
    private final Map<String, Integer> order;
    private final boolean fuzzy;
    private final boolean ignoreUnknownFields;
    private final List<Path> ruleFiles;

    TestGroupRun(String testName, UnitTestFile.TestGroup tg, long evalInterval, Map<String, Integer> order, boolean fuzzy,
            boolean ignoreUnknownFields, List<Path> ruleFiles) {
        this.testName = testName;
        this.tg = tg;
        this.evalInterval = evalInterval;
        this.order = order;
        this.fuzzy = fuzzy;
        this.ignoreUnknownFields = ignoreUnknownFields;
        this.ruleFiles = ruleFiles;
    }

    /** Input samples of one series in time order, appended lazily. */
    private static final class Input {
        final Labels labels;
        final long[] ts;
        final double[] vs;
        int next;

        Input(Labels labels, long[] ts, double[] vs) {
            this.labels = labels;
            this.ts = ts;
            this.vs = vs;
        }
    }

    List<String> run() {
        long start = tg.startMillis();
        List<Input> inputs = new ArrayList<>();
        try {
            for (UnitTestFile.InputSeries s : tg.inputSeries()) {
                SeriesNotation.Parsed p = SeriesNotation.parseLine(s.series() + " " + s.values());
                List<Long> ts = new ArrayList<>();
                List<Double> vs = new ArrayList<>();
                for (int i = 0; i < p.size(); i++) {
                    if (p.present()[i]) {
                        ts.add(start + i * tg.interval());
                        vs.add(p.values()[i]);
                    }
                }
                long[] ta = new long[ts.size()];
                double[] va = new double[vs.size()];
                for (int i = 0; i < ta.length; i++) {
                    ta[i] = ts.get(i);
                    va[i] = vs.get(i);
                }
                inputs.add(new Input(p.labels(), ta, va));
            }
        } catch (RuntimeException e) {
            return List.of(e.getMessage());
        }

        MemoryStorage storage = new MemoryStorage();
        EngineOptions eo = new EngineOptions(5 * 60_000L, 10_000, Duration.ofMinutes(2), 1, evalInterval);
        Engine engine = new Engine(eo);
        EngineQueryFunc queryFunc = new EngineQueryFunc(engine, storage);
        RuleParser parser = new RuleParser(new RuleParser.Options(ignoreUnknownFields, false, PromqlValidator.INSTANCE));
        List<Group> groups;
        try {
            groups = new ArrayList<>(RuleManager.loadGroups(ruleFiles, parser, tg.interval(), 0, tg.externalLabels(),
                    tg.externalURL(), true));
        } catch (RuleLoadException e) {
            return e.errors();
        }
        groups.forEach(g -> g.setLogFailures(false));
        // Listed groups first in the given order, the rest after in file order.
        groups.sort(Comparator.comparingInt(g -> order.getOrDefault(g.name(), Integer.MAX_VALUE)));

        long maxEval = 0;
        for (UnitTestFile.AlertTest a : tg.alertTests()) {
            maxEval = Math.max(maxEval, a.evalTime());
        }
        for (UnitTestFile.ExprTest e : tg.exprTests()) {
            maxEval = Math.max(maxEval, e.evalTime());
        }
        TreeSet<Long> alertEvalTimes = new TreeSet<>();
        for (UnitTestFile.AlertTest a : tg.alertTests()) {
            if (a.alertname().isEmpty()) {
                String groupLog = tg.name().isEmpty() ? "" : " (in TestGroup " + tg.name() + ")";
                return List.of("an item under alert_rule_test misses required attribute alertname at eval_time "
                        + UnitTestFile.durationString(a.evalTime()) + groupLog);
            }
            alertEvalTimes.add(a.evalTime());
        }
        List<String> errs = new ArrayList<>();
        long mint = start;
        long maxt = start + maxEval;
        for (long ts = mint; ts <= maxt; ts += evalInterval) {
            loadTill(storage, inputs, ts);
            List<String> evalErrs = new ArrayList<>();
            for (Group g : groups) {
                try {
                    g.evaluate(ts, storage, queryFunc, NotifyFunc.NONE, 60_000, () -> 0L, false);
                } catch (RuleEvaluationException e) {
                    // recorded on the rule below
                }
                for (Rule r : g.rules()) {
                    if (!r.lastError().isEmpty()) {
                        evalErrs.add("    rule: " + r.name() + ", time: " + GoTime.durationString((ts - mint) * 1_000_000L)
                                + ", err: " + r.lastError());
                    }
                }
            }
            errs.addAll(evalErrs);
            if (!evalErrs.isEmpty()) {
                return errs;
            }
            // Alert tests with ts <= eval_time < ts + evalInterval are checked after this evaluation.
            while (!alertEvalTimes.isEmpty() && ts - mint <= alertEvalTimes.first() && alertEvalTimes.first() < ts + evalInterval - mint) {
                long t = alertEvalTimes.pollFirst();
                checkAlerts(groups, t, errs);
            }
            if (ts > Long.MAX_VALUE - evalInterval) {
                break;
            }
        }
        checkExprs(engine, storage, mint, errs);
        return errs;
    }

    private static void loadTill(MemoryStorage storage, List<Input> inputs, long ts) {
        Appender app = storage.appender();
        for (Input in : inputs) {
            while (in.next < in.ts.length && in.ts[in.next] <= ts) {
                try {
                    app.append(0, in.labels, in.ts[in.next], in.vs[in.next]);
                } catch (SampleRejectedException e) {
                    // duplicate timestamps in the notation: keep the first
                }
                in.next++;
            }
        }
        app.commit();
    }

    private record LabelsAndAnnotations(Labels labels, Labels annotations) {
        @Override
        public String toString() {
            return "Labels:" + labels + "\nAnnotations:" + annotations;
        }
    }

    private static final Comparator<LabelsAndAnnotations> LA_ORDER = Comparator
            .comparing(LabelsAndAnnotations::labels).thenComparing(LabelsAndAnnotations::annotations);

    private void checkAlerts(List<Group> groups, long t, List<String> errs) {
        for (UnitTestFile.AlertTest test : tg.alertTests()) {
            if (test.evalTime() != t) {
                continue;
            }
            List<LabelsAndAnnotations> got = new ArrayList<>();
            for (Group g : groups) {
                for (Rule r : g.rules()) {
                    if (r instanceof AlertingRule ar && ar.name().equals(test.alertname())) {
                        for (AlertSnapshot a : ar.activeAlerts()) {
                            if (a.state() == AlertState.FIRING) {
                                got.add(new LabelsAndAnnotations(a.labels(), a.annotations()));
                            }
                        }
                    }
                }
            }
            List<LabelsAndAnnotations> exp = new ArrayList<>();
            for (UnitTestFile.ExpAlert a : test.expAlerts()) {
                Labels.Builder b = Labels.builder();
                a.labels().forEach(b::set);
                b.set("alertname", test.alertname());
                exp.add(new LabelsAndAnnotations(b.build(), Labels.fromMap(a.annotations())));
            }
            got.sort(LA_ORDER);
            exp.sort(LA_ORDER);
            if (!got.equals(exp)) {
                String name = tg.name().isEmpty() ? "" : "    name: " + tg.name() + ",\n";
                errs.add(name + "    alertname: " + test.alertname() + ", time: " + UnitTestFile.durationString(test.evalTime())
                        + ", \n        exp:" + indent(laString(exp), "            ") + ", \n        got:"
                        + indent(laString(got), "            "));
            }
        }
    }

    private static String laString(List<LabelsAndAnnotations> la) {
        if (la.isEmpty()) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder("[\n0:").append(indent("\n" + la.get(0), "  "));
        for (int i = 1; i < la.size(); i++) {
            sb.append(",\n").append(i).append(':').append(indent("\n" + la.get(i), "  "));
        }
        return sb.append("\n]").toString();
    }

    private static String indent(String s, String prefix) {
        return s.replace("\n", "\n" + prefix);
    }

    private record Parsed(Labels labels, double value, String histogram) {
        @Override
        public String toString() {
            if (!histogram.isEmpty()) {
                return labels + " " + histogram;
            }
            return labels + " " + GoFormat.formatFloat(value, 'E', -1, 64);
        }
    }

    private void checkExprs(Engine engine, MemoryStorage storage, long mint, List<String> errs) {
        outer:
        for (UnitTestFile.ExprTest test : tg.exprTests()) {
            String where = "    expr: " + GoFormat.quote(test.expr()) + ", time: " + UnitTestFile.durationString(test.evalTime());
            List<Sample> got;
            try {
                got = new EngineQueryFunc(engine, storage).query(test.expr(), mint + test.evalTime());
            } catch (RuleEvaluationException e) {
                errs.add(where + ", err: " + e.getMessage());
                continue;
            }
            List<Parsed> gotSamples = new ArrayList<>();
            for (Sample s : got) {
                gotSamples.add(new Parsed(s.labels(), s.v(), ""));
            }
            List<Parsed> expSamples = new ArrayList<>();
            for (UnitTestFile.ExpSample s : test.expSamples()) {
                Labels l;
                try {
                    l = parseMetric(s.labels());
                } catch (RuntimeException e) {
                    errs.add(where + ", err: labels " + GoFormat.quote(s.labels()) + ": " + e.getMessage());
                    continue outer;
                }
                expSamples.add(new Parsed(l, s.value(), s.histogram()));
            }
            expSamples.sort(Comparator.comparing(Parsed::labels));
            gotSamples.sort(Comparator.comparing(Parsed::labels));
            if (!samplesEqual(expSamples, gotSamples)) {
                errs.add(where + ",\n        exp: " + samplesString(expSamples) + "\n        got: " + samplesString(gotSamples));
            }
        }
    }

    private boolean samplesEqual(List<Parsed> exp, List<Parsed> got) {
        if (exp.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < exp.size(); i++) {
            Parsed e = exp.get(i);
            Parsed g = got.get(i);
            if (!e.labels().equals(g.labels()) || !e.histogram().equals(g.histogram()) || !floatEqual(e.value(), g.value())) {
                return false;
            }
        }
        return true;
    }

    private boolean floatEqual(double x, double y) {
        if (x == y || (Double.isNaN(x) && Double.isNaN(y))) {
            return true;
        }
        // fuzzy_compare: allow one unit in the last place either way.
        return fuzzy && (Math.nextUp(x) == y || Math.nextDown(x) == y);
    }

    private static String samplesString(List<Parsed> ps) {
        if (ps.isEmpty()) {
            return "nil";
        }
        StringBuilder sb = new StringBuilder(ps.get(0).toString());
        for (int i = 1; i < ps.size(); i++) {
            sb.append(", ").append(ps.get(i));
        }
        return sb.toString();
    }

    /** Series notation labels: {@code metric{a="b"}}, {@code {a="b"}}, or empty for none. */
    static Labels parseMetric(String s) {
        if (s.isBlank()) {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        for (LabelMatcher m : PromqlParser.parseMetricSelector(s.trim())) {
            b.set(m.name(), m.value());
        }
        return b.build();
    }
}
