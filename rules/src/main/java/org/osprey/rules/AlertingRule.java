package org.osprey.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;
import org.osprey.promql.value.Sample;
import org.osprey.rules.template.QueryFunction;
import org.osprey.rules.template.QuerySample;
import org.osprey.rules.template.TemplateExpander;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SelectHints;
import org.osprey.tsdb.SeriesSet;

/**
 * An alerting rule with upstream's state machine: a new result element is pending, turns firing
 * once it has been active for {@code for}, keeps firing for {@code keep_firing_for} after it
 * disappears, and a resolved alert is kept (and re-sent) for 15 minutes. Writes ALERTS and
 * ALERTS_FOR_STATE once restored. Thread-safe: state is guarded by this rule's monitor.
 */
public final class AlertingRule implements Rule {
    /** How long a resolved alert is kept for re-sending, as upstream. */
    public static final long RESOLVED_RETENTION_MILLIS = 15 * 60_000L;
    public static final String ALERTS = "ALERTS";
    public static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";

    private final String name;
    private final String query;
    private final long holdMillis;
    private final long keepFiringForMillis;
    private final Labels labels;
    private final Labels annotations;
    private final Map<String, String> externalLabels;
    private final String externalURL;
    private final RuleStatus status = new RuleStatus();
    private final Map<Labels, Alert> active = new LinkedHashMap<>();
    private volatile boolean restored;

    /** Mutable alert state; guarded by the rule. */
    static final class Alert {
        Labels labels;
        Labels annotations;
        AlertState state;
        double value;
        long activeAt;
        long firedAt;
        long resolvedAt;
        long lastSentAt;
        long validUntil;
        long keepFiringSince;

        AlertSnapshot snapshot() {
            return new AlertSnapshot(labels, annotations, state, value, activeAt, firedAt, resolvedAt, lastSentAt, validUntil,
                    keepFiringSince);
        }

        boolean needsSending(long ts, long resendDelay) {
            if (state == AlertState.PENDING) {
                return false;
            }
            // Resolved since the last send: send the resolution.
            if (resolvedAt > lastSentAt) {
                return true;
            }
            return lastSentAt + resendDelay < ts;
        }
    }

