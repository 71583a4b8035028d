package org.osprey.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.osprey.model.labels.Labels;
import org.osprey.rules.rulefmt.RuleGroups;
import org.osprey.rules.rulefmt.RuleParser;
import org.osprey.tsdb.Storage;

/**
 * Loads rule files into groups and runs each group on its own schedule; {@link #update} reloads
 * (unchanged groups keep running, changed ones take over alert state, removed ones write stale
 * markers). Also the source of the rules/alerts API data and the rule metrics. Thread-safe.
 */
public final class RuleManager implements AutoCloseable {
    /**
     * @param evaluationIntervalMillis    global {@code evaluation_interval}
     * @param queryOffsetMillis           global {@code rule_query_offset}
     * @param outageToleranceMillis       {@code --rules.alert.for-outage-tolerance} (1h)
     * @param forGracePeriodMillis        {@code --rules.alert.for-grace-period} (10m)
     * @param resendDelayMillis           {@code --rules.alert.resend-delay} (1m)
     * @param clock                       wall clock in epoch ms
     */
    public record Options(Storage storage, QueryFunc queryFunc, long evaluationIntervalMillis, long queryOffsetMillis,
            Map<String, String> externalLabels, String externalURL, long outageToleranceMillis, long forGracePeriodMillis,
            long resendDelayMillis, NotifyFunc notifyFunc, LongSupplier clock) {
        public Options {
            externalLabels = Map.copyOf(externalLabels);
        }

        public static Options defaults(Storage storage, QueryFunc queryFunc) {
            return new Options(storage, queryFunc, 60_000, 0, Map.of(), "", 3600_000, 600_000, 60_000, NotifyFunc.NONE,
                    System::currentTimeMillis);
        }

        public Options withNotify(NotifyFunc n) {
            return new Options(storage, queryFunc, evaluationIntervalMillis, queryOffsetMillis, externalLabels, externalURL,
                    outageToleranceMillis, forGracePeriodMillis, resendDelayMillis, n, clock);
        }

        public Options withEvaluationInterval(long ms) {
            return new Options(storage, queryFunc, ms, queryOffsetMillis, externalLabels, externalURL,
                    outageToleranceMillis, forGracePeriodMillis, resendDelayMillis, notifyFunc, clock);
        }

        public Options withExternal(Map<String, String> labels, String url) {
            return new Options(storage, queryFunc, evaluationIntervalMillis, queryOffsetMillis, labels, url,
                    outageToleranceMillis, forGracePeriodMillis, resendDelayMillis, notifyFunc, clock);
        }
    }

    private final Options options;
    private final RuleParser parser;
    private final Object lock = new Object();
    private volatile List<Group> groups = List.of();
    private boolean restoredOnce;
    private boolean closed;

    public RuleManager(Options options) {
        this(options, new RuleParser(RuleParser.Options.defaults(PromqlValidator.INSTANCE)));
    }

    public RuleManager(Options options, RuleParser parser) {
        this.options = options;
        this.parser = parser;
    }

    /**
     * Loads groups from rule files (not started). Alerting rules begin "restored" when
     * {@code restored} is true (unit tests), else they wait for for-state restoration.
     */
    public static List<Group> loadGroups(List<Path> files, RuleParser parser, long defaultIntervalMillis,
            long defaultQueryOffsetMillis, Map<String, String> externalLabels, String externalURL, boolean restored)
            throws RuleLoadException {
        List<String> errors = new ArrayList<>();
        List<Group> out = new ArrayList<>();
        for (Path f : files) {
            RuleParser.Result r = parser.parseFile(f);
            if (!r.ok()) {
                errors.addAll(r.errors());
                continue;
            }
            out.addAll(toGroups(f.toString(), r.groups(), defaultIntervalMillis, defaultQueryOffsetMillis, externalLabels,
                    externalURL, restored));
        }
        if (!errors.isEmpty()) {
            throw new RuleLoadException(errors);
        }
        return out;
    }

    static List<Group> toGroups(String file, RuleGroups rgs, long defaultIntervalMillis, long defaultQueryOffsetMillis,
            Map<String, String> externalLabels, String externalURL, boolean restored) {
        List<Group> out = new ArrayList<>();
        for (org.osprey.rules.rulefmt.RuleGroup g : rgs.groups()) {
            List<Rule> rules = new ArrayList<>();
            for (org.osprey.rules.rulefmt.Rule r : g.rules()) {
                Labels.Builder lb = Labels.builder();
                g.labels().forEach(lb::set);
                r.labels().forEach(lb::set);
                Labels labels = lb.build();
                String expr = printed(r.expr());
                if (r.isAlert()) {
                    rules.add(new AlertingRule(r.alert(), expr, r.forMillis(), r.keepFiringForMillis(), labels,
                            Labels.fromMap(r.annotations()), externalLabels, externalURL, restored));
                } else {
                    rules.add(new RecordingRule(r.record(), expr, labels));
                }
            }
            long interval = g.intervalMillis() > 0 ? g.intervalMillis() : defaultIntervalMillis;
            long offset = g.queryOffsetMillis() != null ? g.queryOffsetMillis() : defaultQueryOffsetMillis;
            out.add(new Group(file, g.name(), interval, offset, g.limit(), rules));
        }
        return out;
    }

