package org.osprey.alertmanager.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.alertmanager.alert.AlertStore;
import org.osprey.alertmanager.config.AlertmanagerConfig;
import org.osprey.alertmanager.config.ConfigException;
import org.osprey.alertmanager.config.EmailConfig;
import org.osprey.alertmanager.config.OtherIntegration;
import org.osprey.alertmanager.config.ReceiverConfig;
import org.osprey.alertmanager.config.WebhookConfig;
import org.osprey.alertmanager.dispatch.Dispatcher;
import org.osprey.alertmanager.inhibit.Inhibitor;
import org.osprey.alertmanager.metrics.AlertmanagerMetrics;
import org.osprey.alertmanager.nflog.NotificationLog;
import org.osprey.alertmanager.notify.EmailIntegration;
import org.osprey.alertmanager.notify.Integration;
import org.osprey.alertmanager.notify.NotificationPipeline;
import org.osprey.alertmanager.notify.WebhookIntegration;
import org.osprey.alertmanager.silence.SilenceState;
import org.osprey.alertmanager.silence.Silences;
import org.osprey.alertmanager.template.MessageTemplates;
import org.osprey.alertmanager.template.TemplateSet;
import org.osprey.model.labels.Labels;

/**
 * The running Alertmanager without HTTP: alert store, silences and notification log (persisted
 * under the storage path), and the per-config parts (inhibitor, pipeline, dispatcher) that
 * {@link #apply} swaps on reload. Thread-safe: apply is synchronized; the parts are thread-safe.
 */
