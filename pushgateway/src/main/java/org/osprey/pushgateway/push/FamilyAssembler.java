package org.osprey.pushgateway.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/**
 * Folds flat text-format samples into families: a summary's {@code quantile} samples and its
 * {@code _sum}/{@code _count}, a histogram's {@code _bucket}/{@code _sum}/{@code _count}, each
 * grouped per label set without {@code quantile}/{@code le}. Families keep the order in which
 * they first appeared. Thread-safety: not thread-safe; one per body.
 */
final class FamilyAssembler {
    private final Map<String, MetricType> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new LinkedHashMap<>();
    private final Map<String, Builder> families = new LinkedHashMap<>();

    /** Records a TYPE line; false when the family already has a TYPE or samples (the caller reports it). */
    boolean declareType(String name, MetricType type) {
        if (types.containsKey(name) || families.containsKey(name)) {
            return false;
        }
        types.put(name, type);
        return true;
    }

    /** Records a HELP line; false when the family already has one. */
    boolean declareHelp(String name, String help) {
        return helps.putIfAbsent(name, help) == null;
    }

    /** Adds one sample line; returns an error message or null. */
    String addSample(String sampleName, LabelPairs labels, double value, long timestampMillis) {
        String family = sampleName;
        String suffix = "";
        MetricType type = types.get(sampleName);
        if (type == null) {
            for (String s : new String[] {"_bucket", "_sum", "_count"}) {
                if (sampleName.endsWith(s)) {
                    String base = sampleName.substring(0, sampleName.length() - s.length());
                    MetricType baseType = types.get(base);
                    if (baseType == MetricType.HISTOGRAM || (baseType == MetricType.SUMMARY && !s.equals("_bucket"))) {
                        family = base;
                        suffix = s;
                        type = baseType;
                        break;
                    }
                }
            }
        }
        if (type == null) {
            type = MetricType.UNTYPED;
        }
        Builder b = families.computeIfAbsent(family, n -> new Builder());
        b.type = type;
        if (type == MetricType.SUMMARY || type == MetricType.HISTOGRAM) {
            String special = type == MetricType.SUMMARY ? "quantile" : "le";
            String boundText = null;
            if (suffix.isEmpty() || suffix.equals("_bucket")) {
                boundText = labels.get(special);
                labels = labels.without(special);
                if (boundText == null) {
                    return "expected " + special + " label for metric \"" + sampleName + "\"";
                }
            }
            LabelPairs key = labels;
            Composite c = b.composites.computeIfAbsent(key, k -> new Composite());
            if (timestampMillis != Metric.NO_TIMESTAMP) {
                c.timestampMillis = timestampMillis;
            }
            switch (suffix) {
                case "_sum" -> c.sum = value;
                case "_count" -> c.count = value;
                default -> {
                    double bound = TextPushParser.parseFloat(boundText);
                    if (Double.isNaN(bound) && !boundText.equalsIgnoreCase("nan")) {
                        return "expected float as " + special + " value, got \"" + boundText + "\"";
                    }
                    c.bounds.add(bound);
                    c.values.add(value);
                }
            }
            return null;
        }
        b.simple.add(Metric.simple(labels, value, timestampMillis));
        return null;
    }

    /** The families, including those with only a TYPE or HELP line (they carry no metrics and are dropped later). */
    List<Family> families() {
        List<Family> out = new ArrayList<>();
        for (Map.Entry<String, Builder> e : families.entrySet()) {
            Builder b = e.getValue();
            List<Metric> metrics = new ArrayList<>(b.simple);
            for (Map.Entry<LabelPairs, Composite> ce : b.composites.entrySet()) {
                Composite c = ce.getValue();
                double[] bounds = new double[c.bounds.size()];
                double[] values = new double[c.values.size()];
                for (int i = 0; i < bounds.length; i++) {
                    bounds[i] = c.bounds.get(i);
                    values[i] = c.values.get(i);
                }
                if (b.type == MetricType.HISTOGRAM) {
                    sortBuckets(bounds, values);
                }
                metrics.add(new Metric(ce.getKey(), 0, c.count, c.sum, bounds, values, c.timestampMillis));
            }
            out.add(new Family(e.getKey(), helps.get(e.getKey()), b.type, metrics));
        }
        return out;
    }

    private static void sortBuckets(double[] bounds, double[] values) {
        // Buckets usually arrive sorted; an insertion sort keeps the common case linear.
        for (int i = 1; i < bounds.length; i++) {
            double b = bounds[i];
            double v = values[i];
            int j = i - 1;
            while (j >= 0 && bounds[j] > b) {
                bounds[j + 1] = bounds[j];
                values[j + 1] = values[j];
                j--;
            }
            bounds[j + 1] = b;
            values[j + 1] = v;
        }
    }

    private static final class Builder {
        MetricType type = MetricType.UNTYPED;
        final List<Metric> simple = new ArrayList<>();
        final Map<LabelPairs, Composite> composites = new LinkedHashMap<>();
    }

    private static final class Composite {
        final List<Double> bounds = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        double sum;
        double count;
        long timestampMillis = Metric.NO_TIMESTAMP;
    }
}