    /**
     * The expression as Prometheus prints its parsed form: what the API shows as {@code query},
     * what generator URLs link to and what is evaluated (multi-line YAML becomes one line).
     */
    static String printed(String expr) {
        try {
            return org.osprey.promql.parser.PromqlParser.parse(expr).toString();
        } catch (RuntimeException e) {
            return expr; // validated before; keep the text if the printer disagrees
        }
    }

    /**
     * Replaces the running rule set with the given files. On any load error nothing changes.
     *
     * @throws RuleLoadException with every file's errors
     */
    public void update(List<Path> files) throws RuleLoadException {
        boolean startedBefore;
        synchronized (lock) {
            startedBefore = restoredOnce;
        }
        // As upstream: at startup alerting rules wait for for-state restoration; groups added by a
        // later reload start restored (they write ALERTS at once and restore nothing).
        List<Group> loaded = loadGroups(files, parser, options.evaluationIntervalMillis(), options.queryOffsetMillis(),
                options.externalLabels(), options.externalURL(), startedBefore);
        synchronized (lock) {
            if (closed) {
                return;
            }
            Map<String, Group> old = new LinkedHashMap<>();
            for (Group g : groups) {
                old.put(g.key(), g);
            }
            List<Group> next = new ArrayList<>();
            for (Group g : loaded) {
                Group prev = old.remove(g.key());
                if (prev != null && prev.sameAs(g)) {
                    next.add(prev);
                    continue;
                }
                if (prev != null) {
                    prev.stop();
                    g.copyStateFrom(prev);
                } else {
                    g.shouldRestore = !startedBefore;
                }
                next.add(g);
                g.start(options.storage(), options.queryFunc(), options.notifyFunc(), options.resendDelayMillis(),
                        options.clock(), options.outageToleranceMillis(), options.forGracePeriodMillis());
            }
            long now = options.clock().getAsLong();
            for (Group removed : old.values()) {
                removed.stop();
                removed.markStale(options.storage(), now);
            }
            groups = List.copyOf(next);
            restoredOnce = true;
        }
    }

    /** The current groups in file order. */
    public List<Group> groups() {
        return groups;
    }

    /** Every alerting rule's pending and firing alerts (for /api/v1/alerts). */
    public List<AlertSnapshot> activeAlerts() {
        List<AlertSnapshot> out = new ArrayList<>();
        for (Group g : groups) {
            for (Rule r : g.rules()) {
                if (r instanceof AlertingRule ar) {
                    out.addAll(ar.activeAlerts());
                }
            }
        }
        return out;
    }

    /** Reports the rule metrics (names as Prometheus's with the osprey_ prefix). */
    public void visitMetrics(MetricVisitor v) {
        for (Group g : groups) {
            Labels l = Labels.of("rule_group", g.key());
            v.counter("osprey_rule_evaluations_total", "The total number of rule evaluations.", l, g.evalTotal.get());
            v.counter("osprey_rule_evaluation_failures_total", "The total number of rule evaluation failures.", l,
                    g.evalFailures.get());
            v.counter("osprey_rule_group_iterations_missed_total",
                    "The total number of rule group evaluations missed due to slow rule group evaluation.", l,
                    g.iterationsMissed.get());
            v.counter("osprey_rule_group_iterations_total",
                    "The total number of scheduled rule group evaluations, whether executed or missed.", l,
                    g.iterationsScheduled.get());
            v.gauge("osprey_rule_group_last_duration_seconds", "The duration of the last rule group evaluation.", l,
                    g.lastDurationSeconds());
            v.gauge("osprey_rule_group_interval_seconds", "The interval of a rule group.", l, g.intervalMillis() / 1000.0);
            v.gauge("osprey_rule_group_last_evaluation_timestamp_seconds",
                    "The timestamp of the last rule group evaluation in seconds.", l, g.lastEvalTimestamp() / 1000.0);
            v.gauge("osprey_rule_group_rules", "The number of rules.", l, g.rules().size());
            v.gauge("osprey_rule_group_last_evaluation_samples",
                    "The number of samples returned during the last rule group evaluation.", l, g.lastEvaluationSamples());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            for (Group g : groups) {
                g.stop();
            }
        }
    }
}
