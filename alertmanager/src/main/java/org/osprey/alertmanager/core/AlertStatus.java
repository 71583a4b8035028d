package org.osprey.alertmanager.core;

import java.util.List;

/**
 * An alert's status as the v2 API shows it. Thread-safe: immutable.
 *
 * @param state "active", "suppressed" or "unprocessed"
 * @param silencedBy ids of the active silences muting it
 * @param inhibitedBy fingerprints (hex) of the alerts inhibiting it
 */
public record AlertStatus(String state, List<String> silencedBy, List<String> inhibitedBy) {
}
