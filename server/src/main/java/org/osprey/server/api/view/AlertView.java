package org.osprey.server.api.view;

import org.osprey.model.labels.Labels;

/**
 * One active alert. Thread-safe: immutable.
 *
 * @param state      {@code pending} or {@code firing}
 * @param activeAtMs when it became active, ms since epoch
 * @param keepFiringSinceMs when keep_firing_for started, or 0
 */
public record AlertView(Labels labels, Labels annotations, String state, long activeAtMs, double value,
                        long keepFiringSinceMs) {
}
