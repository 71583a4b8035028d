package org.osprey.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;
import org.osprey.promql.Engine;
import org.osprey.promql.EngineOptions;
import org.osprey.promql.value.Sample;
import org.osprey.rules.template.TemplateExpander;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.memory.MemoryStorage;

/** Alert and recording rule behaviour through real groups, storage and the PromQL engine. */
class AlertingRuleTest {
    private static final long MIN = 60_000;
    private static final long BASE = 1_700_000_000_000L; // a whole minute
    private final MemoryStorage storage = new MemoryStorage();
    private final EngineQueryFunc query = new EngineQueryFunc(new Engine(EngineOptions.defaults()), storage);
    private final List<List<AlertSnapshot>> sent = new ArrayList<>();
    private final NotifyFunc notify = (expr, alerts) -> sent.add(alerts);

    private void load(Labels l, long from, long to, double v) {
        Appender app = storage.appender();
        for (long t = from; t <= to; t += MIN) {
            app.append(0, l, t, v);
        }
        app.commit();
    }

    private static Labels up(String instance) {
        return Labels.of("__name__", "up", "job", "node", "instance", instance);
    }

    private AlertingRule alert(String expr, long forMillis, long keepFiringFor) {
        return new AlertingRule("InstanceDown", expr, forMillis, keepFiringFor, Labels.of("severity", "page"),
                Labels.of("summary", "{{ $labels.instance }} down, value {{ $value }}"), Map.of(), "http://osprey:9090", true);
    }

    private Group group(Rule... rules) {
        return new Group("rules.yml", "g", MIN, 0, 0, List.of(rules));
    }

    private void eval(Group g, long t) {
        g.evaluate(t, storage, query, notify, MIN, () -> t, false);
    }

    private double valueAt(String expr, long t) {
        List<Sample> r = query.query(expr, t);
        assertEquals(1, r.size(), expr + " at " + t + ": " + r);
        return r.get(0).v();
    }

    @Test
    void pendingThenFiringAfterForWithAlertsSeries() {
        load(up("a"), BASE, BASE + 10 * MIN, 0);
        AlertingRule r = alert("up == 0", 3 * MIN, 0);
        Group g = group(r);
        eval(g, BASE);
        assertEquals(AlertState.PENDING, r.state());
        AlertSnapshot a = r.activeAlerts().get(0);
        assertEquals(Labels.of("alertname", "InstanceDown", "instance", "a", "job", "node", "severity", "page"), a.labels());
        assertEquals("a down, value 0", a.annotations().get("summary"));
        assertEquals(BASE, a.activeAt());
        eval(g, BASE + 2 * MIN);
        assertEquals(AlertState.PENDING, r.state());
        assertTrue(sent.isEmpty(), "pending alerts are not sent");
        eval(g, BASE + 3 * MIN);
        assertEquals(AlertState.FIRING, r.state());
        assertEquals(BASE + 3 * MIN, r.activeAlerts().get(0).firedAt());
        assertEquals(1, sent.size());
        assertEquals(BASE + 3 * MIN + 4 * MIN, sent.get(0).get(0).validUntil());

        assertEquals(1, valueAt("ALERTS{alertstate=\"pending\",alertname=\"InstanceDown\"}", BASE + 2 * MIN));
        assertEquals(1, valueAt("ALERTS{alertstate=\"firing\",severity=\"page\",instance=\"a\"}", BASE + 3 * MIN));
        assertEquals(BASE / 1000.0, valueAt("ALERTS_FOR_STATE{alertname=\"InstanceDown\"}", BASE + 3 * MIN));
        // the pending series went stale when the alert fired
        assertEquals(List.of(), query.query("ALERTS{alertstate=\"pending\"}", BASE + 3 * MIN));
    }

    @Test
    void resolvedAlertIsSentOnceMoreAndKeptFifteenMinutes() {
        load(up("a"), BASE, BASE + 2 * MIN, 0);
        load(up("a"), BASE + 3 * MIN, BASE + 30 * MIN, 1);
        AlertingRule r = alert("up == 0", 0, 0);
        Group g = group(r);
        eval(g, BASE);
        assertEquals(AlertState.FIRING, r.state(), "for: 0 fires at once");
        eval(g, BASE + MIN);
        eval(g, BASE + 3 * MIN);
        assertEquals(AlertState.INACTIVE, r.state());
        assertEquals(List.of(), r.activeAlerts());
        AlertSnapshot resolved = r.allAlerts().get(0);
        assertEquals(BASE + 3 * MIN, resolved.resolvedAt());
        List<AlertSnapshot> last = sent.get(sent.size() - 1);
        assertEquals(BASE + 3 * MIN, last.get(0).resolvedAt(), "the resolution is sent");
        int sends = sent.size();
        eval(g, BASE + 4 * MIN);
        assertEquals(sends, sent.size(), "a resolved alert is sent once, then only after resend delay");
        eval(g, BASE + 18 * MIN);
        assertEquals(1, r.allAlerts().size(), "kept within 15 minutes of resolution");
        eval(g, BASE + 19 * MIN);
        assertEquals(0, r.allAlerts().size(), "dropped after 15 minutes");
        assertEquals(List.of(), query.query("ALERTS", BASE + 3 * MIN), "ALERTS went stale on resolution");
    }

