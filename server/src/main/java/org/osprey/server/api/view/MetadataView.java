package org.osprey.server.api.view;

import org.osprey.model.labels.Labels;

/**
 * Metadata of one metric family as a target exposed it. Thread-safe: immutable.
 *
 * @param target the target's labels (for {@code /api/v1/targets/metadata})
 * @param type   {@code counter}, {@code gauge}, ... or {@code unknown}
 */
public record MetadataView(Labels target, String metric, String type, String help, String unit) {
}
