package org.osprey.model.metadata;

/**
 * The metric family types of the Prometheus text format and OpenMetrics 1.0. The text format's
 * {@code untyped} is {@link #UNKNOWN}, as in Prometheus. Thread-safe: enum.
 */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    GAUGEHISTOGRAM("gaugehistogram"),
    SUMMARY("summary"),
    INFO("info"),
    STATESET("stateset"),
    UNKNOWN("unknown");

    private final String openMetricsName;

    MetricType(String openMetricsName) {
        this.openMetricsName = openMetricsName;
    }

    /** The spelling in an OpenMetrics {@code # TYPE} line and in Prometheus's metadata API. */
    public String openMetricsName() {
        return openMetricsName;
    }

    /** The spelling in a text 0.0.4 {@code # TYPE} line ({@code untyped} for unknown). */
    public String textName() {
        return this == UNKNOWN ? "untyped" : openMetricsName;
    }

    /** Parses a metadata API / OpenMetrics spelling; also accepts {@code untyped}. Null when unknown. */
    public static MetricType fromName(String s) {
        for (MetricType t : values()) {
            if (t.openMetricsName.equals(s)) {
                return t;
            }
        }
        return "untyped".equals(s) ? UNKNOWN : null;
    }
}