public final class AlertmanagerCore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AlertmanagerCore.class.getName());
    private final AlertStore store = new AlertStore();
    private final Silences silences;
    private final NotificationLog nflog;
    private final AlertmanagerMetrics metrics = new AlertmanagerMetrics();
    private final String externalUrl;
    private final LongSupplier clock;
    private final ScheduledExecutorService maintenance;
    private volatile AlertmanagerConfig config;
    private volatile Inhibitor inhibitor = new Inhibitor(List.of());
    private volatile Dispatcher dispatcher;
    private volatile NotificationPipeline pipeline;
    private Consumer<Alert> inhibitorListener;

    /**
     * @param storageDir folder for the {@code silences} and {@code nflog} snapshots, null for memory only
     * @param externalUrl the URL under which users reach this Alertmanager (used in notifications)
     * @param retentionMillis how long expired silences and notification log entries are kept
     * @param gcIntervalMillis how often resolved alerts, expired silences and log entries are collected
     */
    public AlertmanagerCore(Path storageDir, String externalUrl, LongSupplier clock, long retentionMillis,
            long gcIntervalMillis) throws IOException {
        if (storageDir != null) {
            java.nio.file.Files.createDirectories(storageDir);
        }
        this.silences = new Silences(storageDir == null ? null : storageDir.resolve("silences"), retentionMillis);
        this.nflog = new NotificationLog(storageDir == null ? null : storageDir.resolve("nflog"), retentionMillis);
        this.externalUrl = externalUrl;
        this.clock = clock;
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osprey-am-maintenance");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::gc, gcIntervalMillis, gcIntervalMillis, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(nflog::flush, 1, 1, TimeUnit.SECONDS);
        metrics.gauges(this::alertStateCounts, () -> {
            Map<String, Long> m = new HashMap<>();
            silences.countByState(clock.getAsLong()).forEach((k, v) -> m.put(k.apiName(), (long) v));
            return m;
        }, () -> {
            Dispatcher d = dispatcher;
            return d == null ? 0L : d.groups().size();
        }, () -> (long) nflog.size());
    }

    private void gc() {
        long now = clock.getAsLong();
        try {
            store.collectResolved(now);
            inhibitor.collectResolved(now);
            silences.gc(now);
            nflog.gc(now);
            nflog.flush();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "maintenance failed: " + e);
        }
    }

    /**
     * Activates a config: loads its templates, builds integrations, inhibitor and dispatcher, then
     * replaces the running ones. On error the old config stays active.
     */
    public synchronized void apply(AlertmanagerConfig cfg) throws ConfigException {
        MessageTemplates templates = new MessageTemplates(TemplateSet.load(cfg.templates()));
        Map<String, List<Integration>> integrations = new HashMap<>();
        Map<String, List<String>> undelivered = new HashMap<>();
        for (ReceiverConfig r : cfg.receivers()) {
            List<Integration> list = new ArrayList<>();
            int i = 0;
            for (EmailConfig e : r.emailConfigs()) {
                list.add(new EmailIntegration(e, i++, templates));
            }
            i = 0;
            for (WebhookConfig w : r.webhookConfigs()) {
                list.add(new WebhookIntegration(w, i++));
            }
            integrations.put(r.name(), list);
            List<String> kinds = new ArrayList<>();
            for (OtherIntegration o : r.otherIntegrations()) {
                if (!kinds.contains(o.kind())) {
                    kinds.add(o.kind());
                    LOG.log(System.Logger.Level.WARNING, "receiver " + r.name() + ": " + o.kind()
                            + "_configs accepted but not delivered by Osprey (only email and webhook are)");
                }
            }
            undelivered.put(r.name(), kinds);
        }
        Inhibitor newInhibitor = new Inhibitor(cfg.inhibitRules());
        NotificationPipeline newPipeline = new NotificationPipeline(integrations, undelivered, silences, newInhibitor,
                cfg.timeIntervals(), nflog, metrics, externalUrl, clock);
        Dispatcher newDispatcher = new Dispatcher(cfg.route(), store, newPipeline, clock);

        // Stop in-flight retries first so the old dispatcher's flushes end at once.
        if (pipeline != null) {
            pipeline.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (inhibitorListener != null) {
            store.unsubscribe(inhibitorListener);
        }
        for (Alert a : store.all()) {
            newInhibitor.observe(a);
        }
        inhibitorListener = newInhibitor::observe;
        store.subscribe(inhibitorListener);
        inhibitor = newInhibitor;
        pipeline = newPipeline;
        dispatcher = newDispatcher;
        config = cfg;
        newDispatcher.start();
        metrics.reloaded(true, cfg.original().hashCode(), clock.getAsLong() / 1000);
    }

    /** Stores received alerts (already validated and defaulted by the API layer). */
    public void putAlerts(List<Alert> alerts) {
        long now = clock.getAsLong();
        for (Alert a : alerts) {
            store.put(a, now);
            metrics.alertReceived(!a.resolvedAt(now));
        }
    }

    /** The status of an alert with these labels now: silences, then inhibition, as the API reports it. */
    public AlertStatus status(Labels labels) {
        long now = clock.getAsLong();
        List<String> silencedBy = silences.mutedBy(labels, now);
        List<String> inhibitedBy = new ArrayList<>();
        for (long fp : inhibitor.inhibitedBy(labels, now)) {
            inhibitedBy.add(Alert.fingerprintHex(fp));
        }
        boolean suppressed = !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
        return new AlertStatus(suppressed ? "suppressed" : "active", silencedBy, inhibitedBy);
    }

    private Map<String, Long> alertStateCounts() {
        long now = clock.getAsLong();
        long active = 0;
        long suppressed = 0;
        for (Alert a : store.all()) {
            if (a.resolvedAt(now)) {
                continue;
            }
            if ("suppressed".equals(status(a.labels()).state())) {
                suppressed++;
            } else {
                active++;
            }
        }
        return Map.of("active", active, "suppressed", suppressed, "unprocessed", 0L);
    }

    public AlertmanagerConfig config() {
        return config;
    }

    public AlertStore alerts() {
        return store;
    }

    public Silences silences() {
        return silences;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public AlertmanagerMetrics metrics() {
        return metrics;
    }

    public NotificationLog nflog() {
        return nflog;
    }

    public long now() {
        return clock.getAsLong();
    }

    /** Counts silences in a state now. */
    public int silenceCount(SilenceState s) {
        return silences.countByState(clock.getAsLong()).get(s);
    }

    @Override
    public synchronized void close() {
        maintenance.shutdownNow();
        if (pipeline != null) {
            pipeline.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        nflog.flush();
    }
}