    @Test
    void keepFiringForHoldsTheAlertAfterTheConditionClears() {
        load(up("a"), BASE, BASE + MIN, 0);
        load(up("a"), BASE + 2 * MIN, BASE + 20 * MIN, 1);
        AlertingRule r = alert("up == 0", 0, 5 * MIN);
        Group g = group(r);
        eval(g, BASE);
        eval(g, BASE + 2 * MIN);
        AlertSnapshot a = r.activeAlerts().get(0);
        assertEquals(AlertState.FIRING, a.state());
        assertEquals(BASE + 2 * MIN, a.keepFiringSince());
        eval(g, BASE + 6 * MIN);
        assertEquals(AlertState.FIRING, r.state());
        eval(g, BASE + 7 * MIN);
        assertEquals(AlertState.INACTIVE, r.state());
        assertEquals(BASE + 7 * MIN, r.allAlerts().get(0).resolvedAt());
    }

    @Test
    void pendingAlertVanishesWhenTheConditionClears() {
        load(up("a"), BASE, BASE, 0);
        load(up("a"), BASE + MIN, BASE + 5 * MIN, 1);
        AlertingRule r = alert("up == 0", 10 * MIN, 0);
        Group g = group(r);
        eval(g, BASE);
        eval(g, BASE + MIN);
        assertEquals(List.of(), r.allAlerts());
    }

    @Test
    void templateErrorsShowInTheAnnotationAndDoNotStopTheRule() {
        load(up("a"), BASE, BASE, 0);
        AlertingRule r = new AlertingRule("Bad", "up == 0", 0, 0, Labels.EMPTY,
                Labels.of("a", "{{ humanize \"x\" }}", "b", "ok {{ $labels.job }}"), Map.of(), "", true);
        eval(group(r), BASE);
        AlertSnapshot a = r.activeAlerts().get(0);
        int col = TemplateExpander.DEFS.length() + 3;
        assertEquals("<error expanding template: error executing template __alert_Bad: template: __alert_Bad:1:" + col
                + ": executing \"__alert_Bad\" at <humanize \"x\">: error calling humanize: strconv.ParseFloat: parsing \"x\": "
                + "invalid syntax>", a.annotations().get("a"));
        assertEquals("ok node", a.annotations().get("b"));
        assertEquals(Health.OK, r.health());
    }

    @Test
    void recordingRulesRunInOrderAndMarkVanishedSeriesStale() {
        load(up("a"), BASE, BASE + 2 * MIN, 0);
        load(up("b"), BASE, BASE + MIN, 1);
        load(up("b"), BASE + 2 * MIN, BASE + 2 * MIN, StaleNaN.VALUE); // the target went away
        RecordingRule sumRule = new RecordingRule("job:up:sum", "sum by (job) (up)", Labels.EMPTY);
        RecordingRule perInstance = new RecordingRule("instance:up", "up", Labels.of("source", "rule"));
        RecordingRule chained = new RecordingRule("job:up:sum_doubled", "job:up:sum * 2", Labels.EMPTY);
        Group g = group(sumRule, perInstance, chained);
        eval(g, BASE);
        assertEquals(2, valueAt("job:up:sum_doubled", BASE), "a rule sees the previous rule's output of the same evaluation");
        eval(g, BASE + 2 * MIN);
        assertEquals(0, valueAt("instance:up{instance=\"a\",source=\"rule\"}", BASE + 2 * MIN));
        // up{instance="b"} ended: its recorded copy got a stale marker at this evaluation
        assertTrue(StaleNaN.isStale(lastRaw(Labels.of("__name__", "instance:up", "instance", "b", "job", "node", "source", "rule"))));
        assertEquals(List.of(), query.query("instance:up{instance=\"b\"}", BASE + 2 * MIN));
        assertEquals(Health.OK, perInstance.health());
    }

