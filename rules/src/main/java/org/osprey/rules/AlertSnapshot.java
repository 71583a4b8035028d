package org.osprey.rules;

import org.osprey.model.labels.Labels;

/**
 * A read-only copy of one alert for the API, the notifier and tests. Times are epoch ms; 0 means
 * unset ({@code firedAt} before firing, {@code resolvedAt} while active). Immutable.
 */
public record AlertSnapshot(Labels labels, Labels annotations, AlertState state, double value, long activeAt,
        long firedAt, long resolvedAt, long lastSentAt, long validUntil, long keepFiringSince) {
}
