package org.osprey.alertmanager.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * All alerts Alertmanager knows, by fingerprint, merging updates as upstream's mem provider does
 * and telling subscribers (dispatcher, inhibitor) about every stored version.
 * Thread-safe: concurrent map; listeners are called on the putting thread.
 */
public final class AlertStore {
    private final ConcurrentHashMap<Long, Alert> alerts = new ConcurrentHashMap<>();
    private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener called with each stored alert after a put. */
    public void subscribe(Consumer<Alert> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<Alert> listener) {
        listeners.remove(listener);
    }

    /**
     * Stores an alert, merging it with the stored one when their active ranges overlap.
     *
     * @return the stored (possibly merged) alert
     */
    public Alert put(Alert alert, long nowMillis) {
        long fp = alert.fingerprint();
        Alert stored = alerts.compute(fp, (k, old) -> {
            if (old != null && ((alert.endsAt() > old.startsAt() && alert.endsAt() < old.endsAt())
                    || (alert.startsAt() > old.startsAt() && alert.startsAt() < old.endsAt()))) {
                return old.merge(alert, nowMillis);
            }
            return alert;
        });
        for (Consumer<Alert> l : listeners) {
            l.accept(stored);
        }
        return stored;
    }

    public Alert get(long fingerprint) {
        return alerts.get(fingerprint);
    }

    /** A snapshot of all stored alerts, resolved ones included. */
    public List<Alert> all() {
        return new ArrayList<>(alerts.values());
    }

    public int size() {
        return alerts.size();
    }

    /** Drops alerts resolved before {@code nowMillis}, as upstream's periodic GC does; returns how many. */
    public int collectResolved(long nowMillis) {
        int[] n = {0};
        alerts.values().removeIf(a -> {
            boolean gone = a.resolvedAt(nowMillis);
            if (gone) {
                n[0]++;
            }
            return gone;
        });
        return n[0];
    }
}
