package org.osprey.scrape;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.PromDuration;
import org.osprey.scrape.config.FileSdConfig;
import org.osprey.scrape.config.KubernetesSdConfig;
import org.osprey.scrape.config.RelabelRules;
import org.osprey.scrape.config.ScrapeConfig;
import org.osprey.scrape.discovery.Discoverer;
import org.osprey.scrape.discovery.DiscoveryProvider;
import org.osprey.scrape.discovery.FileDiscoverer;
import org.osprey.scrape.discovery.StaticDiscoverer;
import org.osprey.scrape.discovery.TargetGroup;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.Storage;

/**
 * One job: its discoverers, the targets they yield after relabeling, and one {@link ScrapeLoop}
 * per target. Each discovery update re-syncs targets: new ones start, vanished ones stop with stale
 * markers, unchanged ones keep running. Thread-safety: {@link #sync} and {@link #stop} are
 * synchronized; readers use the concurrent maps.
 */
final class ScrapePool {
    private static final Logger LOG = Logger.getLogger(ScrapePool.class.getName());

    private final ScrapeConfig config;
    private final Storage storage;
    private final ScrapeManager manager;
    private final RelabelRules targetRelabel;
    private final RelabelRules metricRelabel;
    private final HttpScraper scraper;
    private final List<Discoverer> discoverers = new ArrayList<>();
    private final Map<Integer, List<TargetGroup>> groups = new ConcurrentHashMap<>();
    private final Map<Labels, ScrapeLoop> loops = new LinkedHashMap<>();
    private final Map<Labels, ScrapeTarget> targets = new ConcurrentHashMap<>();
    private volatile List<DroppedTarget> dropped = List.of();
    private volatile String forcedError;
    private final ConcurrentLinkedQueue<HttpScraper.Body> bodies = new ConcurrentLinkedQueue<>();
    private boolean stopped;

    ScrapePool(ScrapeConfig config, Storage storage, ScrapeManager manager) throws IOException, GeneralSecurityException {
        this.config = config;
        this.storage = storage;
        this.manager = manager;
        this.targetRelabel = new RelabelRules(config.relabelConfigs());
        this.metricRelabel = new RelabelRules(config.metricRelabelConfigs());
        this.scraper = new HttpScraper(config, manager.userAgent());
    }

    ScrapeConfig config() {
        return config;
    }

    Storage storage() {
        return storage;
    }

    RelabelRules metricRelabel() {
        return metricRelabel;
    }

    HttpScraper scraper() {
        return scraper;
    }

    String forcedError() {
        return forcedError;
    }

    HttpScraper.Body borrowBody() {
        HttpScraper.Body b = bodies.poll();
        return b == null ? new HttpScraper.Body() : b;
    }

    void returnBody(HttpScraper.Body b) {
        // Keep a few buffers for the loops scraping at once; let outsized ones go.
        if (bodies.size() < 16 && b.buffer.length <= 16 << 20) {
            bodies.offer(b);
        }
    }

    void countMissed(long n) {
        manager.missedScrapes.add(n);
    }

    void countScrape(int samples) {
        manager.scrapes.increment();
        manager.samples.add(samples);
    }

