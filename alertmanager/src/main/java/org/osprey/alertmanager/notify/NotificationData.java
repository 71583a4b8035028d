package org.osprey.alertmanager.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.model.labels.Labels;

/**
 * What templates and the webhook payload see of a notification, with upstream's template.Data
 * fields. Thread-safe: immutable.
 */
public record NotificationData(String receiver, String status, List<AlertData> alerts, Map<String, String> groupLabels,
        Map<String, String> commonLabels, Map<String, String> commonAnnotations, String externalUrl, String groupKey) {

    /**
     * One alert in a notification.
     *
     * @param endsAt Unix ms, 0 for firing alerts (upstream clears it so alerts do not resolve as time passes)
     */
    public record AlertData(String status, Map<String, String> labels, Map<String, String> annotations, long startsAt,
            long endsAt, String generatorUrl, String fingerprint) {
    }

    /** Builds the data for a group's alerts at {@code now}, in the order given. */
    public static NotificationData of(String receiver, String groupKey, Labels groupLabels, List<Alert> alerts,
            String externalUrl, long now) {
        List<AlertData> out = new ArrayList<>(alerts.size());
        boolean anyFiring = false;
        Map<String, String> commonLabels = null;
        Map<String, String> commonAnn = null;
        for (Alert a : alerts) {
            boolean resolved = a.resolvedAt(now);
            anyFiring |= !resolved;
            Map<String, String> labels = new TreeMap<>(a.labels().toMap());
            out.add(new AlertData(resolved ? "resolved" : "firing", labels, new TreeMap<>(a.annotations()), a.startsAt(),
                    resolved ? a.endsAt() : 0, a.generatorUrl(), Alert.fingerprintHex(a.fingerprint())));
            commonLabels = intersect(commonLabels, labels);
            commonAnn = intersect(commonAnn, a.annotations());
        }
        return new NotificationData(receiver, anyFiring ? "firing" : "resolved", List.copyOf(out),
                new TreeMap<>(groupLabels.toMap()), commonLabels == null ? Map.of() : commonLabels,
                commonAnn == null ? Map.of() : commonAnn, externalUrl, groupKey);
    }

    private static Map<String, String> intersect(Map<String, String> acc, Map<String, String> next) {
        if (acc == null) {
            return new TreeMap<>(next);
        }
        acc.entrySet().removeIf(e -> !e.getValue().equals(next.get(e.getKey())));
        return acc;
    }

    /** The firing alerts only. */
    public List<AlertData> firing() {
        return alerts.stream().filter(a -> a.status().equals("firing")).toList();
    }

    /** The resolved alerts only. */
    public List<AlertData> resolved() {
        return alerts.stream().filter(a -> a.status().equals("resolved")).toList();
    }

    /** A copy with only the first {@code max} alerts (for webhook max_alerts). */
    public NotificationData truncated(int max) {
        if (max <= 0 || alerts.size() <= max) {
            return this;
        }
        return new NotificationData(receiver, status, alerts.subList(0, max), groupLabels, commonLabels,
                commonAnnotations, externalUrl, groupKey);
    }

    /** A copy without resolved alerts (for integrations with send_resolved false). */
    public NotificationData firingOnly() {
        return new NotificationData(receiver, status, firing(), groupLabels, commonLabels, commonAnnotations, externalUrl,
                groupKey);
    }
}
