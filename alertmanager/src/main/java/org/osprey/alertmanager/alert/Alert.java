package org.osprey.alertmanager.alert;

import java.util.Map;
import org.osprey.model.labels.Labels;

/**
 * One alert as Alertmanager holds it. Times are Unix milliseconds; {@code endsAt} is never 0 once
 * stored (a missing end becomes now + resolve_timeout with {@code timeout} set).
 * Thread-safe: immutable.
 *
 * @param updatedAt when Alertmanager last received this alert
 * @param timeout true when {@code endsAt} was derived from resolve_timeout rather than sent
 */
public record Alert(Labels labels, Map<String, String> annotations, long startsAt, long endsAt, String generatorUrl,
        long updatedAt, boolean timeout) {

    public Alert {
        annotations = Map.copyOf(annotations);
    }

    /** Upstream's fingerprint: FNV-1a 64 over label names and values sorted by name, 0xff after each. */
    public long fingerprint() {
        return fingerprint(labels);
    }

    /** The fingerprint of a label set, as {@link #fingerprint()}. */
    public static long fingerprint(Labels labels) {
        return labels.isEmpty() ? 0xcbf29ce484222325L : labels.stableHash();
    }

    /** Sixteen lower-case hex digits, as the API and webhook payloads show fingerprints. */
    public static String fingerprintHex(long fp) {
        String h = Long.toHexString(fp);
        return "0".repeat(16 - h.length()) + h;
    }

    /** True once {@code endsAt} has passed. */
    public boolean resolvedAt(long nowMillis) {
        return endsAt != 0 && endsAt <= nowMillis;
    }

    /**
     * Upstream's Alert.Merge: the younger alert wins, keeping the earliest start; an explicit end
     * time beats a timeout-derived one.
     */
    public Alert merge(Alert younger, long nowMillis) {
        if (younger.updatedAt < updatedAt) {
            return younger.merge(this, nowMillis);
        }
        long starts = Math.min(startsAt, younger.startsAt);
        long ends = younger.endsAt;
        if (younger.resolvedAt(nowMillis)) {
            if (resolvedAt(nowMillis) && endsAt > younger.endsAt) {
                ends = endsAt;
            }
        } else if (endsAt > younger.endsAt && !timeout) {
            ends = endsAt;
        }
        return new Alert(younger.labels, younger.annotations, starts, ends, younger.generatorUrl, younger.updatedAt,
                younger.timeout);
    }
}
