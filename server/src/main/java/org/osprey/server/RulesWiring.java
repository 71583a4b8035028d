package org.osprey.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.promql.Engine;
import org.osprey.rules.AlertSnapshot;
import org.osprey.rules.AlertingRule;
import org.osprey.rules.EngineQueryFunc;
import org.osprey.rules.Group;
import org.osprey.rules.RecordingRule;
import org.osprey.rules.Rule;
import org.osprey.rules.RuleFiles;
import org.osprey.rules.RuleLoadException;
import org.osprey.rules.RuleManager;
import org.osprey.rules.notifier.AlertmanagerConfig;
import org.osprey.rules.notifier.Notifier;
import org.osprey.scrape.config.PrometheusConfig;
import org.osprey.server.api.view.AlertView;
import org.osprey.server.api.view.RuleGroupView;
import org.osprey.server.api.view.RuleView;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.metrics.TextMetricsWriter;
import org.osprey.tsdb.Storage;

/**
 * Runs the rules module for the server: rule files from the config, evaluation on the shared
 * PromQL engine, alerts to the configured Alertmanagers, and read models for the API. A reload
 * that changes global evaluation settings rebuilds the rule manager (its options are fixed);
 * otherwise groups update in place and keep their alert state. Thread-safe: reload is
 * synchronized, readers see a volatile snapshot.
 */
final class RulesWiring implements AutoCloseable {
    private final ServerOptions options;
    private final Storage storage;
    private final Engine engine;
    private final Notifier notifier;
    private volatile RuleManager manager;
    private volatile List<String> alertmanagerUrls = List.of();
    private Object managerKey;

    RulesWiring(ServerOptions options, Storage storage, Engine engine, Labels externalLabels) {
        this.options = options;
        this.storage = storage;
        this.engine = engine;
        this.notifier = new Notifier(new Notifier.Options(options.notificationQueueCapacity(), externalLabels, List.of()));
    }

    /**
     * Applies a configuration: Alertmanagers, then rule files.
     *
     * @throws RuleLoadException when a rule file does not load (nothing changes then)
     * @throws IOException       when a rule file glob cannot be expanded
     */
    synchronized void apply(PrometheusConfig config, Path baseDir) throws RuleLoadException, IOException {
        List<Path> files = RuleFiles.expand(config.ruleFiles(), baseDir);
        // converted first so an unreadable secret file changes nothing
        List<AlertmanagerConfig> ams = AlertmanagerSettings.from(config.alerting());
        var g = config.global();
        Object key = List.of(g.evaluationIntervalMillis(), g.ruleQueryOffsetMillis(), g.externalLabels());
        RuleManager m = manager;
        RuleManager fresh = null;
        if (m == null || !key.equals(managerKey)) {
            String external = options.externalUrl();
            fresh = new RuleManager(new RuleManager.Options(storage, new EngineQueryFunc(engine, storage),
                    g.evaluationIntervalMillis(), g.ruleQueryOffsetMillis(), g.externalLabels().toMap(), external,
                    options.forOutageToleranceMillis(), options.forGracePeriodMillis(), options.resendDelayMillis(),
                    notifier.notifyFunc(external), System::currentTimeMillis));
            m = fresh;
        }
        try {
            m.update(files);
        } catch (RuleLoadException e) {
            if (fresh != null) {
                fresh.close();
            }
            throw e;
        }
        if (fresh != null) {
            RuleManager old = manager;
            manager = fresh;
            managerKey = key;
            if (old != null) {
                old.close();
            }
        }
        List<String> urls = new ArrayList<>();
        for (AlertmanagerConfig am : ams) {
            String prefix = am.pathPrefix().endsWith("/") ? am.pathPrefix() : am.pathPrefix() + "/";
            for (String t : am.staticTargets()) {
                urls.add(am.scheme() + "://" + t + prefix + "api/v2/alerts");
            }
        }
        notifier.applyConfig(ams);
        alertmanagerUrls = List.copyOf(urls);
    }

    /** The notifier, shared with other alert sources (assertion probes) so they reach the same Alertmanagers. */
    Notifier notifier() {
        return notifier;
    }

    List<String> alertmanagerUrls() {
        return alertmanagerUrls;
    }

    /** The groups as the API shows them. */
    List<RuleGroupView> groups() {
        RuleManager m = manager;
        if (m == null) {
            return List.of();
        }
        List<RuleGroupView> out = new ArrayList<>();
        for (Group g : m.groups()) {
            List<RuleView> rules = new ArrayList<>();
            for (Rule r : g.rules()) {
                if (r instanceof AlertingRule ar) {
                    List<AlertView> alerts = new ArrayList<>();
                    for (AlertSnapshot a : ar.activeAlerts()) {
                        alerts.add(alert(a));
                    }
                    rules.add(new RuleView(true, ar.name(), ar.query(), ar.labels(), ar.annotations(), ar.holdMillis() / 1000.0,
                            ar.keepFiringForMillis() / 1000.0, ar.state().toString(), alerts, ar.health().toString(),
                            ar.lastError(), ar.evaluationSeconds(), ar.lastEvaluation()));
                } else if (r instanceof RecordingRule rr) {
                    rules.add(new RuleView(false, rr.name(), rr.query(), rr.labels(), Labels.EMPTY, 0, 0, "", List.of(),
                            rr.health().toString(), rr.lastError(), rr.evaluationSeconds(), rr.lastEvaluation()));
                }
            }
            out.add(new RuleGroupView(g.name(), g.file(), rules, g.intervalMillis() / 1000.0, g.limit(),
                    g.lastDurationSeconds(), g.lastEvaluationMillis()));
        }
        return out;
    }

    List<AlertView> activeAlerts() {
        RuleManager m = manager;
        if (m == null) {
            return List.of();
        }
        List<AlertView> out = new ArrayList<>();
        for (AlertSnapshot a : m.activeAlerts()) {
            out.add(alert(a));
        }
        return out;
    }

    private static AlertView alert(AlertSnapshot a) {
        return new AlertView(a.labels(), a.annotations(), a.state().toString(), a.activeAt(), a.value(), a.keepFiringSince());
    }

    /** Rule and notifier figures for /metrics; samples are grouped per family since visitors interleave them. */
    void writeMetrics(TextMetricsWriter out) {
        record Point(Labels labels, double value) {
        }
        record Family(String type, String help, List<Point> points) {
        }
        java.util.Map<String, Family> families = new java.util.LinkedHashMap<>();
        org.osprey.rules.MetricVisitor v = new org.osprey.rules.MetricVisitor() {
            @Override
            public void counter(String name, String help, Labels labels, double value) {
                families.computeIfAbsent(name, n -> new Family("counter", help, new ArrayList<>())).points().add(new Point(labels, value));
            }

            @Override
            public void gauge(String name, String help, Labels labels, double value) {
                families.computeIfAbsent(name, n -> new Family("gauge", help, new ArrayList<>())).points().add(new Point(labels, value));
            }
        };
        RuleManager m = manager;
        if (m != null) {
            m.visitMetrics(v);
        }
        notifier.visitMetrics(v);
        families.forEach((name, f) -> {
            out.family(name, f.type(), f.help());
            for (Point p : f.points()) {
                String[] kv = new String[p.labels().size() * 2];
                for (int i = 0; i < p.labels().size(); i++) {
                    kv[2 * i] = p.labels().name(i);
                    kv[2 * i + 1] = p.labels().value(i);
                }
                out.sample(name, p.value(), kv);
            }
        });
    }

    @Override
    public synchronized void close() {
        RuleManager m = manager;
        if (m != null) {
            m.close();
        }
        notifier.close();
    }
}
