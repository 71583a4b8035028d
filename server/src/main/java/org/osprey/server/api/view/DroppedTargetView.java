package org.osprey.server.api.view;

import java.util.Map;

/** A discovered target that relabeling dropped. Thread-safe: immutable. */
public record DroppedTargetView(Map<String, String> discoveredLabels, String scrapePool) {
}
