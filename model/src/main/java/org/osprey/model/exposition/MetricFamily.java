package org.osprey.model.exposition;

import java.util.List;
import java.util.Objects;
import org.osprey.model.metadata.MetricType;

/**
 * A metric family as {@code io.prometheus.client.MetricFamily} models it: name, help, type and
 * metrics. The common value model of the text parsers ({@link TextFamilies}), the protobuf codec
 * ({@link ProtobufCodec}) and the writers ({@code org.osprey.model.textformat}), so a
 * Pushgateway can take either input and write either output. Thread-safe: immutable.
 *
 * @param name family name; for histograms and summaries without the {@code _bucket},
 *     {@code _sum}, {@code _count} suffixes; for counters as exposed (usually with {@code _total})
 * @param help help text, or null when none was given
 * @param type the family type; {@link MetricType#UNKNOWN} for untyped
 * @param metrics the metrics, in input order
 */
public record MetricFamily(String name, String help, MetricType type, List<Metric> metrics) {
    public MetricFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        metrics = List.copyOf(metrics);
    }

    /** The same family with other metrics. */
    public MetricFamily withMetrics(List<Metric> newMetrics) {
        return new MetricFamily(name, help, type, newMetrics);
    }
}
