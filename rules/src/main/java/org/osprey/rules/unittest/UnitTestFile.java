package org.osprey.rules.unittest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osprey.rules.RuleFiles;
import org.osprey.model.value.PromDuration;
import org.osprey.rules.rulefmt.YamlDecoder;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One promtool unit-test file: decoded strictly, rule files resolved relative to it, then each
 * selected test group run independently. Not thread-safe: one instance per run.
 */
final class UnitTestFile {
    private static final Set<String> FILE_KEYS = Set.of("rule_files", "evaluation_interval", "group_eval_order", "tests",
            "fuzzy_compare");
    private static final Set<String> GROUP_KEYS = Set.of("interval", "input_series", "alert_rule_test", "promql_expr_test",
            "external_labels", "external_url", "name", "start_timestamp");
    private static final Set<String> SERIES_KEYS = Set.of("series", "values");
    private static final Set<String> ALERT_TEST_KEYS = Set.of("eval_time", "alertname", "exp_alerts");
    private static final Set<String> ALERT_KEYS = Set.of("exp_labels", "exp_annotations");
    private static final Set<String> EXPR_TEST_KEYS = Set.of("expr", "eval_time", "exp_samples");
    private static final Set<String> SAMPLE_KEYS = Set.of("labels", "value", "histogram");

    /** One test group's outcome, for the JUnit report. */
    record CaseResult(String name, List<String> failures) {
    }

    final List<CaseResult> cases = new ArrayList<>();
    private final Path file;
    private final Pattern run;
    private final boolean ignoreUnknownFields;

