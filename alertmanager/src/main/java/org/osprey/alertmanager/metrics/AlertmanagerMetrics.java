package org.osprey.alertmanager.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Osprey Alertmanager's own counters and gauges, exposed at {@code /metrics} with upstream's
 * {@code alertmanager_*} names under {@code osprey_alertmanager_*}. Thread-safe: LongAdders in
 * concurrent maps; gauges are read through suppliers at scrape time.
 */
public final class AlertmanagerMetrics {
    private final ConcurrentHashMap<String, LongAdder> notifications = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> notificationsFailed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> requestsFailed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> latencyMicrosSum = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> notSupported = new ConcurrentHashMap<>();
    private final LongAdder alertsFiring = new LongAdder();
    private final LongAdder alertsResolved = new LongAdder();
    private final LongAdder alertsInvalid = new LongAdder();
    private volatile Supplier<Map<String, Long>> alertStates = Map::of;
    private volatile Supplier<Map<String, Long>> silenceStates = Map::of;
    private volatile Supplier<Long> groups = () -> 0L;
    private volatile Supplier<Long> nflogEntries = () -> 0L;
    private volatile boolean lastReloadOk = true;
    private volatile long lastReloadSuccessSeconds;
    private volatile long configHash;

    private static void inc(ConcurrentHashMap<String, LongAdder> m, String integration) {
        m.computeIfAbsent(integration, k -> new LongAdder()).increment();
    }

    /** A notification (all retries included) was attempted for an integration. */
    public void notificationAttempted(String integration) {
        inc(notifications, integration);
    }

    /** A notification finally failed after retries. */
    public void notificationFailed(String integration) {
        inc(notificationsFailed, integration);
    }

    /** One request (a single try) and its latency. */
    public void request(String integration, boolean failed, long micros) {
        inc(requests, integration);
        if (failed) {
            inc(requestsFailed, integration);
        }
        latencyMicrosSum.computeIfAbsent(integration, k -> new LongAdder()).add(micros);
    }

    /** A notification for an integration kind Osprey accepts in config but does not deliver. */
    public void notDelivered(String integration) {
        inc(notSupported, integration);
    }

    public void alertReceived(boolean firing) {
        (firing ? alertsFiring : alertsResolved).increment();
    }

    public void alertInvalid() {
        alertsInvalid.increment();
    }

    public void gauges(Supplier<Map<String, Long>> alertStatesSupplier, Supplier<Map<String, Long>> silenceStatesSupplier,
            Supplier<Long> groupsSupplier, Supplier<Long> nflogSupplier) {
        this.alertStates = alertStatesSupplier;
        this.silenceStates = silenceStatesSupplier;
        this.groups = groupsSupplier;
        this.nflogEntries = nflogSupplier;
    }

    public void reloaded(boolean ok, long hash, long nowSeconds) {
        lastReloadOk = ok;
        if (ok) {
            lastReloadSuccessSeconds = nowSeconds;
            configHash = hash;
        }
    }

    public long notifications(String integration) {
        LongAdder a = notifications.get(integration);
        return a == null ? 0 : a.sum();
    }

    public long notificationsFailed(String integration) {
        LongAdder a = notificationsFailed.get(integration);
        return a == null ? 0 : a.sum();
    }

    /** Prometheus text exposition format 0.0.4. */
    public String expose() {
        StringBuilder sb = new StringBuilder();
        gauge(sb, "osprey_alertmanager_alerts", "How many alerts by state.", "state", alertStates.get());
        counter(sb, "osprey_alertmanager_alerts_received_total", "The total number of received alerts.", "status",
                Map.of("firing", alertsFiring.sum(), "resolved", alertsResolved.sum()));
        header(sb, "osprey_alertmanager_alerts_invalid_total", "The total number of received alerts that were invalid.", "counter");
        sb.append("osprey_alertmanager_alerts_invalid_total ").append(alertsInvalid.sum()).append('\n');
        counter(sb, "osprey_alertmanager_notifications_total", "The total number of attempted notifications.",
                "integration", sums(notifications));
        counter(sb, "osprey_alertmanager_notifications_failed_total", "The total number of failed notifications.",
                "integration", sums(notificationsFailed));
        counter(sb, "osprey_alertmanager_notification_requests_total", "The total number of attempted notification requests.",
                "integration", sums(requests));
        counter(sb, "osprey_alertmanager_notification_requests_failed_total", "The total number of failed notification requests.",
                "integration", sums(requestsFailed));
        Map<String, Long> latency = new TreeMap<>();
        latencyMicrosSum.forEach((k, v) -> latency.put(k, v.sum()));
        header(sb, "osprey_alertmanager_notification_latency_seconds", "The latency of notifications in seconds.", "summary");
        for (Map.Entry<String, Long> e : latency.entrySet()) {
            sb.append("osprey_alertmanager_notification_latency_seconds_sum{integration=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue() / 1e6).append('\n');
            LongAdder c = requests.get(e.getKey());
            sb.append("osprey_alertmanager_notification_latency_seconds_count{integration=\"").append(e.getKey()).append("\"} ")
                    .append(c == null ? 0 : c.sum()).append('\n');
        }
        counter(sb, "osprey_alertmanager_notifications_not_delivered_total",
                "Notifications for integration kinds Osprey accepts in config but does not deliver.", "integration",
                sums(notSupported));
        gauge(sb, "osprey_alertmanager_silences", "How many silences by state.", "state", silenceStates.get());
        header(sb, "osprey_alertmanager_dispatcher_aggregation_groups", "Number of active aggregation groups", "gauge");
        sb.append("osprey_alertmanager_dispatcher_aggregation_groups ").append(groups.get()).append('\n');
        header(sb, "osprey_alertmanager_nflog_entries", "Entries in the notification log.", "gauge");
        sb.append("osprey_alertmanager_nflog_entries ").append(nflogEntries.get()).append('\n');
        header(sb, "osprey_alertmanager_config_last_reload_successful", "Whether the last configuration reload attempt was successful.", "gauge");
        sb.append("osprey_alertmanager_config_last_reload_successful ").append(lastReloadOk ? 1 : 0).append('\n');
        header(sb, "osprey_alertmanager_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful configuration reload.", "gauge");
        sb.append("osprey_alertmanager_config_last_reload_success_timestamp_seconds ").append(lastReloadSuccessSeconds).append('\n');
        header(sb, "osprey_alertmanager_config_hash", "Hash of the currently loaded alertmanager configuration.", "gauge");
        sb.append("osprey_alertmanager_config_hash ").append((double) (configHash & 0xffffffffffffL)).append('\n');
        return sb.toString();
    }

    private static Map<String, Long> sums(ConcurrentHashMap<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        for (String k : new String[] {"email", "webhook"}) {
            out.put(k, 0L);
        }
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, String label, Map<String, Long> values) {
        header(sb, name, help, "counter");
        series(sb, name, label, values);
    }

    private static void gauge(StringBuilder sb, String name, String help, String label, Map<String, Long> values) {
        header(sb, name, help, "gauge");
        series(sb, name, label, values);
    }

    private static void series(StringBuilder sb, String name, String label, Map<String, Long> values) {
        for (Map.Entry<String, Long> e : new TreeMap<>(values).entrySet()) {
            sb.append(name).append('{').append(label).append("=\"").append(e.getKey()).append("\"} ").append(e.getValue()).append('\n');
        }
    }
}
