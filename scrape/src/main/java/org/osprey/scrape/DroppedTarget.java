package org.osprey.scrape;

import org.osprey.model.labels.Labels;

/** A discovered target that relabeling dropped (or that was invalid), for the targets API. Thread-safe: immutable. */
public record DroppedTarget(Labels discoveredLabels, String scrapePool) {
}
