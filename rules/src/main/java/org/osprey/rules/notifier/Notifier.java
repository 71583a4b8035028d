package org.osprey.rules.notifier;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osprey.model.labels.Labels;
import org.osprey.model.relabel.RelabelConfig;
import org.osprey.model.relabel.Relabeler;
import org.osprey.model.value.JsonStrings;
import org.osprey.rules.AlertSnapshot;
import org.osprey.rules.MetricVisitor;
import org.osprey.rules.NotifyFunc;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Sends alerts to every configured Alertmanager over the v2 API ({@code POST /api/v2/alerts}),
 * as upstream's notifier: external labels added where absent, {@code alert_relabel_configs}
 * applied, a bounded queue that drops the oldest alerts when full (counted), batches of at most
 * 64 alerts, one concurrent request per Alertmanager. Thread-safe.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
    /** Upstream's maximum alerts per request. */
    public static final int MAX_BATCH = 64;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param queueCapacity        {@code --alertmanager.notification-queue-capacity} (10000)
     * @param externalLabels       {@code global.external_labels}
     * @param alertRelabelConfigs  {@code alerting.alert_relabel_configs}
     */
    public record Options(int queueCapacity, Labels externalLabels, List<RelabelConfig> alertRelabelConfigs) {
        public Options {
            alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
        }

        public static Options defaults() {
            return new Options(10_000, Labels.EMPTY, List.of());
        }
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ArrayDeque<NotifierAlert> queue = new ArrayDeque<>();
    private final Object lock = new Object();
    private volatile List<AlertmanagerConfig> alertmanagers = List.of();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Thread sender;
    private volatile boolean stopping;

    public Notifier(Options options) {
        this.options = options;
        this.sender = Thread.ofVirtual().name("notifier").start(this::runLoop);
    }

    /** Replaces the Alertmanager set (config reload). */
    public void applyConfig(List<AlertmanagerConfig> configs) {
        alertmanagers = List.copyOf(configs);
    }

    /** Queues alerts; when the queue is full the oldest queued alerts are dropped and counted. */
    public void send(List<NotifierAlert> alerts) {
        List<NotifierAlert> relabeled = relabel(alerts, options.externalLabels(), options.alertRelabelConfigs());
        if (relabeled.isEmpty()) {
            return;
        }
        synchronized (lock) {
            int cap = options.queueCapacity();
            int d = relabeled.size() - cap;
            if (d > 0) {
                relabeled = relabeled.subList(d, relabeled.size());
                LOG.warning("Alert batch larger than queue capacity, dropping alerts: num_dropped=" + d);
                dropped.addAndGet(d);
            }
            d = queue.size() + relabeled.size() - cap;
            if (d > 0) {
                for (int i = 0; i < d; i++) {
                    queue.pollFirst();
                }
                LOG.warning("Alert notification queue full, dropping alerts: num_dropped=" + d);
                dropped.addAndGet(d);
            }
            queue.addAll(relabeled);
            lock.notifyAll();
        }
    }

    static List<NotifierAlert> relabel(List<NotifierAlert> alerts, Labels external, List<RelabelConfig> configs) {
        List<NotifierAlert> out = new ArrayList<>(alerts.size());
        for (NotifierAlert a : alerts) {
            Labels.Builder b = a.labels().toBuilder();
            external.forEach((k, v) -> {
                if (a.labels().get(k).isEmpty()) {
                    b.set(k, v);
                }
            });
            Labels l = Relabeler.process(b.build(), configs);
            if (l != null) {
                out.add(a.withLabels(l));
            }
        }
        return out;
    }

    public int queueLength() {
        synchronized (lock) {
            return queue.size();
        }
    }

    public long droppedTotal() {
        return dropped.get();
    }

    private void runLoop() {
        while (true) {
            List<NotifierAlert> batch = new ArrayList<>();
            synchronized (lock) {
                while (queue.isEmpty() && !stopping) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        if (stopping) {
                            break;
                        }
                    }
                }
                if (queue.isEmpty() && stopping) {
                    return;
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.pollFirst());
                }
            }
            if (!sendAll(batch)) {
                LOG.warning("Error sending alerts: count=" + batch.size());
            }
        }
    }

    /** Posts one batch to every Alertmanager in parallel; true when at least one accepted it. */
    boolean sendAll(List<NotifierAlert> batch) {
        List<Thread> threads = new ArrayList<>();
        AtomicLong ok = new AtomicLong();
        for (AlertmanagerConfig am : alertmanagers) {
            List<NotifierAlert> amBatch = batch;
            if (!am.alertRelabelConfigs().isEmpty()) {
                amBatch = relabel(batch, Labels.EMPTY, am.alertRelabelConfigs());
                if (amBatch.isEmpty()) {
                    continue;
                }
            }
            String body = toJson(amBatch);
            for (String url : targets(am)) {
                threads.add(Thread.ofVirtual().start(() -> {
                    if (post(am, url, body)) {
                        sent.computeIfAbsent(url, k -> new AtomicLong()).addAndGet(batch.size());
                        ok.incrementAndGet();
                    } else {
                        errors.computeIfAbsent(url, k -> new AtomicLong()).addAndGet(batch.size());
                    }
                }));
            }
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ok.get() > 0 || threads.isEmpty();
    }

    private boolean post(AlertmanagerConfig am, String url, String body) {
        try {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(am.timeoutMillis()))
                    .header("Content-Type", "application/json").header("User-Agent", "Osprey")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (am.basicAuthUsername() != null) {
                String cred = am.basicAuthUsername() + ":" + (am.basicAuthPassword() == null ? "" : am.basicAuthPassword());
                rb.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(cred.getBytes(StandardCharsets.UTF_8)));
            } else if (am.bearerToken() != null) {
                rb.header("Authorization", "Bearer " + am.bearerToken());
            }
            HttpResponse<String> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() / 100 != 2) {
                LOG.log(Level.WARNING, "Error sending alerts: alertmanager=" + url + " err=bad response status " + resp.statusCode());
                return false;
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Error sending alerts: alertmanager=" + url + " err=" + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The alerts URLs of an Alertmanager set: static targets and file_sd targets (files re-read each
     * send; they are small), each labelled {@code __address__}, {@code __scheme__},
     * {@code __alerts_path__} plus its file_sd labels, then passed through {@code relabel_configs}
     * as upstream does; a dropped target is not sent to.
     */
    static List<String> targets(AlertmanagerConfig am) {
        List<Labels> found = new ArrayList<>();
        for (String t : am.staticTargets()) {
            found.add(Labels.of("__address__", t));
        }
        for (Path f : am.fileSdFiles()) {
            try {
                Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(f));
                if (doc instanceof List<?> groups) {
                    for (Object g : groups) {
                        if (g instanceof Map<?, ?> gm && gm.get("targets") instanceof List<?> ts) {
                            for (Object t : ts) {
                                Labels.Builder b = Labels.builder();
                                if (gm.get("labels") instanceof Map<?, ?> lm) {
                                    lm.forEach((k, v) -> b.set(String.valueOf(k), String.valueOf(v)));
                                }
                                b.set("__address__", String.valueOf(t));
                                found.add(b.build());
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning("Error reading file_sd file " + f + ": " + e.getMessage());
            }
        }
        List<String> urls = new ArrayList<>();
        String path = am.alertsUrl("x").substring((am.scheme() + "://x").length());
        for (Labels l : found) {
            Labels.Builder b = l.toBuilder();
            b.set("__scheme__", am.scheme());
            b.set("__alerts_path__", path);
            Labels r = Relabeler.process(b.build(), am.relabelConfigs());
            if (r == null || r.get("__address__").isEmpty()) {
                continue;
            }
            urls.add(r.get("__scheme__") + "://" + r.get("__address__") + r.get("__alerts_path__"));
        }
        return urls;
    }

    /** The v2 API body: a JSON array of postable alerts. */
    static String toJson(List<NotifierAlert> alerts) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < alerts.size(); i++) {
            NotifierAlert a = alerts.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"labels\":");
            labelsJson(sb, a.labels());
            sb.append(",\"annotations\":");
            labelsJson(sb, a.annotations());
            if (a.startsAt() != 0) {
                sb.append(",\"startsAt\":\"").append(TIME.format(Instant.ofEpochMilli(a.startsAt()))).append('"');
            }
            if (a.endsAt() != 0) {
                sb.append(",\"endsAt\":\"").append(TIME.format(Instant.ofEpochMilli(a.endsAt()))).append('"');
            }
            sb.append(",\"generatorURL\":");
            JsonStrings.appendQuoted(sb, a.generatorURL());
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static void labelsJson(StringBuilder sb, Labels l) {
        sb.append('{');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonStrings.appendQuoted(sb, l.name(i));
            sb.append(':');
            JsonStrings.appendQuoted(sb, l.value(i));
        }
        sb.append('}');
    }


    /**
     * Bridges rule evaluation to this notifier as upstream's sendAlerts: startsAt is the firing
     * time, endsAt the resolution or the validity horizon, generatorURL the table link of the rule.
     */
    public NotifyFunc notifyFunc(String externalURL) {
        return (expr, alerts) -> {
            List<NotifierAlert> out = new ArrayList<>(alerts.size());
            String url = externalURL + "/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~") + "&g0.tab=1";
            for (AlertSnapshot a : alerts) {
                long endsAt = a.resolvedAt() != 0 ? a.resolvedAt() : a.validUntil();
                out.add(new NotifierAlert(a.labels(), a.annotations(), a.firedAt(), endsAt, url));
            }
            if (!out.isEmpty()) {
                send(out);
            }
        };
    }

    /** Reports the notifier metrics (upstream names with the osprey_ prefix). */
    public void visitMetrics(MetricVisitor v) {
        v.counter("osprey_notifications_dropped_total",
                "Total number of alerts dropped due to errors when sending to Alertmanager.", Labels.EMPTY, dropped.get());
        v.gauge("osprey_notifications_queue_length", "The number of alert notifications in the queue.", Labels.EMPTY,
                queueLength());
        v.gauge("osprey_notifications_queue_capacity", "The capacity of the alert notifications queue.", Labels.EMPTY,
                options.queueCapacity());
        int discovered = 0;
        for (AlertmanagerConfig am : alertmanagers) {
            discovered += targets(am).size();
        }
        v.gauge("osprey_notifications_alertmanagers_discovered", "The number of alertmanagers discovered and active.",
                Labels.EMPTY, discovered);
        Map<String, Long> s = new LinkedHashMap<>();
        sent.forEach((k, c) -> s.put(k, c.get()));
        s.forEach((k, c) -> v.counter("osprey_notifications_sent_total", "Total number of alerts sent.",
                Labels.of("alertmanager", k), c));
        errors.forEach((k, c) -> v.counter("osprey_notifications_errors_total",
                "Total number of sent alerts affected by errors.", Labels.of("alertmanager", k), c.get()));
    }

    /** Stops after sending what is queued (upstream drains the queue on shutdown by default). */
    @Override
    public void close() {
        stopping = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            sender.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