    void countRejected(SampleRejectedException.Reason reason) {
        manager.rejected.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** Starts every discoverer of the job; their first reports create the loops. */
    void start() {
        int i = 0;
        List<Discoverer> ds = new ArrayList<>();
        if (!config.staticConfigs().isEmpty()) {
            ds.add(new StaticDiscoverer(config.staticConfigs()));
        }
        for (FileSdConfig f : config.fileSdConfigs()) {
            ds.add(new FileDiscoverer(f, config.jobName() + "/file_sd_configs/" + i++));
        }
        i = 0;
        for (KubernetesSdConfig k : config.kubernetesSdConfigs()) {
            Discoverer d = provided(k, config.jobName() + "/kubernetes_sd_configs/" + i++);
            if (d != null) {
                ds.add(d);
            }
        }
        synchronized (this) {
            discoverers.addAll(ds);
        }
        for (int idx = 0; idx < ds.size(); idx++) {
            final int key = idx;
            ds.get(idx).start(g -> {
                groups.put(key, g);
                sync();
            });
        }
    }

    private static Discoverer provided(Object cfg, String name) {
        for (DiscoveryProvider p : ServiceLoader.load(DiscoveryProvider.class)) {
            if (p.configType().isInstance(cfg)) {
                return p.create(cfg, name);
            }
        }
        LOG.warning(name + ": no discovery provider for " + cfg.getClass().getSimpleName()
                + " on the class path; it yields no targets");
        return null;
    }

    /** Recomputes targets from the latest groups of every discoverer and starts/stops loops to match. */
    synchronized void sync() {
        if (stopped) {
            return;
        }
        Map<Labels, ScrapeTarget> want = new LinkedHashMap<>();
        List<DroppedTarget> drop = new ArrayList<>();
        for (int k = 0; k < discoverers.size(); k++) {
            for (TargetGroup g : groups.getOrDefault(k, List.of())) {
                for (Labels t : g.targets()) {
                    TargetPopulator.Result r = TargetPopulator.populate(config, targetRelabel, t, g.labels());
                    if (r.labels() == null) {
                        if (r.error() != null) {
                            LOG.warning("job " + config.jobName() + ": dropping target " + r.discovered() + ": " + r.error());
                        }
                        if (config.keepDroppedTargets() == 0 || drop.size() < config.keepDroppedTargets()) {
                            drop.add(new DroppedTarget(r.discovered(), config.jobName()));
                        }
                        continue;
                    }
                    if (!want.containsKey(r.labels())) {
                        want.put(r.labels(), new ScrapeTarget(config.jobName(), r.discovered(), r.labels(),
                                TargetPopulator.url(config, r.labels()),
                                PromDuration.parseMillis(r.labels().get("__scrape_interval__")),
                                PromDuration.parseMillis(r.labels().get("__scrape_timeout__"))));
                    }
                }
            }
        }
        dropped = List.copyOf(drop);
        forcedError = config.targetLimit() > 0 && want.size() > config.targetLimit()
                ? "target_limit exceeded (number of targets: " + want.size() + ", limit: " + config.targetLimit() + ")"
                : null;
        List<ScrapeLoop> toStop = new ArrayList<>();
        for (Map.Entry<Labels, ScrapeLoop> e : new ArrayList<>(loops.entrySet())) {
            if (!want.containsKey(e.getKey())) {
                toStop.add(e.getValue());
                loops.remove(e.getKey());
                targets.remove(e.getKey());
            }
        }
        for (Map.Entry<Labels, ScrapeTarget> e : want.entrySet()) {
            if (!loops.containsKey(e.getKey())) {
                ScrapeLoop loop = new ScrapeLoop(e.getValue(), this);
                loops.put(e.getKey(), loop);
                targets.put(e.getKey(), e.getValue());
                loop.start(manager.offsetSeed());
            }
        }
        for (ScrapeLoop l : toStop) {
            l.stop(true);
        }
    }

    /** The active target whose instance label is given, or null; for tests. */
    ScrapeTarget target(String instance) {
        for (ScrapeTarget t : targets.values()) {
            if (t.seriesLabels().get("instance").equals(instance)) {
                return t;
            }
        }
        return null;
    }

    List<TargetStatus> activeTargets() {
        List<TargetStatus> out = new ArrayList<>(targets.size());
        for (ScrapeTarget t : targets.values()) {
            out.add(t.status());
        }
        return out;
    }

    List<DroppedTarget> droppedTargets() {
        return dropped;
    }

    List<TargetMetadata> metadata() {
        List<TargetMetadata> out = new ArrayList<>();
        for (ScrapeTarget t : targets.values()) {
            for (MetricMetadata m : t.metadata().values()) {
                out.add(new TargetMetadata(t.seriesLabels(), m));
            }
        }
        return out;
    }

    /**
     * True when an active target writes series with these target labels (after relabeling, without
     * {@code __} labels), i.e. a target of another pool with these labels lives on here.
     */
    boolean hasTargetWithSeriesLabels(Labels targetLabels) {
        Labels want = TargetPopulator.seriesLabels(targetLabels);
        for (ScrapeTarget t : targets.values()) {
            if (t.seriesLabels().equals(want)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops discovery and every loop.
     *
     * @param staleFor which targets (by labels) get stale markers for their series: all when the
     *                 job went away, none at shutdown, those the replacement pool lacks on reload
     */
    void stop(java.util.function.Predicate<Labels> staleFor) {
        List<Map.Entry<Labels, ScrapeLoop>> all;
        List<Discoverer> ds;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(loops.entrySet());
            ds = new ArrayList<>(discoverers);
            loops.clear();
        }
        for (Discoverer d : ds) {
            d.close();
        }
        for (Map.Entry<Labels, ScrapeLoop> e : all) {
            e.getValue().stop(staleFor.test(e.getKey()));
        }
        for (Map.Entry<Labels, ScrapeLoop> e : all) {
            try {
                e.getValue().join();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        targets.clear();
        scraper.close();
    }

}
