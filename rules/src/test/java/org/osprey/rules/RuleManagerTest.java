package org.osprey.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;
import org.osprey.promql.Engine;
import org.osprey.promql.EngineOptions;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.memory.MemoryStorage;

/** The manager with real scheduling on short intervals, reloads, metrics and API data. */
class RuleManagerTest {
    @TempDir
    Path dir;

    private final MemoryStorage storage = new MemoryStorage();
    private final EngineQueryFunc engineQuery = new EngineQueryFunc(new Engine(EngineOptions.defaults()), storage);

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Map<String, Double> metrics(RuleManager m) {
        Map<String, Double> out = new HashMap<>();
        m.visitMetrics(new MetricVisitor() {
            @Override
            public void counter(String name, String help, Labels labels, double value) {
                out.put(name + labels, value);
            }

            @Override
            public void gauge(String name, String help, Labels labels, double value) {
                out.put(name + labels, value);
            }
        });
        return out;
    }

    @Test
    void groupsRunOnSlottedTimestampsAndReloadKeepsUnchangedGroups() throws Exception {
        Path rules = file("r.yml", """
                groups:
                  - name: fast
                    interval: 200ms
                    rules:
                      - record: one
                        expr: vector(1)
                """);
        try (RuleManager m = new RuleManager(RuleManager.Options.defaults(storage, engineQuery))) {
            m.update(List.of(rules));
            Group g = m.groups().get(0);
            await(() -> g.evalTotal.get() >= 3, "three evaluations");
            assertEquals(g.offsetMillis(), Math.floorMod(g.lastEvalTimestamp(), 200L), "evaluations sit on the group's slot");
            String key = "{rule_group=\"" + rules + ";fast\"}";
            Map<String, Double> met = metrics(m);
            assertTrue(met.get("osprey_rule_evaluations_total" + key) >= 3, met.toString());
            assertEquals(0.0, met.get("osprey_rule_evaluation_failures_total" + key));
            assertEquals(0.2, met.get("osprey_rule_group_interval_seconds" + key));
            assertTrue(met.containsKey("osprey_rule_group_last_duration_seconds" + key));
            assertTrue(met.containsKey("osprey_rule_group_iterations_missed_total" + key));
            assertEquals(1.0, met.get("osprey_rule_group_last_evaluation_samples" + key));

            m.update(List.of(rules));
            assertSame(g, m.groups().get(0), "an unchanged group keeps running");

            Files.writeString(rules, """
                    groups:
                      - name: fast
                        interval: 200ms
                        rules:
                          - record: one
                            expr: vector(2)
                    """);
            m.update(List.of(rules));
            Group changed = m.groups().get(0);
            assertNotSame(g, changed);
            assertTrue(changed.evalTotal.get() >= 3, "counters carry over a reload");
            await(() -> changed.lastEvalTimestamp() > 0 && changed.rules().get(0).health() == Health.OK, "new group ran");

            Path bad = file("bad.yml", "groups:\n  - name: x\n    rules:\n      - record: y\n");
            RuleLoadException e = assertThrows(RuleLoadException.class, () -> m.update(List.of(bad)));
            assertEquals(List.of(bad + ": 0:0: group \"x\", rule 1, \"y\": field 'expr' must be set in rule"), e.errors());
            assertSame(changed, m.groups().get(0), "a failed reload changes nothing");

            Path other = file("other.yml", "groups:\n  - name: other\n    rules: []\n");
            m.update(List.of(other));
            assertEquals(List.of("other"), m.groups().stream().map(Group::name).toList());
            assertTrue(StaleNaN.isStale(lastValue("one")), "series of a removed group are marked stale");
        }
    }

