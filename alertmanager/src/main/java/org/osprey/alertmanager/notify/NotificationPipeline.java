package org.osprey.alertmanager.notify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.alertmanager.config.Route;
import org.osprey.alertmanager.config.TimeInterval;
import org.osprey.alertmanager.inhibit.Inhibitor;
import org.osprey.alertmanager.metrics.AlertmanagerMetrics;
import org.osprey.alertmanager.nflog.NotificationLog;
import org.osprey.alertmanager.silence.Silences;
import org.osprey.model.labels.Labels;

/**
 * Upstream's notification pipeline for one flush of an aggregation group: active/mute time
 * intervals, inhibition, silences, then per integration (in parallel) dedup against the
 * notification log, send with exponential backoff until the deadline, and log the result.
 * Thread-safe: stateless per call apart from concurrent maps and metrics.
 */
public final class NotificationPipeline {
    private static final System.Logger LOG = System.getLogger(NotificationPipeline.class.getName());
    private static final long INITIAL_BACKOFF_MILLIS = 500;
    private final Map<String, List<Integration>> integrations;
    private final Map<String, List<String>> undelivered;
    private final Silences silences;
    private final Inhibitor inhibitor;
    private final Map<String, List<TimeInterval>> intervals;
    private final NotificationLog nflog;
    private final AlertmanagerMetrics metrics;
    private final String externalUrl;
    private final LongSupplier clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> warnedUndelivered = ConcurrentHashMap.newKeySet();

    /**
     * @param integrations receiver name to its deliverable integrations
     * @param undelivered receiver name to integration kinds accepted in config but not delivered
     */
    public NotificationPipeline(Map<String, List<Integration>> integrations, Map<String, List<String>> undelivered,
            Silences silences, Inhibitor inhibitor, Map<String, List<TimeInterval>> intervals, NotificationLog nflog,
            AlertmanagerMetrics metrics, String externalUrl, LongSupplier clock) {
        this.integrations = Map.copyOf(integrations);
        this.undelivered = Map.copyOf(undelivered);
        this.silences = silences;
        this.inhibitor = inhibitor;
        this.intervals = intervals;
        this.nflog = nflog;
        this.metrics = metrics;
        this.externalUrl = externalUrl;
        this.clock = clock;
    }

    /**
     * Runs the pipeline for a group's alerts.
     *
     * @return true when every integration succeeded or had nothing to send
     */
    public boolean notify(Route route, String groupKey, Labels groupLabels, List<Alert> alerts, long deadlineMillis) {
        long now = clock.getAsLong();
        if (!route.activeTimeIntervals().isEmpty() && !inAny(route.activeTimeIntervals(), now)) {
            return true;
        }
        if (inAny(route.muteTimeIntervals(), now)) {
            return true;
        }
        List<Alert> kept = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            if (!inhibitor.inhibitedBy(a.labels(), now).isEmpty()) {
                continue;
            }
            if (!silences.mutedBy(a.labels(), now).isEmpty()) {
                continue;
            }
            kept.add(a);
        }
        Set<Long> firing = new HashSet<>();
        Set<Long> resolved = new HashSet<>();
        for (Alert a : kept) {
            (a.resolvedAt(now) ? resolved : firing).add(a.fingerprint());
        }
        String receiver = route.receiver();
        if (!kept.isEmpty()) {
            for (String kind : undelivered.getOrDefault(receiver, List.of())) {
                metrics.notDelivered(kind);
                if (warnedUndelivered.add(receiver + "/" + kind)) {
                    LOG.log(System.Logger.Level.WARNING, "receiver " + receiver + ": " + kind
                            + "_configs are accepted in the configuration but not delivered by Osprey");
                }
            }
        }
        List<Integration> targets = integrations.getOrDefault(receiver, List.of());
        if (targets.isEmpty()) {
            return true;
        }
        NotificationData data = NotificationData.of(receiver, groupKey, groupLabels, kept, externalUrl, now);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (Integration in : targets) {
                results.add(workers.submit(() -> deliver(in, receiver, groupKey, data, firing, resolved, route, now, deadlineMillis)));
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false; // closed by a reload or shutdown; the next config's dispatcher takes over
        }
        boolean ok = true;
        for (Future<Boolean> f : results) {
            try {
                ok &= f.get();
            } catch (Exception e) {
                ok = false;
            }
        }
        return ok;
    }

    private boolean inAny(List<String> names, long now) {
        java.time.Instant t = java.time.Instant.ofEpochMilli(now);
        for (String n : names) {
            for (TimeInterval ti : intervals.getOrDefault(n, List.of())) {
                if (ti.contains(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The nflog key of an integration: receiver, kind and index, as upstream's Receiver proto. */
    public static String receiverKey(String receiver, Integration in) {
        return receiver + "/" + in.name() + "/" + in.index();
    }

    private boolean deliver(Integration in, String receiver, String groupKey, NotificationData data, Set<Long> firing,
            Set<Long> resolved, Route route, long now, long deadline) {
        String rkey = receiverKey(receiver, in);
        NotificationLog.Entry entry = nflog.get(groupKey, rkey);
        if (!needsUpdate(entry, firing, resolved, in.sendResolved(), route.repeatIntervalMillis(), now)) {
            return true;
        }
        NotificationData toSend = data;
        if (!in.sendResolved()) {
            if (firing.isEmpty()) {
                nflog.log(groupKey, rkey, firing, resolved, now);
                return true;
            }
            toSend = data.firingOnly();
        }
        if (toSend.alerts().isEmpty()) {
            // Every alert was muted: remember that nothing is firing for this receiver without sending.
            nflog.log(groupKey, rkey, firing, resolved, now);
            return true;
        }
        metrics.notificationAttempted(in.name());
        long backoff = INITIAL_BACKOFF_MILLIS;
        int attempt = 0;
        while (true) {
            attempt++;
            long t0 = System.nanoTime();
            try {
                in.send(toSend, deadline);
                metrics.request(in.name(), false, (System.nanoTime() - t0) / 1000);
                nflog.log(groupKey, rkey, firing, resolved, now);
                return true;
            } catch (NotifyException e) {
                metrics.request(in.name(), true, (System.nanoTime() - t0) / 1000);
                long left = deadline - clock.getAsLong();
                if (!e.retryable() || left <= backoff) {
                    metrics.notificationFailed(in.name());
                    LOG.log(System.Logger.Level.ERROR, "notify for " + rkey + " group " + groupKey + " failed after "
                            + attempt + " attempt(s): " + e.getMessage());
                    return false;
                }
                LOG.log(System.Logger.Level.WARNING, "notify attempt " + attempt + " for " + rkey + " failed, will retry: "
                        + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    metrics.notificationFailed(in.name());
                    return false;
                }
                backoff = Math.min(backoff * 3 / 2, 60_000);
            }
        }
    }

    /** Upstream's DedupStage.needsUpdate. */
    static boolean needsUpdate(NotificationLog.Entry entry, Set<Long> firing, Set<Long> resolved, boolean sendResolved,
            long repeatMillis, long now) {
        if (entry == null) {
            return !firing.isEmpty();
        }
        if (!entry.firing().containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            return !entry.firing().isEmpty();
        }
        if (sendResolved && !entry.resolved().containsAll(resolved)) {
            return true;
        }
        return entry.timestamp() < now - repeatMillis;
    }

    /** Stops the worker threads. */
    public void close() {
        workers.shutdownNow();
    }
}
