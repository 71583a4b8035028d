package org.osprey.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;
import org.osprey.promql.value.Sample;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.Storage;

/**
 * A rule group: its rules evaluated in order at consistently slotted timestamps (a per-group
 * offset within the interval spreads groups, as upstream), results appended to storage with
 * stale markers for series a rule stopped producing. Thread-safety: evaluation runs on the
 * group's own thread (or the caller of {@link #evaluate}); counters and status are safe to read.
 */
public final class Group {
    private static final Logger LOG = Logger.getLogger(Group.class.getName());

    private final String file;
    private final String name;
    private final long intervalMillis;
    private final long queryOffsetMillis;
    private final int limit;
    private final List<Rule> rules;
    private final List<Map<Labels, Labels>> seriesInPreviousEval;
    /** Series of rules dropped by a reload, marked stale at the next evaluation. */
    private List<Labels> staleSeries = new ArrayList<>();

    final AtomicLong evalTotal = new AtomicLong();
    final AtomicLong evalFailures = new AtomicLong();
    final AtomicLong iterationsMissed = new AtomicLong();
    final AtomicLong iterationsScheduled = new AtomicLong();
    private volatile double lastDurationSeconds;
    private volatile long lastEvaluationSamples;
    private volatile long lastEvaluationMillis;
    private volatile long lastEvalTimestamp;
    private volatile Thread thread;
    private volatile boolean logFailures = true;
    private volatile boolean stopping;
    volatile boolean shouldRestore;