    private double lastValue(String metric) {
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet s = q.select(false, null, LabelMatcher.equal("__name__", metric));
            assertTrue(s.next());
            SampleIterator it = s.at().iterator(null);
            double v = Double.NaN;
            while (it.next()) {
                v = it.at();
            }
            return v;
        }
    }

    @Test
    void slowEvaluationsCountMissedIterations() throws Exception {
        Path rules = file("slow.yml", """
                groups:
                  - name: slow
                    interval: 100ms
                    rules:
                      - record: slow
                        expr: vector(1)
                """);
        QueryFunc slow = (expr, t) -> {
            try {
                Thread.sleep(350);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return engineQuery.query(expr, t);
        };
        try (RuleManager m = new RuleManager(RuleManager.Options.defaults(storage, slow))) {
            m.update(List.of(rules));
            Group g = m.groups().get(0);
            await(() -> g.iterationsMissed.get() >= 2, "missed iterations");
            assertTrue(g.lastDurationSeconds() >= 0.3, "last duration " + g.lastDurationSeconds());
        }
    }

    @Test
    void apiDataHasPrometheusShapes() throws Exception {
        long now = System.currentTimeMillis();
        Appender app = storage.appender();
        app.append(0, Labels.of("__name__", "up", "instance", "a"), now, 0);
        app.commit();
        Path rules = file("api.yml", """
                groups:
                  - name: api
                    interval: 100ms
                    limit: 5
                    rules:
                      - alert: Down
                        expr: up == 0
                        for: 1h
                        keep_firing_for: 5m
                        labels: {severity: page}
                        annotations: {summary: "{{ $labels.instance }}"}
                      - record: r
                        expr: |
                          sum   without(instance)
                          (up)
                """);
        try (RuleManager m = new RuleManager(RuleManager.Options.defaults(storage, engineQuery))) {
            m.update(List.of(rules));
            await(() -> m.groups().get(0).evalTotal.get() >= 2, "evaluation");
            Map<String, Object> data = RulesApiData.rules(m, null);
            @SuppressWarnings("unchecked")
            Map<String, Object> group = (Map<String, Object>) ((List<?>) data.get("groups")).get(0);
            assertEquals(List.of("name", "file", "rules", "interval", "limit", "evaluationTime", "lastEvaluation"),
                    List.copyOf(group.keySet()));
            assertEquals(0.1, group.get("interval"));
            assertEquals(5, group.get("limit"));
            @SuppressWarnings("unchecked")
            Map<String, Object> alerting = (Map<String, Object>) ((List<?>) group.get("rules")).get(0);
            assertEquals(List.of("state", "name", "query", "duration", "keepFiringFor", "labels", "annotations", "alerts",
                    "health", "lastError", "evaluationTime", "lastEvaluation", "type"), List.copyOf(alerting.keySet()));
            assertEquals("pending", alerting.get("state"));
            assertEquals(3600.0, alerting.get("duration"));
            assertEquals(300.0, alerting.get("keepFiringFor"));
            assertEquals("ok", alerting.get("health"));
            assertEquals("alerting", alerting.get("type"));
            assertTrue(((String) alerting.get("lastEvaluation")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"));
            @SuppressWarnings("unchecked")
            Map<String, Object> alert = (Map<String, Object>) ((List<?>) alerting.get("alerts")).get(0);
            assertEquals(Map.of("alertname", "Down", "instance", "a", "severity", "page"), alert.get("labels"));
            assertEquals(Map.of("summary", "a"), alert.get("annotations"));
            assertEquals("0e+00", alert.get("value"));
            assertEquals("pending", alert.get("state"));
            @SuppressWarnings("unchecked")
            Map<String, Object> recording = (Map<String, Object>) ((List<?>) group.get("rules")).get(1);
            assertEquals("recording", recording.get("type"));
            assertEquals("sum without (instance) (up)", recording.get("query"), "the expression as Prometheus prints it");
            assertEquals(1, ((List<?>) RulesApiData.rules(m, "alert").get("groups")).size());
            @SuppressWarnings("unchecked")
            List<Object> onlyRecording = (List<Object>) ((Map<String, Object>) ((List<?>) RulesApiData.rules(m, "record")
                    .get("groups")).get(0)).get("rules");
            assertEquals(1, onlyRecording.size());
            assertEquals(1, ((List<?>) RulesApiData.alerts(m).get("alerts")).size());
            Map<String, Object> byName = RulesApiData.filteredRules(m, new RulesApiData.Filter(null, java.util.Set.of("r"),
                    java.util.Set.of(), java.util.Set.of(), true));
            @SuppressWarnings("unchecked")
            List<Object> named = (List<Object>) ((Map<String, Object>) ((List<?>) byName.get("groups")).get(0)).get("rules");
            assertEquals(1, named.size());
            assertEquals(List.of(), ((List<?>) RulesApiData.filteredRules(m, new RulesApiData.Filter(null, java.util.Set.of("nope"),
                    java.util.Set.of(), java.util.Set.of(), false)).get("groups")), "a group without matching rules is omitted");
            assertEquals(List.of(), ((List<?>) RulesApiData.filteredRules(m, new RulesApiData.Filter(null, java.util.Set.of(),
                    java.util.Set.of("other"), java.util.Set.of(), false)).get("groups")));
            @SuppressWarnings("unchecked")
            Map<String, Object> noAlerts = (Map<String, Object>) ((List<?>) ((Map<String, Object>) ((List<?>) RulesApiData
                    .filteredRules(m, new RulesApiData.Filter("alert", java.util.Set.of(), java.util.Set.of(), java.util.Set.of(rules.toString()),
                            true)).get("groups")).get(0)).get("rules")).get(0);
            assertEquals(List.of(), noAlerts.get("alerts"), "exclude_alerts");
        }
        assertEquals("0001-01-01T00:00:00Z", RulesApiData.time(0));
        assertEquals("2023-11-14T22:13:20.5Z", RulesApiData.time(1_700_000_000_500L));
    }

    @Test
    void startupRestoresForStateAndLaterGroupsStartRestored() throws Exception {
        long now = System.currentTimeMillis();
        Appender app = storage.appender();
        Labels up = Labels.of("__name__", "up", "instance", "a");
        for (long t = now - 10 * 60_000; t <= now + 60_000; t += 15_000) {
            app.append(0, up, t, 0);
        }
        // The previous process saw the alert pending since now-5m and went down 30s ago.
        app.append(0, Labels.of("__name__", "ALERTS_FOR_STATE", "alertname", "Down", "instance", "a", "severity", "page"),
                now - 30_000, Math.floorDiv(now - 5 * 60_000, 1000));
        app.commit();
        Path rules = file("restore.yml", """
                groups:
                  - name: restore
                    interval: 100ms
                    rules:
                      - alert: Down
                        expr: up == 0
                        for: 1h
                        labels: {severity: page}
                """);
        try (RuleManager m = new RuleManager(RuleManager.Options.defaults(storage, engineQuery))) {
            m.update(List.of(rules));
            AlertingRule r = (AlertingRule) m.groups().get(0).rules().get(0);
            await(r::restored, "restoration");
            await(() -> m.groups().get(0).evalTotal.get() >= 2, "an evaluation after restoring");
            long activeAt = r.activeAlerts().get(0).activeAt();
            // Pending time before the outage (4.5m) is kept: activeAt moved back by it, not reset to now.
            assertTrue(activeAt <= now - 4 * 60_000 && activeAt >= now - 5 * 60_000, "activeAt " + (now - activeAt) + " ms ago");

            Path more = file("more.yml", """
                    groups:
                      - name: later
                        interval: 100ms
                        rules:
                          - alert: Later
                            expr: up == 0
                            for: 1h
                    """);
            m.update(List.of(rules, more));
            AlertingRule later = (AlertingRule) m.groups().get(1).rules().get(0);
            assertTrue(later.restored(), "a group added after startup does not wait for restoration");
        }
    }

    @Test
    void ruleFileGlobsExpandRelativeToTheConfig() throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        file("rules/b.yml", "groups: []\n");
        file("rules/a.yml", "groups: []\n");
        file("rules/c.txt", "x");
        assertEquals(List.of(dir.resolve("rules/a.yml"), dir.resolve("rules/b.yml")),
                RuleFiles.expand(List.of("rules/*.yml"), dir));
        assertEquals(List.of(dir.resolve("missing.yml")), RuleFiles.expand(List.of("missing.yml"), dir));
    }
}
