package org.osprey.server.metrics;

/** Something that contributes families to Osprey's own {@code /metrics}. Implementations are thread-safe. */
@FunctionalInterface
public interface MetricsSource {
    /** Writes this source's families, each with HELP and TYPE, in the text format 0.0.4. */
    void writeTo(TextMetricsWriter out);
}