    public Group(String file, String name, long intervalMillis, long queryOffsetMillis, int limit, List<Rule> rules) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.file = file;
        this.name = name;
        this.intervalMillis = intervalMillis;
        this.queryOffsetMillis = queryOffsetMillis;
        this.limit = limit;
        this.rules = List.copyOf(rules);
        this.seriesInPreviousEval = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            seriesInPreviousEval.add(new HashMap<>());
        }
    }

    public String file() {
        return file;
    }

    public String name() {
        return name;
    }

    /** Upstream's group key: {@code file;name}. */
    public String key() {
        return file + ";" + name;
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    public long queryOffsetMillis() {
        return queryOffsetMillis;
    }

    public int limit() {
        return limit;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Turns the per-failure warning log off (promtool-style runs report failures themselves). */
    public void setLogFailures(boolean log) {
        logFailures = log;
    }

    public double lastDurationSeconds() {
        return lastDurationSeconds;
    }

    /** Samples the rules returned in the last evaluation. */
    public long lastEvaluationSamples() {
        return lastEvaluationSamples;
    }

    public long lastEvaluationMillis() {
        return lastEvaluationMillis;
    }

    public long lastEvalTimestamp() {
        return lastEvalTimestamp;
    }

    /** This group's offset within its interval, derived from file and name so it is stable across restarts. */
    long offsetMillis() {
        long h = Labels.of("name", name, "file", file).stableHash();
        return Long.remainderUnsigned(h, intervalMillis);
    }

    /** The latest slot at or before {@code nowMillis}: {@code k * interval + offset}. */
    public long evalTimestamp(long nowMillis) {
        long offset = offsetMillis();
        long adj = nowMillis - offset;
        long base = adj - Math.floorMod(adj, intervalMillis);
        return base + offset;
    }

    /**
     * Evaluates every rule once at {@code ts}, in order, so a recording rule's output is visible to
     * the rules after it.
     */
    public void evaluate(long ts, Storage storage, QueryFunc query, NotifyFunc notify, long resendDelayMillis,
            LongSupplier clock, boolean failFast) {
        long groupStart = System.nanoTime();
        cleanupStaleSeries(ts, storage);
        long samplesTotal = 0;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            long start = System.nanoTime();
            long startWall = clock.getAsLong();
            evalTotal.incrementAndGet();
            List<Sample> vector;
            try {
                vector = rule.eval(ts, queryOffsetMillis, query, limit);
            } catch (RuleEvaluationException e) {
                rule.setHealth(Health.ERR, e.getMessage());
                rule.setEvaluation(startWall, (System.nanoTime() - start) / 1e9);
                evalFailures.incrementAndGet();
                if (logFailures) {
                    LOG.log(Level.WARNING, "Evaluating rule failed: group=" + name + " rule=" + rule.name() + " err=" + e.getMessage());
                }
                if (failFast) {
                    throw e;
                }
                continue;
            }
            rule.setHealth(Health.OK, "");
            samplesTotal += vector.size();
            if (rule instanceof AlertingRule ar) {
                List<AlertSnapshot> toSend = ar.alertsToSend(ts, resendDelayMillis, intervalMillis);
                if (!toSend.isEmpty()) {
                    notify.notify(ar.query(), toSend);
                }
            }
            Map<Labels, Labels> returned = new HashMap<>();
            Appender app = storage.appender();
            try {
                for (Sample s : vector) {
                    try {
                        app.append(0, s.labels(), s.t(), s.v());
                        returned.put(s.labels(), s.labels());
                    } catch (SampleRejectedException e) {
                        rule.setHealth(Health.ERR, e.getMessage());
                    }
                }
                for (Labels prev : seriesInPreviousEval.get(i).keySet()) {
                    if (!returned.containsKey(prev)) {
                        // The rule no longer produces this series: mark it stale.
                        try {
                            app.append(0, prev, ts - queryOffsetMillis, StaleNaN.VALUE);
                        } catch (SampleRejectedException e) {
                            // out of order or duplicate: the series already moved on
                        }
                    }
                }
            } finally {
                app.commit();
            }
            seriesInPreviousEval.set(i, returned);
            rule.setEvaluation(startWall, (System.nanoTime() - start) / 1e9);
        }
        lastDurationSeconds = (System.nanoTime() - groupStart) / 1e9;
        lastEvaluationSamples = samplesTotal;
        lastEvaluationMillis = clock.getAsLong();
        lastEvalTimestamp = ts;
    }

    private void cleanupStaleSeries(long ts, Storage storage) {
        if (staleSeries.isEmpty()) {
            return;
        }
        Appender app = storage.appender();
        try {
            for (Labels l : staleSeries) {
                try {
                    // The rule that produced this series is no longer configured.
                    app.append(0, l, ts - queryOffsetMillis, StaleNaN.VALUE);
                } catch (SampleRejectedException e) {
                    // already newer data
                }
            }
        } finally {
            app.commit();
        }
        staleSeries = new ArrayList<>();
    }

    /** Restores alert for-state from storage (after the first evaluation following a restart). */
    void restoreForState(Storage storage, long nowMillis, long outageToleranceMillis, long gracePeriodMillis) {
        try (Querier q = storage.querier(nowMillis - outageToleranceMillis, nowMillis)) {
            for (Rule r : rules) {
                if (r instanceof AlertingRule ar) {
                    ar.restoreForState(q, nowMillis, gracePeriodMillis);
                }
            }
        }
    }

    /** Starts the evaluation loop on a virtual thread. */
    void start(Storage storage, QueryFunc query, NotifyFunc notify, long resendDelayMillis, LongSupplier clock,
            long outageToleranceMillis, long gracePeriodMillis) {
        thread = Thread.ofVirtual().name("rule-group-" + name).start(() -> {
            long evalTs = evalTimestamp(clock.getAsLong()) + intervalMillis;
            if (!sleepUntil(evalTs, clock)) {
                return;
            }
            iterationsScheduled.incrementAndGet();
            try {
                evaluate(evalTs, storage, query, notify, resendDelayMillis, clock, false);
                if (shouldRestore) {
                    // Restore after one evaluation so the rules have their current alerts to restore into.
                    restoreForState(storage, clock.getAsLong(), outageToleranceMillis, gracePeriodMillis);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "rule group " + name + " evaluation failed", e);
            } finally {
                shouldRestore = false;
            }
            while (!stopping) {
                if (!sleepUntil(evalTs + intervalMillis, clock)) {
                    return;
                }
                long missed = (clock.getAsLong() - evalTs) / intervalMillis - 1;
                if (missed > 0) {
                    iterationsMissed.addAndGet(missed);
                    iterationsScheduled.addAndGet(missed);
                }
                evalTs += (missed + 1) * intervalMillis;
                iterationsScheduled.incrementAndGet();
                try {
                    evaluate(evalTs, storage, query, notify, resendDelayMillis, clock, false);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "rule group " + name + " evaluation failed", e);
                }
            }
        });
    }

    private boolean sleepUntil(long target, LongSupplier clock) {
        while (!stopping) {
            long wait = target - clock.getAsLong();
            if (wait <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(wait, 1000));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /** Stops the loop and waits for an evaluation in progress to finish. */
    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes stale markers for every series this group produced last (group removed on reload). */
    void markStale(Storage storage, long ts) {
        Appender app = storage.appender();
        try {
            for (Map<Labels, Labels> m : seriesInPreviousEval) {
                for (Labels l : m.keySet()) {
                    try {
                        app.append(0, l, ts, StaleNaN.VALUE);
                    } catch (SampleRejectedException e) {
                        // already newer data
                    }
                }
            }
        } finally {
            app.commit();
        }
    }

    /**
     * Takes previous-series bookkeeping and alert state from the group this one replaces, matching
     * rules by name and labels; series of old rules without a match are marked stale next time.
     */
    void copyStateFrom(Group old) {
        Map<String, List<Integer>> oldByKey = new HashMap<>();
        for (int i = 0; i < old.rules.size(); i++) {
            oldByKey.computeIfAbsent(ruleKey(old.rules.get(i)), k -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            List<Integer> idx = oldByKey.get(ruleKey(r));
            if (idx == null || idx.isEmpty()) {
                continue;
            }
            int oi = idx.remove(0);
            seriesInPreviousEval.set(i, old.seriesInPreviousEval.get(oi));
            Rule or = old.rules.get(oi);
            if (r instanceof AlertingRule ar && or instanceof AlertingRule oar) {
                ar.copyStateFrom(oar);
                ar.setRestored(oar.restored());
            }
            r.setHealth(or.health(), or.lastError());
            r.setEvaluation(or.lastEvaluation(), or.evaluationSeconds());
        }
        List<Labels> stale = new ArrayList<>(old.staleSeries);
        for (List<Integer> left : oldByKey.values()) {
            for (int oi : left) {
                stale.addAll(old.seriesInPreviousEval.get(oi).keySet());
            }
        }
        staleSeries = stale;
        lastDurationSeconds = old.lastDurationSeconds;
        lastEvaluationMillis = old.lastEvaluationMillis;
        evalTotal.set(old.evalTotal.get());
        evalFailures.set(old.evalFailures.get());
        iterationsMissed.set(old.iterationsMissed.get());
        iterationsScheduled.set(old.iterationsScheduled.get());
    }

    private static String ruleKey(Rule r) {
        return r.name() + r.labels();
    }

    /** Same file, name, settings and rule definitions (a reload can keep the running group). */
    boolean sameAs(Group o) {
        if (!file.equals(o.file) || !name.equals(o.name) || intervalMillis != o.intervalMillis
                || queryOffsetMillis != o.queryOffsetMillis || limit != o.limit || rules.size() != o.rules.size()) {
            return false;
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule a = rules.get(i);
            Rule b = o.rules.get(i);
            boolean same = (a instanceof RecordingRule ra && b instanceof RecordingRule rb && ra.sameAs(rb))
                    || (a instanceof AlertingRule aa && b instanceof AlertingRule ab && aa.sameAs(ab));
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
