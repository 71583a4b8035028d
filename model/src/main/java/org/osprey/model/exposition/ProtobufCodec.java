package org.osprey.model.exposition;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;

/**
 * Reads and writes the Prometheus protobuf exposition format: a stream of
 * {@code io.prometheus.client.MetricFamily} messages, each preceded by its length as a varint
 * (Content-Type {@code application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;
 * encoding=delimited}).
 *
 * <p>Field numbers follow upstream's {@code metrics.proto} (proto2): MetricFamily name=1, help=2,
 * type=3, metric=4; Metric label=1, gauge=2, counter=3, summary=4, untyped=5, timestamp_ms=6,
 * histogram=7; LabelPair name=1, value=2; Gauge/Counter/Untyped value=1; Summary sample_count=1,
 * sample_sum=2, quantile=3; Quantile quantile=1, value=2; Histogram sample_count=1,
 * sample_sum=2, bucket=3, sample_count_float=4; Bucket cumulative_count=1, upper_bound=2,
 * cumulative_count_float=4. Native-histogram spans, exemplars and created timestamps are skipped
 * when reading and not written. Thread-safe: stateless.
 */
public final class ProtobufCodec {
    /** The Content-Type of delimited protobuf expositions. */
    public static final String CONTENT_TYPE =
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    private static final int PROTO_COUNTER = 0;
    private static final int PROTO_GAUGE = 1;
    private static final int PROTO_SUMMARY = 2;
    private static final int PROTO_UNTYPED = 3;
    private static final int PROTO_HISTOGRAM = 4;
    private static final int PROTO_GAUGE_HISTOGRAM = 5;

    private ProtobufCodec() {
    }

    /**
     * Decodes length-delimited MetricFamily messages until the end of the input.
     *
     * @throws IOException when the input is not a valid delimited stream (truncated message,
     *     bad wire type, invalid UTF-8 in a string field)
     */
    public static List<MetricFamily> decodeDelimited(InputStream in) throws IOException {
        return decodeDelimited(CodedInputStream.newInstance(in));
    }

    /** As {@link #decodeDelimited(InputStream)} over a byte array. */
    public static List<MetricFamily> decodeDelimited(byte[] buf, int off, int len) throws IOException {
        return decodeDelimited(CodedInputStream.newInstance(buf, off, len));
    }

    private static List<MetricFamily> decodeDelimited(CodedInputStream in) throws IOException {
        in.setSizeLimit(Integer.MAX_VALUE);
        List<MetricFamily> out = new ArrayList<>();
        while (!in.isAtEnd()) {
            int len = in.readRawVarint32();
            if (len < 0) {
                throw new InvalidProtocolBufferException("negative message length " + len);
            }
            int limit = in.pushLimit(len);
            out.add(readFamily(in));
            if (!in.isAtEnd()) {
                throw new InvalidProtocolBufferException("MetricFamily message ends before its declared length");
            }
            in.popLimit(limit);
        }
        return out;
    }

    private static MetricFamily readFamily(CodedInputStream in) throws IOException {
        String name = "";
        String help = null;
        int type = PROTO_UNTYPED;
        List<Metric> metrics = new ArrayList<>();
        while (true) {
            int tag = in.readTag();
            switch (tag) {
                case 0 -> {
                    return new MetricFamily(name, help, typeOf(type), metrics);
                }
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> name = in.readStringRequireUtf8();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> help = in.readStringRequireUtf8();
                case (3 << 3) | WireFormat.WIRETYPE_VARINT -> type = in.readEnum();
                case (4 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    metrics.add(readMetric(in));
                    in.popLimit(limit);
                }
                default -> in.skipField(tag);
            }
        }
    }

    private static MetricType typeOf(int protoType) throws InvalidProtocolBufferException {
        return switch (protoType) {
            case PROTO_COUNTER -> MetricType.COUNTER;
            case PROTO_GAUGE -> MetricType.GAUGE;
            case PROTO_SUMMARY -> MetricType.SUMMARY;
            case PROTO_UNTYPED -> MetricType.UNKNOWN;
            case PROTO_HISTOGRAM -> MetricType.HISTOGRAM;
            case PROTO_GAUGE_HISTOGRAM -> MetricType.GAUGEHISTOGRAM;
            default -> throw new InvalidProtocolBufferException("unknown MetricType " + protoType);
        };
    }

