package org.osprey.scrape;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.osprey.scrape.config.PrometheusConfig;
import org.osprey.scrape.config.ScrapeConfig;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.Storage;

/**
 * Runs the scrape side of a {@code prometheus.yml}: one {@link ScrapePool} per job, fed by its
 * discoverers, appending to the given {@link Storage}. {@link #applyConfig} restarts only jobs whose
 * config changed (records compare by value), stops removed jobs with stale markers, and leaves the
 * rest running. Read methods give the HTTP API its targets and metadata views.
 * Thread-safety: all public methods may be called from any thread; applyConfig calls are serialized.
 */
public final class ScrapeManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScrapeManager.class.getName());

    private final Storage storage;
    private final String userAgent;
    private final long offsetSeed;
    private final Map<String, ScrapePool> pools = new ConcurrentHashMap<>();
    private volatile List<String> poolOrder = List.of();
    final LongAdder missedScrapes = new LongAdder();
    final LongAdder scrapes = new LongAdder();
    final LongAdder samples = new LongAdder();
    final Map<SampleRejectedException.Reason, AtomicLong> rejected = new ConcurrentHashMap<>();

    /**
     * @param userAgent  sent with every scrape, e.g. "Osprey/0.1.0"
     * @param offsetSeed mixed into each target's hash when spreading start offsets; upstream derives
     *                   it from the external labels and host name so two replicas do not scrape in lockstep
     */
    public ScrapeManager(Storage storage, String userAgent, long offsetSeed) {
        this.storage = storage;
        this.userAgent = userAgent;
        this.offsetSeed = offsetSeed;
    }

    public ScrapeManager(Storage storage) {
        this(storage, "Osprey/0.1.0", 0);
    }

    String userAgent() {
        return userAgent;
    }

    long offsetSeed() {
        return offsetSeed;
    }

    /**
     * Makes the running jobs match the config: unchanged jobs keep running untouched, changed jobs
     * restart, removed jobs stop and their series go stale.
     *
     * @throws IllegalStateException if a job's HTTP client cannot be built (unreadable CA or key
     *                               file); jobs applied before the failing one stay applied
     */
    public synchronized void applyConfig(PrometheusConfig config) {
        Map<String, ScrapeConfig> want = new LinkedHashMap<>();
        for (ScrapeConfig sc : config.scrapeConfigs()) {
            want.put(sc.jobName(), sc);
        }
        for (String job : new ArrayList<>(pools.keySet())) {
            if (!want.containsKey(job)) {
                pools.remove(job).stop(t -> true);
            }
        }
        for (ScrapeConfig sc : want.values()) {
            ScrapePool cur = pools.get(sc.jobName());
            if (cur != null && cur.config().equals(sc)) {
                continue;
            }
            ScrapePool p;
            try {
                p = new ScrapePool(sc, storage, this);
            } catch (Exception e) {
                throw new IllegalStateException("job " + sc.jobName() + ": " + e.getMessage(), e);
            }
            // Start the replacement first, so the old pool can tell which of its targets live on:
            // those continue in the new pool; the rest (e.g. renamed by new relabel rules) go stale.
            p.start();
            pools.put(sc.jobName(), p);
            if (cur != null) {
                cur.stop(labels -> !p.hasTargetWithSeriesLabels(labels));
            }
            LOG.fine("started scrape pool " + sc.jobName());
        }
        poolOrder = List.copyOf(want.keySet());
    }

    /** The running pool of a job, or null; for tests in this package. */
    ScrapePool pool(String job) {
        return pools.get(job);
    }

    /** Job names in config order. */
    public List<String> scrapePools() {
        return poolOrder;
    }

    /** Active targets of every job, jobs in config order. */
    public List<TargetStatus> activeTargets() {
        List<TargetStatus> out = new ArrayList<>();
        for (String job : poolOrder) {
            ScrapePool p = pools.get(job);
            if (p != null) {
                out.addAll(p.activeTargets());
            }
        }
        return out;
    }

    public List<DroppedTarget> droppedTargets() {
        List<DroppedTarget> out = new ArrayList<>();
        for (String job : poolOrder) {
            ScrapePool p = pools.get(job);
            if (p != null) {
                out.addAll(p.droppedTargets());
            }
        }
        return out;
    }

    /** Metadata of every metric on every active target ({@code /api/v1/targets/metadata}). */
    public List<TargetMetadata> targetMetadata() {
        List<TargetMetadata> out = new ArrayList<>();
        for (String job : poolOrder) {
            ScrapePool p = pools.get(job);
            if (p != null) {
                out.addAll(p.metadata());
            }
        }
        return out;
    }

    /** Distinct metadata per metric name across targets ({@code /api/v1/metadata}), names sorted. */
    public Map<String, List<MetricMetadata>> metadata() {
        Map<String, List<MetricMetadata>> out = new TreeMap<>();
        for (TargetMetadata tm : targetMetadata()) {
            List<MetricMetadata> l = out.computeIfAbsent(tm.metadata().metric(), k -> new ArrayList<>());
            if (!l.contains(tm.metadata())) {
                l.add(tm.metadata());
            }
        }
        return out;
    }

    /** Scrape slots skipped because the previous scrape of the target overran its interval. */
    public long missedScrapes() {
        return missedScrapes.sum();
    }

    public long scrapesTotal() {
        return scrapes.sum();
    }

    /** Samples appended after metric relabeling, summed over all scrapes. */
    public long samplesTotal() {
        return samples.sum();
    }

    /** Samples the storage refused, by reason. */
    public Map<SampleRejectedException.Reason, Long> rejectedSamples() {
        Map<SampleRejectedException.Reason, Long> out = new EnumMap<>(SampleRejectedException.Reason.class);
        rejected.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Stops every job; series are not marked stale (the server is shutting down, as upstream). */
    @Override
    public synchronized void close() {
        for (ScrapePool p : pools.values()) {
            p.stop(t -> false);
        }
        pools.clear();
        poolOrder = List.of();
    }
}
