package org.osprey.alertmanager.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.alertmanager.config.Route;
import org.osprey.model.labels.Labels;

/**
 * The alerts of one route that share group labels, flushed first after group_wait and then every
 * group_interval. Thread-safe: alerts in a concurrent map; scheduling state guarded by this object.
 */
public final class AggregationGroup {
    private final Route route;
    private final Labels labels;
    private final String groupKey;
    private final String mapKey;
    private final ConcurrentHashMap<Long, Alert> alerts = new ConcurrentHashMap<>();
    private boolean hasFlushed;
    private boolean destroyed;
    private boolean flushing;
    private ScheduledFuture<?> next;
    private long nextAt;

    AggregationGroup(Route route, Labels labels) {
        this.route = route;
        this.labels = labels;
        this.groupKey = route.key() + ":" + labels;
        this.mapKey = route.id() + ":" + labels;
    }

    String mapKey() {
        return mapKey;
    }

    public Route route() {
        return route;
    }

    public Labels labels() {
        return labels;
    }

    /** Upstream's group key: route key, ':', group labels. */
    public String groupKey() {
        return groupKey;
    }

    /** The group's alerts sorted by labels, as upstream sorts them for notifications. */
    public List<Alert> alerts() {
        List<Alert> l = new ArrayList<>(alerts.values());
        l.sort((a, b) -> a.labels().compareTo(b.labels()));
        return l;
    }

    /**
     * Adds or replaces an alert.
     *
     * @return false when the group was already destroyed, so the caller must create a new one
     */
    synchronized boolean insert(Alert a, long now, Dispatcher d) {
        if (destroyed) {
            return false;
        }
        alerts.put(a.fingerprint(), a);
        if (!hasFlushed && !flushing && a.startsAt() + route.groupWaitMillis() < now) {
            // Alerts older than group_wait need not wait any longer (upstream flushes at once).
            schedule(d, 0, now);
        } else if (next == null && !flushing) {
            schedule(d, route.groupWaitMillis(), now);
        }
        return true;
    }

    private void schedule(Dispatcher d, long delay, long now) {
        if (next != null) {
            next.cancel(false);
        }
        nextAt = now + delay;
        next = d.schedule(this, delay);
    }

    synchronized boolean beginFlush() {
        if (destroyed || flushing) {
            return false;
        }
        flushing = true;
        next = null;
        return true;
    }

    /** Called after a flush: drops notified resolved alerts, schedules the next flush or destroys the group. */
    synchronized boolean endFlush(List<Alert> notified, boolean ok, long now, Dispatcher d, long flushStartedAt) {
        flushing = false;
        hasFlushed = true;
        if (ok) {
            for (Alert a : notified) {
                if (a.resolvedAt(now)) {
                    alerts.remove(a.fingerprint(), a);
                }
            }
        }
        if (alerts.isEmpty()) {
            destroyed = true;
            return true;
        }
        long due = flushStartedAt + route.groupIntervalMillis();
        schedule(d, Math.max(0, due - now), now);
        return false;
    }

    synchronized void stop() {
        destroyed = true;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    /** When the next flush is due (Unix ms), for tests and the load check. */
    public synchronized long nextFlushAt() {
        return nextAt;
    }

    public int size() {
        return alerts.size();
    }
}