    public AlertingRule(String name, String query, long holdMillis, long keepFiringForMillis, Labels labels,
            Labels annotations, Map<String, String> externalLabels, String externalURL, boolean restored) {
        this.name = name;
        this.query = query;
        this.holdMillis = holdMillis;
        this.keepFiringForMillis = keepFiringForMillis;
        this.labels = labels;
        this.annotations = annotations;
        this.externalLabels = Map.copyOf(externalLabels);
        this.externalURL = externalURL;
        this.restored = restored;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    public Labels annotations() {
        return annotations;
    }

    public long holdMillis() {
        return holdMillis;
    }

    public long keepFiringForMillis() {
        return keepFiringForMillis;
    }

    public boolean restored() {
        return restored;
    }

    public void setRestored(boolean r) {
        restored = r;
    }

    @Override
    public List<Sample> eval(long ts, long queryOffsetMillis, QueryFunc queryFunc, int limit) {
        List<Sample> res = queryFunc.query(query, ts - queryOffsetMillis);
        QueryFunction templateQuery = (expr, t) -> {
            List<QuerySample> out = new ArrayList<>();
            for (Sample s : queryFunc.query(expr, t)) {
                out.add(new QuerySample(s.labels().toMap(), s.v()));
            }
            return out;
        };
        org.osprey.model.template.FunctionMap funcs = TemplateExpander.functions(templateQuery, ts, externalURL);
        Map<Labels, Alert> alerts = new LinkedHashMap<>();
        for (Sample smpl : res) {
            Map<String, String> l = smpl.labels().toMap();
            Labels.Builder lb = smpl.labels().toBuilder();
            lb.del(Labels.METRIC_NAME);
            labels.forEach((k, v) -> lb.set(k, TemplateExpander.expand(name, v, l, externalLabels, externalURL, smpl.v(), funcs)));
            lb.set("alertname", name);
            Labels.Builder ab = Labels.builder();
            annotations.forEach((k, v) -> ab.set(k, TemplateExpander.expand(name, v, l, externalLabels, externalURL, smpl.v(), funcs)));
            Labels lbs = lb.build();
            if (alerts.containsKey(lbs)) {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying alert labels");
            }
            Alert a = new Alert();
            a.labels = lbs;
            a.annotations = ab.build();
            a.activeAt = ts;
            a.state = AlertState.PENDING;
            a.value = smpl.v();
            alerts.put(lbs, a);
        }
        List<Sample> vec = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Labels, Alert> e : alerts.entrySet()) {
                Alert existing = active.get(e.getKey());
                if (existing != null && existing.state != AlertState.INACTIVE) {
                    existing.value = e.getValue().value;
                    existing.annotations = e.getValue().annotations;
                    continue;
                }
                active.put(e.getKey(), e.getValue());
            }
            int numActivePending = 0;
            Iterator<Map.Entry<Labels, Alert>> it = active.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Labels, Alert> e = it.next();
                Alert a = e.getValue();
                if (!alerts.containsKey(e.getKey())) {
                    boolean keepFiring = false;
                    if (a.state == AlertState.FIRING && keepFiringForMillis > 0) {
                        if (a.keepFiringSince == 0) {
                            a.keepFiringSince = ts;
                        }
                        if (ts - a.keepFiringSince < keepFiringForMillis) {
                            keepFiring = true;
                        }
                    }
                    // Resolved alerts stay for the retention period; pending ones go at once.
                    if (a.state == AlertState.PENDING || (a.resolvedAt != 0 && ts - a.resolvedAt > RESOLVED_RETENTION_MILLIS)) {
                        it.remove();
                    }
                    if (a.state != AlertState.INACTIVE && !keepFiring) {
                        a.state = AlertState.INACTIVE;
                        a.resolvedAt = ts;
                    }
                    if (!keepFiring) {
                        continue;
                    }
                } else {
                    a.keepFiringSince = 0;
                }
                numActivePending++;
                if (a.state == AlertState.PENDING && ts - a.activeAt >= holdMillis) {
                    a.state = AlertState.FIRING;
                    a.firedAt = ts;
                }
                if (restored) {
                    vec.add(alertSample(a, ts - queryOffsetMillis));
                    vec.add(forStateSample(a, ts - queryOffsetMillis));
                }
            }
            if (limit > 0 && numActivePending > limit) {
                active.clear();
                throw new RuleEvaluationException("exceeded limit of " + limit + " with " + numActivePending + " alerts");
            }
        }
        return vec;
    }

    private Sample alertSample(Alert a, long t) {
        Labels.Builder b = labels.toBuilder();
        a.labels.forEach(b::set);
        b.set(Labels.METRIC_NAME, ALERTS);
        b.set("alertstate", a.state.toString());
        return new Sample(b.build(), t, 1);
    }

    private Sample forStateSample(Alert a, long t) {
        Labels.Builder b = labels.toBuilder();
        a.labels.forEach(b::set);
        b.set(Labels.METRIC_NAME, ALERTS_FOR_STATE);
        // Upstream stores ActiveAt in whole seconds.
        return new Sample(b.build(), t, Math.floorDiv(a.activeAt, 1000));
    }

    /** Alerts that are pending, firing, or resolved within the retention, in insertion order. */
    public synchronized List<AlertSnapshot> activeAlerts() {
        List<AlertSnapshot> out = new ArrayList<>();
        for (Alert a : active.values()) {
            if (a.state != AlertState.INACTIVE) {
                out.add(a.snapshot());
            }
        }
        return out;
    }

    /** Every tracked alert including resolved ones still retained. */
    public synchronized List<AlertSnapshot> allAlerts() {
        List<AlertSnapshot> out = new ArrayList<>();
        for (Alert a : active.values()) {
            out.add(a.snapshot());
        }
        return out;
    }

    /** The rule's state: the highest state of its active alerts. */
    public synchronized AlertState state() {
        AlertState max = AlertState.INACTIVE;
        for (Alert a : active.values()) {
            if (a.state.ordinal() > max.ordinal()) {
                max = a.state;
            }
        }
        return max;
    }

    /**
     * Marks the alerts due for (re)sending as sent at {@code ts} and returns their copies, as
     * upstream's sendAlerts: firing alerts every {@code resendDelay}, resolutions once more.
     */
    public synchronized List<AlertSnapshot> alertsToSend(long ts, long resendDelayMillis, long intervalMillis) {
        List<AlertSnapshot> out = new ArrayList<>();
        for (Alert a : active.values()) {
            if (a.needsSending(ts, resendDelayMillis)) {
                a.lastSentAt = ts;
                // Allow for two evaluation or Alertmanager send failures.
                long delta = Math.max(resendDelayMillis, intervalMillis);
                a.validUntil = ts + 4 * delta;
                out.add(a.snapshot());
            }
        }
        return out;
    }

    /**
     * Restores {@code activeAt} of current alerts from ALERTS_FOR_STATE, as upstream's
     * RestoreForState: alerts that were pending when the server went down keep their progress,
     * shifted by the downtime, and get at least {@code gracePeriod} before firing.
     */
    void restoreForState(Querier q, long ts, long gracePeriodMillis) {
        if (holdMillis < gracePeriodMillis) {
            restored = true;
            return;
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, ALERTS_FOR_STATE));
        matchers.add(LabelMatcher.equal("alertname", name));
        labels.forEach((k, v) -> {
            if (!v.contains("{{")) {
                matchers.add(LabelMatcher.equal(k, v));
            }
        });
        Map<Labels, double[]> lastByLabels = new HashMap<>();
        SeriesSet set = q.select(false, null, matchers.toArray(new LabelMatcher[0]));
        SampleIterator reuse = null;
        while (set.next()) {
            var s = set.at();
            SampleIterator it = s.iterator(reuse);
            reuse = it;
            long t = Long.MIN_VALUE;
            double v = 0;
            while (it.next()) {
                t = it.atT();
                v = it.at();
            }
            if (t != Long.MIN_VALUE) {
                lastByLabels.put(s.labels().withoutMetricName(), new double[] {t, v});
            }
        }
        synchronized (this) {
            for (Alert a : active.values()) {
                double[] tv = lastByLabels.get(a.labels);
                if (tv == null || StaleNaN.isStale(tv[1])) {
                    continue;
                }
                long downAt = Math.floorDiv((long) tv[0], 1000) * 1000;
                long restoredActiveAt = (long) tv[1] * 1000;
                long timeSpentPending = downAt - restoredActiveAt;
                long timeRemainingPending = holdMillis - timeSpentPending;
                if (timeRemainingPending <= 0) {
                    // It was firing when the server went down; the next evaluation decides.
                    continue;
                } else if (timeRemainingPending < gracePeriodMillis) {
                    restoredActiveAt = ts + gracePeriodMillis - holdMillis;
                } else {
                    restoredActiveAt += ts - downAt;
                }
                a.activeAt = restoredActiveAt;
            }
        }
        restored = true;
    }

    /** Takes over alert state from the same rule of a replaced group (reload). */
    synchronized void copyStateFrom(AlertingRule old) {
        synchronized (old) {
            active.clear();
            for (Map.Entry<Labels, Alert> e : old.active.entrySet()) {
                active.put(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public RuleStatus status() {
        return status;
    }

    boolean sameAs(AlertingRule o) {
        return name.equals(o.name) && query.equals(o.query) && holdMillis == o.holdMillis
                && keepFiringForMillis == o.keepFiringForMillis && labels.equals(o.labels) && annotations.equals(o.annotations);
    }
}