    private double lastRaw(Labels l) {
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet s = q.select(false, null, LabelMatcher.equal("__name__", l.metricName()), LabelMatcher.equal("instance", l.get("instance")));
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
    void failuresAreRecordedAsHealthAndCounted() {
        load(up("a"), BASE, BASE, 0);
        load(up("b"), BASE, BASE, 0);
        RecordingRule dup = new RecordingRule("x", "up", Labels.of("instance", "same"));
        AlertingRule limited = alert("up == 0", 0, 0);
        Group g = new Group("f.yml", "g", MIN, 0, 1, List.of(dup, limited));
        eval(g, BASE);
        assertEquals(Health.ERR, dup.health());
        assertEquals("vector contains metrics with the same labelset after applying rule labels", dup.lastError());
        assertEquals(Health.ERR, limited.health());
        assertEquals("exceeded limit of 1 with 2 alerts", limited.lastError());
        assertEquals(2, g.evalFailures.get());
        assertEquals(2, g.evalTotal.get());
        assertThrows(RuleEvaluationException.class,
                () -> g.evaluate(BASE + MIN, storage, query, notify, MIN, () -> 0L, true));
    }

    @Test
    void queryOffsetShiftsQueryAndSampleTime() {
        load(up("a"), BASE, BASE, 5);
        RecordingRule r = new RecordingRule("shifted", "up", Labels.EMPTY);
        Group g = new Group("f.yml", "g", MIN, MIN, 0, List.of(r));
        eval(g, BASE + MIN);
        List<Sample> out = query.query("shifted", BASE + MIN);
        assertEquals(1, out.size());
        assertEquals(5, out.get(0).v());
        assertEquals(BASE, (long) (valueAt("timestamp(shifted)", BASE + MIN) * 1000));
    }

    @Test
    void forStateIsRestoredAfterARestart() {
        // Before the restart: pending since BASE, for 10m, last evaluation at BASE+4m.
        load(up("a"), BASE, BASE + 20 * MIN, 0);
        Group before = group(alert("up == 0", 10 * MIN, 0));
        for (long t = BASE; t <= BASE + 4 * MIN; t += MIN) {
            eval(before, t);
        }
        // Down for 2 minutes; the new process evaluates once unrestored, then restores.
        AlertingRule fresh = new AlertingRule("InstanceDown", "up == 0", 10 * MIN, 0, Labels.of("severity", "page"),
                Labels.EMPTY, Map.of(), "", false);
        Group after = group(fresh);
        long restart = BASE + 6 * MIN;
        eval(after, restart);
        assertEquals((BASE + 4 * MIN) / 1000.0, valueAt("timestamp(ALERTS_FOR_STATE)", restart),
                "nothing written before restoration: the newest sample is the old process's");
        after.restoreForState(storage, restart, 60 * MIN, 10 * MIN);
        assertTrue(fresh.restored());
        // Pending 4 of 10 minutes when it went down; 6 remain, less than the 10m grace period,
        // so it fires at restart + grace period.
        assertEquals(restart + 10 * MIN - 10 * MIN, fresh.activeAlerts().get(0).activeAt());
        eval(after, restart + 9 * MIN);
        assertEquals(AlertState.PENDING, fresh.state());
        eval(after, restart + 10 * MIN);
        assertEquals(AlertState.FIRING, fresh.state());
    }

    @Test
    void reloadCarriesStateByNameAndLabelsAndStalesDroppedRules() {
        load(up("a"), BASE, BASE + 5 * MIN, 0);
        RecordingRule keep = new RecordingRule("kept", "up", Labels.EMPTY);
        RecordingRule drop = new RecordingRule("dropped", "up", Labels.EMPTY);
        AlertingRule alert = alert("up == 0", 10 * MIN, 0);
        Group old = group(keep, drop, alert);
        eval(old, BASE);
        RecordingRule keep2 = new RecordingRule("kept", "up", Labels.EMPTY);
        AlertingRule alert2 = new AlertingRule("InstanceDown", "up == 0", 20 * MIN, 0, Labels.of("severity", "page"),
                Labels.EMPTY, Map.of(), "", true);
        Group next = group(alert2, keep2);
        next.copyStateFrom(old);
        assertEquals(BASE, alert2.activeAlerts().get(0).activeAt(), "the pending alert keeps its start");
        eval(next, BASE + MIN);
        assertEquals(List.of(), query.query("dropped", BASE + MIN), "the removed rule's series is stale");
        assertEquals(1, query.query("kept", BASE + MIN).size());
    }

    @Test
    void groupsGetAStableOffsetWithinTheirInterval() {
        Group g = group(new RecordingRule("x", "1", Labels.EMPTY));
        long offset = g.offsetMillis();
        assertTrue(offset >= 0 && offset < MIN);
        long ts = g.evalTimestamp(BASE + 12_345);
        assertEquals(Math.floorMod(ts, MIN), offset);
        assertTrue(ts <= BASE + 12_345 && ts > BASE + 12_345 - MIN);
        assertEquals(offset, new Group("rules.yml", "g", MIN, 0, 0, List.of()).offsetMillis());
        assertTrue(new Group("other.yml", "g", MIN, 0, 0, List.of()).offsetMillis() != offset
                || new Group("rules.yml", "h", MIN, 0, 0, List.of()).offsetMillis() != offset);
    }
}
