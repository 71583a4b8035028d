package org.osprey.pushgateway.push;

import java.util.ArrayList;
import java.util.List;
import org.osprey.model.exposition.Bucket;
import org.osprey.model.exposition.MetricFamily;
import org.osprey.model.exposition.Quantile;
import org.osprey.model.labels.Labels;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/**
 * Converts the model module's {@link MetricFamily} values (from its text grouping and protobuf
 * codec) into the Pushgateway's own families, whose {@link LabelPairs} keep empty values such as
 * the {@code instance=""} the Pushgateway adds. Thread-safe: stateless.
 */
final class ModelFamilies {
    private ModelFamilies() {
    }

    static List<Family> convert(List<MetricFamily> families) throws PushParseException {
        List<Family> out = new ArrayList<>(families.size());
        for (MetricFamily f : families) {
            MetricType type = switch (f.type()) {
                case COUNTER -> MetricType.COUNTER;
                case GAUGE -> MetricType.GAUGE;
                case SUMMARY -> MetricType.SUMMARY;
                case HISTOGRAM -> MetricType.HISTOGRAM;
                case UNKNOWN -> MetricType.UNTYPED;
                default -> throw new PushParseException("unsupported metric type " + f.type().textName()
                        + " for metric family \"" + f.name() + "\"");
            };
            List<Metric> metrics = new ArrayList<>(f.metrics().size());
            for (org.osprey.model.exposition.Metric m : f.metrics()) {
                LabelPairs labels = pairs(m.labels(), m.emptyLabelNames());
                metrics.add(switch (type) {
                    case SUMMARY -> {
                        double[] q = new double[m.quantiles().size()];
                        double[] v = new double[q.length];
                        for (int i = 0; i < q.length; i++) {
                            Quantile quantile = m.quantiles().get(i);
                            q[i] = quantile.quantile();
                            v[i] = quantile.value();
                        }
                        yield new Metric(labels, 0, m.count(), m.sum(), q, v, m.timestampMs());
                    }
                    case HISTOGRAM -> {
                        List<Bucket> sorted = new ArrayList<>(m.buckets());
                        sorted.sort((a, b) -> Double.compare(a.upperBound(), b.upperBound()));
                        double[] le = new double[sorted.size()];
                        double[] c = new double[le.length];
                        for (int i = 0; i < le.length; i++) {
                            le[i] = sorted.get(i).upperBound();
                            c[i] = sorted.get(i).cumulativeCount();
                        }
                        yield new Metric(labels, 0, m.count(), m.sum(), le, c, m.timestampMs());
                    }
                    default -> Metric.simple(labels, m.value(), m.timestampMs());
                });
            }
            out.add(new Family(f.name(), f.help(), type, metrics));
        }
        return out;
    }

    /**
     * Labels are sorted by name with unique names, and so are the names the parsers saw with an
     * empty value (which {@code Labels} drops but upstream keeps and re-exposes as {@code e=""}):
     * one merge of the two sorted lists.
     */
    private static LabelPairs pairs(Labels labels, List<String> emptyNames) {
        String[] names = new String[labels.size() + emptyNames.size()];
        String[] values = new String[names.length];
        int i = 0;
        int e = 0;
        for (int k = 0; k < names.length; k++) {
            if (e < emptyNames.size() && (i == labels.size() || emptyNames.get(e).compareTo(labels.name(i)) < 0)) {
                names[k] = emptyNames.get(e++);
                values[k] = "";
            } else {
                names[k] = labels.name(i);
                values[k] = labels.value(i++);
            }
        }
        return LabelPairs.ofSorted(names, values);
    }
}
