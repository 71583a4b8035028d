package org.osprey.pushgateway.exposition;

import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;
import org.osprey.pushgateway.store.MetricGroup;
import org.osprey.pushgateway.store.MetricStore;

/**
 * Merges the groups and the Pushgateway's own metrics into the families /metrics exposes:
 * families sorted by name, metrics within a family ordered as the Go client orders them, plus
 * {@code push_time_seconds} and {@code push_failure_time_seconds} for every group. When groups
 * disagree on a family's help, the first group in grouping-key order that has help wins and the
 * conflict is logged, as upstream tolerates it. Thread-safe: stateless.
 */
public final class Gatherer {
    private static final Logger LOG = System.getLogger(Gatherer.class.getName());
    static final String PUSH_TIME_HELP = "Last Unix time when changing this group in the Pushgateway succeeded.";
    static final String PUSH_FAILURE_TIME_HELP = "Last Unix time when changing this group in the Pushgateway failed.";

    private Gatherer() {
    }

    public static List<ExposedFamily> gather(List<MetricGroup> groups, List<Family> own) {
        Map<String, Acc> byName = new TreeMap<>();
        for (MetricGroup g : groups) {
            for (Family f : g.families().values()) {
                Acc acc = byName.computeIfAbsent(f.name(), n -> new Acc(f.help(), f.type()));
                if (isEmpty(acc.help) && !isEmpty(f.help())) {
                    acc.help = f.help(); // a group that pushed no help does not blank another's
                } else if (!isEmpty(f.help()) && !acc.help.equals(f.help())) {
                    LOG.log(Logger.Level.DEBUG, "metric families inconsistent help strings: family {0}, winning help {1}, ignored help {2}",
                            f.name(), acc.help, f.help());
                }
                acc.metrics.addAll(f.metrics());
            }
            Acc pt = byName.computeIfAbsent(MetricStore.PUSH_TIME, n -> new Acc(PUSH_TIME_HELP, MetricType.GAUGE));
            pt.metrics.add(Metric.simple(g.exposedKeyLabels(), g.pushTimeSeconds(), Metric.NO_TIMESTAMP));
            Acc pf = byName.computeIfAbsent(MetricStore.PUSH_FAILURE_TIME, n -> new Acc(PUSH_FAILURE_TIME_HELP, MetricType.GAUGE));
            pf.metrics.add(Metric.simple(g.exposedKeyLabels(), g.pushFailureTimeSeconds(), Metric.NO_TIMESTAMP));
        }
        for (Family f : own) {
            Acc acc = byName.computeIfAbsent(f.name(), n -> new Acc(f.help(), f.type()));
            acc.metrics.addAll(f.metrics());
        }
        List<ExposedFamily> out = new ArrayList<>(byName.size());
        for (Map.Entry<String, Acc> e : byName.entrySet()) {
            Acc acc = e.getValue();
            acc.metrics.sort((a, b) -> a.labels().compareValuesTo(b.labels()));
            out.add(new ExposedFamily(e.getKey(), acc.help, acc.type, acc.metrics));
        }
        return out;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static final class Acc {
        String help;
        final MetricType type;
        final List<Metric> metrics = new ArrayList<>();

        Acc(String help, MetricType type) {
            this.help = help;
            this.type = type;
        }
    }
}
