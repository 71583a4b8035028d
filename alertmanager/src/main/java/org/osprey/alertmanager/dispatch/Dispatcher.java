package org.osprey.alertmanager.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.alertmanager.alert.AlertStore;
import org.osprey.alertmanager.config.Route;
import org.osprey.alertmanager.notify.NotificationPipeline;
import org.osprey.model.labels.Labels;

/**
 * Routes every stored alert through the route tree into aggregation groups and flushes each group
 * through the notification pipeline on its own schedule. One dispatcher lives per loaded config; a
 * reload builds a new one, which replays the alert store (the notification log prevents resends).
 * Thread-safe: concurrent map of groups; timers on one scheduler thread, flushes on virtual threads.
 */
public final class Dispatcher implements AutoCloseable {
    /** Upstream's notify.MinTimeout: a flush may take at least this long. */
    private static final long MIN_TIMEOUT_MILLIS = 10_000;
    private final Route root;
    private final AlertStore store;
    private final NotificationPipeline pipeline;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, AggregationGroup> groups = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final ExecutorService flushers = Executors.newVirtualThreadPerTaskExecutor();
    private final Consumer<Alert> listener = this::process;
    private volatile boolean closed;

    public Dispatcher(Route root, AlertStore store, NotificationPipeline pipeline, LongSupplier clock) {
        this.root = root;
        this.store = store;
        this.pipeline = pipeline;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osprey-am-dispatch-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Subscribes to the store and replays the alerts already in it. */
    public void start() {
        store.subscribe(listener);
        for (Alert a : store.all()) {
            process(a);
        }
    }

    /** Puts one alert into the group of every route it matches. */
    public void process(Alert a) {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        for (Route r : root.match(a.labels())) {
            Labels gl = r.groupLabels(a.labels());
            String key = r.id() + ":" + gl;
            while (true) {
                AggregationGroup g = groups.computeIfAbsent(key, k -> new AggregationGroup(r, gl));
                if (g.insert(a, now, this)) {
                    break;
                }
                groups.remove(key, g);
            }
        }
    }

    ScheduledFuture<?> schedule(AggregationGroup g, long delayMillis) {
        if (closed) {
            return null;
        }
        return timer.schedule(() -> flushers.execute(() -> flush(g)), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void flush(AggregationGroup g) {
        if (closed || !g.beginFlush()) {
            return;
        }
        long started = clock.getAsLong();
        List<Alert> snapshot = g.alerts();
        boolean ok = false;
        try {
            long timeout = Math.max(g.route().groupIntervalMillis(), MIN_TIMEOUT_MILLIS);
            ok = pipeline.notify(g.route(), g.groupKey(), g.labels(), snapshot, started + timeout);
        } finally {
            if (!closed && g.endFlush(snapshot, ok, clock.getAsLong(), this, started)) {
                groups.remove(g.mapKey(), g);
            }
        }
    }

    /** A snapshot of the current groups, for the API. */
    public List<AggregationGroup> groups() {
        return new ArrayList<>(groups.values());
    }

    @Override
    public void close() {
        closed = true;
        store.unsubscribe(listener);
        for (AggregationGroup g : groups.values()) {
            g.stop();
        }
        timer.shutdownNow();
        flushers.shutdown();
        try {
            flushers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
