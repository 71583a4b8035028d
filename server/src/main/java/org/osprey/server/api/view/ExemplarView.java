package org.osprey.server.api.view;

import java.util.List;
import org.osprey.model.labels.Labels;

/** Exemplars of one series for {@code /api/v1/query_exemplars}. Thread-safe: immutable. */
public record ExemplarView(Labels seriesLabels, List<Exemplar> exemplars) {
    public ExemplarView {
        exemplars = List.copyOf(exemplars);
    }

    /** One exemplar: its labels, value and timestamp (ms). */
    public record Exemplar(Labels labels, double value, long timestampMs) {
    }
}