    UnitTestFile(Path file, Pattern run, boolean ignoreUnknownFields) {
        this.file = file;
        this.run = run;
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    record InputSeries(String series, String values) {
    }

    record ExpAlert(Map<String, String> labels, Map<String, String> annotations) {
    }

    record AlertTest(long evalTime, String alertname, List<ExpAlert> expAlerts) {
    }

    record ExpSample(String labels, double value, String histogram) {
    }

    record ExprTest(String expr, long evalTime, List<ExpSample> expSamples) {
    }

    record TestGroup(String name, long interval, List<InputSeries> inputSeries, List<AlertTest> alertTests,
            List<ExprTest> exprTests, Map<String, String> externalLabels, String externalURL, long startMillis) {
    }

    /** Runs the file; returns the error texts (empty when every selected group passed). */
    List<String> run() {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("open " + file + ": no such file or directory");
        }
        YamlDecoder dec = new YamlDecoder(true);
        Map<String, Node> top;
        List<String> ruleFilePatterns = new ArrayList<>();
        long evalInterval;
        List<String> groupOrder = new ArrayList<>();
        boolean fuzzy;
        List<TestGroup> groups = new ArrayList<>();
        try {
            top = dec.mapping(YamlDecoder.compose(content), "main.unitTestFile", FILE_KEYS);
            if (top == null) {
                top = Map.of();
            }
            for (Node n : dec.sequence(top.get("rule_files"), "[]string")) {
                ruleFilePatterns.add(dec.string(n));
            }
            evalInterval = dec.duration(top.get("evaluation_interval"));
            for (Node n : dec.sequence(top.get("group_eval_order"), "[]string")) {
                groupOrder.add(dec.string(n));
            }
            fuzzy = dec.bool(top.get("fuzzy_compare"));
            for (Node gn : dec.sequence(top.get("tests"), "[]main.testGroup")) {
                TestGroup g = decodeGroup(dec, gn);
                if (g != null) {
                    groups.add(g);
                }
            }
        } catch (YamlDecoder.YamlError e) {
            return List.of(e.getMessage());
        }
        if (dec.hasErrors()) {
            return List.of(dec.errorText());
        }
        List<Path> ruleFiles;
        try {
            ruleFiles = RuleFiles.expand(ruleFilePatterns, file.toAbsolutePath().getParent());
        } catch (IOException e) {
            return List.of(e.getMessage());
        }
        if (evalInterval == 0) {
            evalInterval = 60_000;
        }
        Map<String, Integer> order = new LinkedHashMap<>();
        for (int i = 0; i < groupOrder.size(); i++) {
            if (order.containsKey(groupOrder.get(i))) {
                return List.of("group name repeated in evaluation order: " + groupOrder.get(i));
            }
            order.put(groupOrder.get(i), i);
        }
        List<String> errs = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            TestGroup g = groups.get(i);
            if (run != null && !run.matcher(g.name()).find()) {
                continue;
            }
            String testName = g.name().isEmpty() ? "unnamed#" + i : g.name();
            TestGroup withInterval = g.interval() == 0
                    ? new TestGroup(g.name(), evalInterval, g.inputSeries(), g.alertTests(), g.exprTests(), g.externalLabels(),
                            g.externalURL(), g.startMillis())
                    : g;
            List<String> groupErrs = new TestGroupRun(testName, withInterval, evalInterval, order, fuzzy, ignoreUnknownFields,
                    ruleFiles).run();
            cases.add(new CaseResult(testName, groupErrs));
            errs.addAll(groupErrs);
        }
        return errs;
    }

    private TestGroup decodeGroup(YamlDecoder dec, Node gn) throws YamlDecoder.YamlError {
        Map<String, Node> g = dec.mapping(gn, "main.testGroup", GROUP_KEYS);
        if (g == null) {
            g = Map.of();
        }
        List<InputSeries> series = new ArrayList<>();
        for (Node sn : dec.sequence(g.get("input_series"), "[]main.series")) {
            Map<String, Node> s = dec.mapping(sn, "main.series", SERIES_KEYS);
            if (s != null) {
                series.add(new InputSeries(dec.string(s.get("series")), dec.string(s.get("values"))));
            }
        }
        List<AlertTest> alertTests = new ArrayList<>();
        for (Node an : dec.sequence(g.get("alert_rule_test"), "[]main.alertTestCase")) {
            Map<String, Node> a = dec.mapping(an, "main.alertTestCase", ALERT_TEST_KEYS);
            if (a == null) {
                continue;
            }
            List<ExpAlert> exp = new ArrayList<>();
            for (Node en : dec.sequence(a.get("exp_alerts"), "[]main.alert")) {
                Map<String, Node> e = dec.mapping(en, "main.alert", ALERT_KEYS);
                if (e == null) {
                    e = Map.of();
                }
                exp.add(new ExpAlert(dec.stringMap(e.get("exp_labels")), dec.stringMap(e.get("exp_annotations"))));
            }
            alertTests.add(new AlertTest(dec.duration(a.get("eval_time")), dec.string(a.get("alertname")), exp));
        }
        List<ExprTest> exprTests = new ArrayList<>();
        for (Node pn : dec.sequence(g.get("promql_expr_test"), "[]main.promqlTestCase")) {
            Map<String, Node> p = dec.mapping(pn, "main.promqlTestCase", EXPR_TEST_KEYS);
            if (p == null) {
                continue;
            }
            List<ExpSample> samples = new ArrayList<>();
            for (Node sn : dec.sequence(p.get("exp_samples"), "[]main.sample")) {
                Map<String, Node> s = dec.mapping(sn, "main.sample", SAMPLE_KEYS);
                if (s == null) {
                    s = Map.of();
                }
                double v = 0;
                String vs = dec.string(s.get("value"));
                if (!vs.isEmpty()) {
                    try {
                        v = org.osprey.model.template.GoValues.parseFloat(vs);
                    } catch (Exception e) {
                        throw new YamlDecoder.YamlError("yaml: unmarshal errors:\n  line " + YamlDecoder.line(s.get("value"))
                                + ": cannot unmarshal !!str `" + vs + "` into float64");
                    }
                }
                samples.add(new ExpSample(dec.string(s.get("labels")), v, dec.string(s.get("histogram"))));
            }
            exprTests.add(new ExprTest(dec.string(p.get("expr")), dec.duration(p.get("eval_time")), samples));
        }
        return new TestGroup(dec.string(g.get("name")), dec.duration(g.get("interval")), series, alertTests, exprTests,
                dec.stringMap(g.get("external_labels")), dec.string(g.get("external_url")),
                startTimestamp(dec.string(g.get("start_timestamp"))));
    }

    /** {@code start_timestamp}: RFC 3339 or Unix seconds; empty is the epoch. */
    static long startTimestamp(String s) throws YamlDecoder.YamlError {
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Math.round(Double.parseDouble(s) * 1000);
        } catch (NumberFormatException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (java.time.format.DateTimeParseException e2) {
                throw new YamlDecoder.YamlError("cannot parse start_timestamp " + org.osprey.model.template.GoFormat.quote(s)
                        + ": expected RFC 3339 or Unix seconds");
            }
        }
    }

    static String durationString(long ms) {
        return PromDuration.format(ms);
    }
}
