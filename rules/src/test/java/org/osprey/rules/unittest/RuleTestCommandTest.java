package org.osprey.rules.unittest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of {@code osprey test rules} beyond the upstream suite: group order, external labels, JUnit XML. */
class RuleTestCommandTest {
    @TempDir
    Path dir;

    private int run(StringBuilder outText, StringBuilder errText, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = RuleTestCommand.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        outText.append(o.toString(StandardCharsets.UTF_8));
        errText.append(e.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void groupEvalOrderExternalLabelsAndJunitReport() throws Exception {
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: second
                    rules:
                      - record: doubled
                        expr: base * 2
                  - name: first
                    rules:
                      - record: base
                        expr: vector(21)
                      - alert: Hot
                        expr: doubled > 40
                        for: 2m
                        labels: {severity: "{{ $externalLabels.dc }}"}
                        annotations: {url: "{{ $externalURL }}/x", v: "{{ $value }}"}
                """);
        Path test = dir.resolve("test.yml");
        Files.writeString(test, """
                rule_files: [rules.yml]
                group_eval_order: [first, second]
                tests:
                  - name: ordered
                    external_labels: {dc: fra}
                    external_url: http://prom.example
                    promql_expr_test:
                      - expr: doubled
                        eval_time: 0
                        exp_samples:
                          - labels: doubled
                            value: 42
                    alert_rule_test:
                      - eval_time: 1m
                        alertname: Hot
                        exp_alerts: []
                      - eval_time: 3m
                        alertname: Hot
                        exp_alerts:
                          - exp_labels: {severity: fra}
                            exp_annotations: {url: "http://prom.example/x", v: "42"}
                  - name: broken
                    promql_expr_test:
                      - expr: base
                        eval_time: 0
                        exp_samples: [{labels: base, value: 1}]
                """);
        Path junit = dir.resolve("junit.xml");
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = run(out, err, "--junit=" + junit, test.toString());
        assertEquals(1, code, out + "\n" + err);
        assertTrue(err.toString().contains("    name: broken") == false, err.toString());
        assertTrue(err.toString().contains("    expr: \"base\", time: 0s,\n        exp: {__name__=\"base\"} 1E+00\n        got: {__name__=\"base\"} 2.1E+01"),
                err.toString());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<testsuite name=\"" + test + "\" tests=\"2\" failures=\"1\" errors=\"0\">"), xml);
        assertTrue(xml.contains("<testcase name=\"ordered\"></testcase>"), xml);
        assertTrue(xml.contains("<testcase name=\"broken\"><failure>"), xml);

        out.setLength(0);
        err.setLength(0);
        assertEquals(0, run(out, err, "--run", "^ordered$", test.toString()), err.toString());
        assertEquals("Unit Testing:  " + test + "\n  SUCCESS\n\n", out.toString());
    }

    @Test
    void duplicateGroupInEvalOrderAndMissingAlertnameAreErrors() throws Exception {
        Path t1 = dir.resolve("t1.yml");
        Files.writeString(t1, "group_eval_order: [a, a]\ntests: []\n");
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        assertEquals(1, run(out, err, t1.toString()));
        assertTrue(err.toString().contains("group name repeated in evaluation order: a"), err.toString());
        Path t2 = dir.resolve("t2.yml");
        Files.writeString(t2, "tests:\n  - name: g\n    alert_rule_test:\n      - eval_time: 5m\n");
        err.setLength(0);
        assertEquals(1, run(out, err, t2.toString()));
        assertTrue(err.toString().contains("an item under alert_rule_test misses required attribute alertname at eval_time 5m (in TestGroup g)"),
                err.toString());
        Path t3 = dir.resolve("t3.yml");
        Files.writeString(t3, "tests: []\nunknown: 1\n");
        err.setLength(0);
        assertEquals(1, run(out, err, t3.toString()));
        assertTrue(err.toString().contains("line 2: field unknown not found in type main.unitTestFile"), err.toString());
    }
}