    private static final class MetricParts {
        final Labels.Builder labels = Labels.builder();
        /** Names sent with an empty value ({@link Labels} drops those); null until the first. */
        TreeSet<String> emptyLabelNames;
        double value = Double.NaN;
        double count = Double.NaN;
        double sum = Double.NaN;
        final List<Quantile> quantiles = new ArrayList<>();
        final List<Bucket> buckets = new ArrayList<>();
        long timestampMs = Metric.NO_TIMESTAMP;
    }

    private static Metric readMetric(CodedInputStream in) throws IOException {
        MetricParts m = new MetricParts();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                Labels labels = m.labels.build();
                List<String> empty = List.of();
                if (m.emptyLabelNames != null) {
                    m.emptyLabelNames.removeIf(labels::has);
                    empty = List.copyOf(m.emptyLabelNames);
                }
                return new Metric(labels, m.value, m.count, m.sum, m.quantiles, m.buckets, m.timestampMs, empty);
            }
            int field = WireFormat.getTagFieldNumber(tag);
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED && field != 6) {
                int limit = in.pushLimit(in.readRawVarint32());
                switch (field) {
                    case 1 -> readLabelPair(in, m);
                    case 2, 3, 5 -> m.value = readValueMessage(in);
                    case 4 -> readSummary(in, m);
                    case 7 -> readHistogram(in, m);
                    default -> in.skipRawBytes(in.getBytesUntilLimit());
                }
                in.popLimit(limit);
            } else if (tag == ((6 << 3) | WireFormat.WIRETYPE_VARINT)) {
                m.timestampMs = in.readInt64();
            } else {
                in.skipField(tag);
            }
        }
    }

    private static void readLabelPair(CodedInputStream in, MetricParts m) throws IOException {
        String name = "";
        String value = "";
        while (true) {
            int tag = in.readTag();
            switch (tag) {
                case 0 -> {
                    if (value.isEmpty()) {
                        // a later pair of the same name wins, as with set(), whichever is empty
                        m.labels.del(name);
                        if (m.emptyLabelNames == null) {
                            m.emptyLabelNames = new TreeSet<>();
                        }
                        m.emptyLabelNames.add(name);
                    } else {
                        m.labels.set(name, value);
                        if (m.emptyLabelNames != null) {
                            m.emptyLabelNames.remove(name);
                        }
                    }
                    return;
                }
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> name = in.readStringRequireUtf8();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> value = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
    }

    /** Gauge, Counter and Untyped all keep their value in field 1 (a double). */
    private static double readValueMessage(CodedInputStream in) throws IOException {
        double v = 0; // proto2 default of an unset optional double
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return v;
            } else if (tag == ((1 << 3) | WireFormat.WIRETYPE_FIXED64)) {
                v = in.readDouble();
            } else {
                in.skipField(tag);
            }
        }
    }

    private static void readSummary(CodedInputStream in, MetricParts m) throws IOException {
        m.count = 0;
        m.sum = 0;
        while (true) {
            int tag = in.readTag();
            switch (tag) {
                case 0 -> {
                    return;
                }
                case (1 << 3) | WireFormat.WIRETYPE_VARINT -> m.count = unsignedToDouble(in.readUInt64());
                case (2 << 3) | WireFormat.WIRETYPE_FIXED64 -> m.sum = in.readDouble();
                case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    double q = 0;
                    double v = 0;
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        if (t == ((1 << 3) | WireFormat.WIRETYPE_FIXED64)) {
                            q = in.readDouble();
                        } else if (t == ((2 << 3) | WireFormat.WIRETYPE_FIXED64)) {
                            v = in.readDouble();
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    m.quantiles.add(new Quantile(q, v));
                }
                default -> in.skipField(tag);
            }
        }
    }

    private static void readHistogram(CodedInputStream in, MetricParts m) throws IOException {
        m.count = 0;
        m.sum = 0;
        while (true) {
            int tag = in.readTag();
            switch (tag) {
                case 0 -> {
                    return;
                }
                case (1 << 3) | WireFormat.WIRETYPE_VARINT -> m.count = unsignedToDouble(in.readUInt64());
                case (4 << 3) | WireFormat.WIRETYPE_FIXED64 -> m.count = in.readDouble();
                case (2 << 3) | WireFormat.WIRETYPE_FIXED64 -> m.sum = in.readDouble();
                case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    double count = 0;
                    double le = 0;
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        if (t == ((1 << 3) | WireFormat.WIRETYPE_VARINT)) {
                            count = unsignedToDouble(in.readUInt64());
                        } else if (t == ((4 << 3) | WireFormat.WIRETYPE_FIXED64)) {
                            count = in.readDouble();
                        } else if (t == ((2 << 3) | WireFormat.WIRETYPE_FIXED64)) {
                            le = in.readDouble();
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    m.buckets.add(new Bucket(le, count));
                }
                default -> in.skipField(tag);
            }
        }
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** Encodes the families as a delimited stream. */
    public static void encodeDelimited(List<MetricFamily> families, OutputStream out) throws IOException {
        CodedOutputStream cos = CodedOutputStream.newInstance(out);
        for (MetricFamily f : families) {
            byte[] msg = encodeFamily(f);
            cos.writeUInt32NoTag(msg.length);
            cos.writeRawBytes(msg);
        }
        cos.flush();
    }

    /** Encodes the families as a delimited stream into a new byte array. */
    public static byte[] encodeDelimited(List<MetricFamily> families) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            encodeDelimited(families, bos);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
        return bos.toByteArray();
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(64);
        CodedOutputStream cos = CodedOutputStream.newInstance(bos, 256);
        body.write(cos);
        cos.flush();
        return bos.toByteArray();
    }

    private static byte[] encodeFamily(MetricFamily f) throws IOException {
        return message(out -> {
            out.writeString(1, f.name());
            if (f.help() != null) {
                out.writeString(2, f.help());
            }
            out.writeEnum(3, protoType(f.type()));
            for (Metric m : f.metrics()) {
                out.writeByteArray(4, encodeMetric(f.type(), m));
            }
        });
    }

    private static int protoType(MetricType t) {
        return switch (t) {
            case COUNTER -> PROTO_COUNTER;
            case GAUGE, INFO, STATESET -> PROTO_GAUGE;
            case SUMMARY -> PROTO_SUMMARY;
            case HISTOGRAM -> PROTO_HISTOGRAM;
            case GAUGEHISTOGRAM -> PROTO_GAUGE_HISTOGRAM;
            case UNKNOWN -> PROTO_UNTYPED;
        };
    }

    private static void writeLabelPair(CodedOutputStream out, String n, String v) throws IOException {
        out.writeByteArray(1, message(lp -> {
            lp.writeString(1, n);
            lp.writeString(2, v);
        }));
    }

    private static byte[] encodeMetric(MetricType type, Metric m) throws IOException {
        return message(out -> {
            Labels labels = m.labels();
            List<String> empty = m.emptyLabelNames();
            int e = 0;
            for (int i = 0; i <= labels.size(); i++) {
                // label pairs go out sorted by name, the empty-valued ones merged in
                while (e < empty.size() && (i == labels.size() || empty.get(e).compareTo(labels.name(i)) < 0)) {
                    writeLabelPair(out, empty.get(e++), "");
                }
                if (i < labels.size()) {
                    writeLabelPair(out, labels.name(i), labels.value(i));
                }
            }
            switch (type) {
                case COUNTER -> out.writeByteArray(3, message(c -> c.writeDouble(1, m.value())));
                case GAUGE, INFO, STATESET -> out.writeByteArray(2, message(c -> c.writeDouble(1, m.value())));
                case UNKNOWN -> out.writeByteArray(5, message(c -> c.writeDouble(1, m.value())));
                case SUMMARY -> out.writeByteArray(4, message(s -> {
                    s.writeUInt64(1, (long) m.count());
                    s.writeDouble(2, m.sum());
                    for (Quantile q : m.quantiles()) {
                        s.writeByteArray(3, message(qo -> {
                            qo.writeDouble(1, q.quantile());
                            qo.writeDouble(2, q.value());
                        }));
                    }
                }));
                case HISTOGRAM, GAUGEHISTOGRAM -> out.writeByteArray(7, message(h -> {
                    writeCount(h, 1, 4, m.count());
                    h.writeDouble(2, m.sum());
                    for (Bucket b : m.buckets()) {
                        h.writeByteArray(3, message(bo -> {
                            writeCount(bo, 1, 4, b.cumulativeCount());
                            bo.writeDouble(2, b.upperBound());
                        }));
                    }
                }));
            }
            if (m.hasTimestamp()) {
                out.writeInt64(6, m.timestampMs());
            }
        });
    }

    /** Integral counts go to the uint64 field, others to the float field, as upstream clients do. */
    private static void writeCount(CodedOutputStream out, int intField, int floatField, double count) throws IOException {
        if (count >= 0 && count < 0x1p63 && count == Math.rint(count)) {
            out.writeUInt64(intField, (long) count);
        } else {
            out.writeDouble(floatField, count);
        }
    }
}
