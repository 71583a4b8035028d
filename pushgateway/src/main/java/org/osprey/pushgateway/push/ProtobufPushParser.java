package org.osprey.pushgateway.push;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/**
 * Decodes a push body of varint-length-delimited {@code io.prometheus.client.MetricFamily}
 * messages (metrics.proto) into families.
 *
 * <p>Stopgap until the model module's protobuf codec lands: only the fields a push carries are
 * read (name, help, type, labels, counter/gauge/untyped values, summary quantiles, classic
 * histogram buckets, timestamp); everything else is skipped. As upstream warns, a second family
 * of the same name in one push replaces the first. Thread-safe: stateless.
 */
public final class ProtobufPushParser {
    private ProtobufPushParser() {
    }

    public static List<Family> parse(byte[] body) throws PushParseException {
        ProtoReader in = new ProtoReader(body, 0, body.length);
        java.util.LinkedHashMap<String, Family> families = new java.util.LinkedHashMap<>();
        while (in.hasMore()) {
            Family f = family(in.sub());
            families.put(f.name(), f);
        }
        return new ArrayList<>(families.values());
    }

    private static Family family(ProtoReader r) throws PushParseException {
        String name = "";
        String help = null;
        MetricType type = MetricType.COUNTER; // proto3/proto2 default enum value 0
        List<ProtoReader> metricMessages = new ArrayList<>();
        while (r.hasMore()) {
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> name = r.string();
                case 2 -> help = r.string();
                case 3 -> {
                    long t = r.varint();
                    type = MetricType.fromProto((int) t);
                    if (type == null) {
                        throw new PushParseException("unsupported metric type " + t + " for metric family \"" + name + "\"");
                    }
                }
                case 4 -> metricMessages.add(r.sub());
                default -> r.skip(wire);
            }
        }
        List<Metric> metrics = new ArrayList<>(metricMessages.size());
        for (ProtoReader m : metricMessages) {
            metrics.add(metric(m, type, name));
        }
        return new Family(name, help, type, metrics);
    }

    private static Metric metric(ProtoReader r, MetricType type, String family) throws PushParseException {
        TreeMap<String, String> labels = new TreeMap<>();
        double value = 0;
        double count = 0;
        double sum = 0;
        List<double[]> pairs = new ArrayList<>();
        long ts = Metric.NO_TIMESTAMP;
        boolean matchingValue = false;
        while (r.hasMore()) {
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> {
                    ProtoReader lp = r.sub();
                    String n = "";
                    String v = "";
                    while (lp.hasMore()) {
                        long t = lp.varint();
                        switch ((int) (t >>> 3)) {
                            case 1 -> n = lp.string();
                            case 2 -> v = lp.string();
                            default -> lp.skip((int) (t & 7));
                        }
                    }
                    if (labels.put(n, v) != null) {
                        throw new PushParseException("duplicate label name \"" + n + "\" in metric family \"" + family + "\"");
                    }
                }
                case 2, 3, 5 -> {
                    // gauge, counter, untyped: value is field 1 (double) in each.
                    matchingValue |= (field == 2 && type == MetricType.GAUGE) || (field == 3 && type == MetricType.COUNTER)
                            || (field == 5 && type == MetricType.UNTYPED);
                    ProtoReader v = r.sub();
                    while (v.hasMore()) {
                        long t = v.varint();
                        if ((t >>> 3) == 1 && (t & 7) == 1) {
                            value = v.fixed64AsDouble();
                        } else {
                            v.skip((int) (t & 7));
                        }
                    }
                }
                case 4 -> {
                    matchingValue |= type == MetricType.SUMMARY;
                    ProtoReader s = r.sub();
                    while (s.hasMore()) {
                        long t = s.varint();
                        switch ((int) (t >>> 3)) {
                            case 1 -> count = s.varint();
                            case 2 -> sum = s.fixed64AsDouble();
                            case 3 -> pairs.add(pair(s.sub(), 1, 2));
                            default -> s.skip((int) (t & 7));
                        }
                    }
                }
                case 7 -> {
                    matchingValue |= type == MetricType.HISTOGRAM;
                    ProtoReader h = r.sub();
                    while (h.hasMore()) {
                        long t = h.varint();
                        switch ((int) (t >>> 3)) {
                            case 1 -> count = h.varint();
                            case 2 -> sum = h.fixed64AsDouble();
                            case 3 -> pairs.add(bucket(h.sub()));
                            case 4 -> count = h.fixed64AsDouble();
                            default -> h.skip((int) (t & 7));
                        }
                    }
                }
                case 6 -> ts = r.varint();
                default -> r.skip(wire);
            }
        }
        if (!matchingValue) {
            throw new PushParseException("metric in metric family \"" + family + "\" has no value of type " + type);
        }
        double[] bounds = new double[pairs.size()];
        double[] counts = new double[pairs.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = pairs.get(i)[0];
            counts[i] = pairs.get(i)[1];
        }
        return new Metric(LabelPairs.of(labels), value, count, sum, bounds, counts, ts);
    }

    /** A summary quantile: field a is the quantile, field b the value, both doubles. */
    private static double[] pair(ProtoReader r, int boundField, int valueField) throws PushParseException {
        double[] p = new double[2];
        while (r.hasMore()) {
            long t = r.varint();
            int f = (int) (t >>> 3);
            if (f == boundField && (t & 7) == 1) {
                p[0] = r.fixed64AsDouble();
            } else if (f == valueField && (t & 7) == 1) {
                p[1] = r.fixed64AsDouble();
            } else {
                r.skip((int) (t & 7));
            }
        }
        return p;
    }

    /** A histogram bucket: cumulative_count (1, varint) or cumulative_count_float (4), upper_bound (2). */
    private static double[] bucket(ProtoReader r) throws PushParseException {
        double[] p = new double[2];
        while (r.hasMore()) {
            long t = r.varint();
            switch ((int) (t >>> 3)) {
                case 1 -> p[1] = r.varint();
                case 2 -> p[0] = r.fixed64AsDouble();
                case 4 -> p[1] = r.fixed64AsDouble();
                default -> r.skip((int) (t & 7));
            }
        }
        return p;
    }
}
