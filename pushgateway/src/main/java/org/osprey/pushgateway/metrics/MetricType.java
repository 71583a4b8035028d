package org.osprey.pushgateway.metrics;

/**
 * The family types the Pushgateway 1.x accepts (the types of the {@code io.prometheus.client}
 * protobuf), with their text-format and JSON spellings. Thread-safe: enum.
 */
public enum MetricType {
    COUNTER("counter", 0),
    GAUGE("gauge", 1),
    SUMMARY("summary", 2),
    UNTYPED("untyped", 3),
    HISTOGRAM("histogram", 4);

    private final String textName;
    private final int protoNumber;

    MetricType(String textName, int protoNumber) {
        this.textName = textName;
        this.protoNumber = protoNumber;
    }

    /** The spelling in a text-format {@code # TYPE} line. */
    public String textName() {
        return textName;
    }

    /** The enum number in the {@code MetricType} of metrics.proto. */
    public int protoNumber() {
        return protoNumber;
    }

    /** Parses a {@code # TYPE} word; null when it is not one of the text-format types. */
    public static MetricType fromText(String s) {
        for (MetricType t : values()) {
            if (t.textName.equals(s)) {
                return t;
            }
        }
        return null;
    }

    /** The type for a metrics.proto enum number; null when unknown. */
    public static MetricType fromProto(int n) {
        for (MetricType t : values()) {
            if (t.protoNumber == n) {
                return t;
            }
        }
        return null;
    }
}
