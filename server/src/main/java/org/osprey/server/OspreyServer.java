package org.osprey.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.scrape.DroppedTarget;
import org.osprey.scrape.ScrapeManager;
import org.osprey.scrape.TargetMetadata;
import org.osprey.scrape.TargetStatus;
import org.osprey.scrape.config.ConfigException;
import org.osprey.scrape.config.ConfigLoader;
import org.osprey.scrape.config.PrometheusConfig;
import org.osprey.server.api.ApiContext;
import org.osprey.server.api.QueryService;
import org.osprey.server.api.view.DroppedTargetView;
import org.osprey.server.api.view.MetadataView;
import org.osprey.server.api.view.TargetView;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.metrics.HttpMetrics;
import org.osprey.server.metrics.JvmMetrics;
import org.osprey.server.metrics.MetricsSource;
import org.osprey.server.metrics.TextMetricsWriter;
import org.osprey.server.query.PromqlQueries;
import org.osprey.server.web.Lifecycle;
import org.osprey.server.web.WebServer;
import org.osprey.tsdb.Storage;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;

/**
 * One running Osprey: the web server comes up first (so {@code /-/ready} can say 503), then the
 * storage opens, the configuration loads and scraping starts; then it is ready. Reload swaps the
 * configuration atomically or keeps the old one. Thread-safe: state changes are synchronized and
 * published through volatile fields.
 */
public final class OspreyServer implements ApiContext, Lifecycle, AutoCloseable {
    private final ServerOptions options;
    private final ServerLog log;
    private final long startMs = System.currentTimeMillis();
    private final CountDownLatch quit = new CountDownLatch(1);
    private final HttpMetrics httpMetrics = new HttpMetrics();
    private final WebServer web;
    private final String selfAddress;

    private volatile Storage storage;
    private volatile PromqlQueries queries;
    private volatile ScrapeManager scrapes;
    private volatile RulesWiring rules;
    private volatile ProbesWiring probes;
    private volatile org.osprey.pushgateway.Pushgateway pushgateway;
    private volatile String pushgatewayAddress = "";
    private volatile LoadedConfig config;
    private volatile boolean ready;
    private volatile boolean reloadSuccess;
    private volatile long lastConfigMs;
    private boolean closed;

    /** A configuration as loaded, with the YAML text that /api/v1/status/config shows. */
    record LoadedConfig(PrometheusConfig config, String yaml) {
    }

    private OspreyServer(ServerOptions options, ServerLog log) {
        this.options = options;
        this.log = log;
        List<MetricsSource> metrics = new ArrayList<>();
        metrics.add(new JvmMetrics());
        metrics.add(httpMetrics);
        metrics.add(this::writeSubsystemMetrics);
        this.web = new WebServer(this, this, httpMetrics, metrics, log);
        web.start();
        String host = options.listenHost();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.selfAddress = host + ":" + web.port();
    }

    /**
     * Starts a server; returns once it is ready.
     *
     * @throws RuntimeException with the reason when the port, storage or configuration fails
     */
    public static OspreyServer start(ServerOptions options, ServerLog log) {
        log.info("Starting Osprey Server", "version", BuildInfo.VERSION, "prometheus_api", BuildInfo.PROMETHEUS_VERSION);
        OspreyServer s = new OspreyServer(options, log);
        try {
            s.boot();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void boot() {
        log.info("Start listening for connections", "address", selfAddress);
        if (!options.pushgatewayListenAddress().isEmpty()) {
            startPushgateway();
        }
        LoadedConfig loaded;
        try {
            loaded = loadConfig();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("error loading config from \"" + configName() + "\": " + e.getMessage(), e);
        }
        // checked before storage opens so a bad probe file fails start-up as fast as a bad config
        org.osprey.probes.config.ProbeConfig probeConfig = options.probesFile().isEmpty() ? null
                : ProbesWiring.load(Path.of(options.probesFile()));
        long retentionMs = options.retentionMillis();
        TsdbOptions tsdbOptions = TsdbOptions.defaults().withRetention(retentionMs, options.retentionBytes());
        long t0 = System.nanoTime();
        storage = Tsdb.open(options.tsdbPath(), tsdbOptions);
        log.info("TSDB started", "path", options.tsdbPath(), "duration_ms", (System.nanoTime() - t0) / 1_000_000);
        queries = Subsystems.queryService(options, loaded.config().global().evaluationIntervalMillis(), () -> storage);
        scrapes = new ScrapeManager(storage, "Osprey/" + BuildInfo.VERSION, selfAddress.hashCode());
        rules = new RulesWiring(options, storage, queries.engine(), loaded.config().global().externalLabels());
        applyConfig(loaded);
        if (probeConfig != null) {
            probes = ProbesWiring.start(Path.of(options.probesFile()), probeConfig, rules.notifier(), options.resendDelayMillis());
            log.info("Assertion probes started", "file", options.probesFile(), "probes", probeConfig.probes().size());
        }
        ready = true;
        log.info("Server is ready to receive web requests.");
    }

    /** Runs the pushgateway module on its own listener (its paths overlap ours, e.g. /metrics). */
    private void startPushgateway() {
        var pg = new org.osprey.pushgateway.Pushgateway(org.osprey.pushgateway.PushgatewayOptions.defaults()
                .withListenAddress(options.pushgatewayListenAddress()));
        try {
            java.net.InetSocketAddress bound = pg.start();
            String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getHostString();
            pushgatewayAddress = host + ":" + bound.getPort();
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw new IllegalArgumentException("cannot start the embedded Pushgateway on " + options.pushgatewayListenAddress()
                    + ": " + e.getMessage(), e);
        }
        pushgateway = pg;
        log.info("Embedded Pushgateway listening", "address", pushgatewayAddress);
    }

    private String configName() {
        return options.configFile().isEmpty() ? "embedded default" : options.configFile();
    }

    private LoadedConfig loadConfig() throws ConfigException {
        if (options.configFile().isEmpty()) {
            String text;
            try (InputStream in = OspreyServer.class.getResourceAsStream("default-config.yml")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${self}", selfAddress);
            } catch (IOException e) {
                throw new ConfigException("reading the embedded default config: " + e.getMessage(), e);
            }
            if (!pushgatewayAddress.isEmpty()) {
                // pushed series keep their own job/instance labels, as with any Pushgateway
                text += "  - job_name: pushgateway\n    honor_labels: true\n    static_configs:\n      - targets: [\""
                        + pushgatewayAddress + "\"]\n";
            }
            return new LoadedConfig(ConfigLoader.load(text, "embedded default config", null, System::getenv), text);
        }
        Path file = Path.of(options.configFile());
        PrometheusConfig c = ConfigLoader.loadFile(file);
        try {
            return new LoadedConfig(c, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("open " + file + ": " + e.getMessage(), e);
        }
    }

    private synchronized void applyConfig(LoadedConfig loaded) {
        for (String w : loaded.config().warnings()) {
            log.warn("Configuration warning", "file", configName(), "warning", w);
        }
        if (rules != null) {
            Path base = options.configFile().isEmpty() ? Path.of("").toAbsolutePath()
                    : Path.of(options.configFile()).toAbsolutePath().getParent();
            try {
                rules.apply(loaded.config(), base);
            } catch (org.osprey.rules.RuleLoadException | IOException e) {
                throw new IllegalArgumentException("error loading rules: " + e.getMessage(), e);
            }
        }
        if (scrapes != null) {
            scrapes.applyConfig(loaded.config());
        }
        config = loaded;
        reloadSuccess = true;
        lastConfigMs = System.currentTimeMillis();
        log.info("Completed loading of configuration file", "filename", configName());
    }

    @Override
    public synchronized void reload() throws Exception {
        try {
            LoadedConfig loaded = loadConfig();
            // both files are read before either applies: a broken probe file keeps the old probes and config
            ProbesWiring pw = probes;
            org.osprey.probes.config.ProbeConfig probeConfig = pw == null ? null : ProbesWiring.load(pw.file());
            applyConfig(loaded);
            if (pw != null) {
                pw.reload(probeConfig);
                log.info("Completed loading of probes file", "filename", pw.file().toString());
            }
        } catch (ConfigException | RuntimeException e) {
            reloadSuccess = false;
            log.error("Error reloading config", "err", e.getMessage());
            throw new Exception("error loading config from \"" + configName() + "\": " + e.getMessage(), e);
        }
    }

    private void writeSubsystemMetrics(TextMetricsWriter out) {
        out.family("osprey_config_last_reload_successful", "gauge", "Whether the last configuration reload attempt was successful.")
                .sample("osprey_config_last_reload_successful", reloadSuccess ? 1 : 0);
        out.family("osprey_config_last_reload_success_timestamp_seconds", "gauge", "Timestamp of the last successful configuration reload.")
                .sample("osprey_config_last_reload_success_timestamp_seconds", lastConfigMs / 1000.0);
        out.family("osprey_ready", "gauge", "Whether Osprey startup was fully completed and the server is ready for normal operation.")
                .sample("osprey_ready", ready ? 1 : 0);
        RulesWiring rw = rules;
        if (rw != null) {
            rw.writeMetrics(out);
        }
        ProbesWiring pw = probes;
        if (pw != null) {
            pw.writeMetrics(out);
        }
        ScrapeManager sm = scrapes;
        if (sm != null) {
            out.family("osprey_target_scrape_pools", "gauge", "Number of scrape pools (jobs) running.")
                    .sample("osprey_target_scrape_pools", sm.scrapePools().size());
            out.family("osprey_target_scrapes_total", "counter", "Total number of scrapes attempted.")
                    .sample("osprey_target_scrapes_total", sm.scrapesTotal());
            out.family("osprey_target_scrape_samples_total", "counter", "Total number of samples scraped.")
                    .sample("osprey_target_scrape_samples_total", sm.samplesTotal());
            out.family("osprey_target_missed_scrapes_total", "counter", "Scrapes skipped because the previous one of the target was still running.")
                    .sample("osprey_target_missed_scrapes_total", sm.missedScrapes());
            var rejected = sm.rejectedSamples();
            out.family("osprey_target_scrapes_sample_out_of_order_total", "counter", "Total number of samples rejected due to not being out of the expected order.")
                    .sample("osprey_target_scrapes_sample_out_of_order_total", rejected.getOrDefault(org.osprey.tsdb.SampleRejectedException.Reason.OUT_OF_ORDER, 0L));
            out.family("osprey_target_scrapes_sample_duplicate_timestamp_total", "counter", "Total number of samples rejected due to duplicate timestamps but different values.")
                    .sample("osprey_target_scrapes_sample_duplicate_timestamp_total", rejected.getOrDefault(org.osprey.tsdb.SampleRejectedException.Reason.DUPLICATE, 0L));
            out.family("osprey_target_scrapes_sample_out_of_bounds_total", "counter", "Total number of samples rejected due to timestamp falling outside of the time bounds.")
                    .sample("osprey_target_scrapes_sample_out_of_bounds_total", rejected.getOrDefault(org.osprey.tsdb.SampleRejectedException.Reason.OUT_OF_BOUNDS, 0L));
        }
        if (storage instanceof Tsdb tsdb) {
            String[] last = {""};
            tsdb.forEachMetric((name, help, type, labels, value) -> {
                if (!name.equals(last[0])) {
                    out.family(name, type, help);
                    last[0] = name;
                }
                String[] kv = new String[labels.size() * 2];
                for (int i = 0; i < labels.size(); i++) {
                    kv[2 * i] = labels.name(i);
                    kv[2 * i + 1] = labels.value(i);
                }
                out.sample(name, value, kv);
            });
        }
    }

    // ---- Lifecycle ----

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public void quit() {
        quit.countDown();
    }

    /** Blocks until {@link #quit()} is called (by /-/quit or a signal). */
    public void awaitQuit() {
        try {
            quit.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** host:port of the embedded Pushgateway, or "" when it does not run. */
    public String pushgatewayAddress() {
        return pushgatewayAddress;
    }

    /** The HTTP port actually bound. */
    public int port() {
        return web.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        quit.countDown();
        web.close();
        if (scrapes != null) {
            scrapes.close();
        }
        // before the rules wiring: probes send into its notifier, which drains on close
        if (probes != null) {
            probes.close();
        }
        if (rules != null) {
            rules.close();
        }
        if (pushgateway != null) {
            pushgateway.close();
        }
        if (queries != null) {
            queries.close();
        }
        Storage s = storage;
        if (s != null) {
            s.close();
        }
    }

    // ---- ApiContext ----

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    public Storage storage() {
        return ready ? storage : null;
    }

    @Override
    public QueryService queries() {
        return queries;
    }

    @Override
    public String configYaml() {
        LoadedConfig c = config;
        return c == null ? "" : c.yaml();
    }

    @Override
    public Labels externalLabels() {
        LoadedConfig c = config;
        return c == null ? Labels.EMPTY : c.config().global().externalLabels();
    }

    @Override
    public List<TargetView> activeTargets() {
        ScrapeManager sm = scrapes;
        if (sm == null) {
            return List.of();
        }
        List<TargetView> out = new ArrayList<>();
        for (TargetStatus t : sm.activeTargets()) {
            out.add(new TargetView(t.discoveredLabels().toMap(), t.labels(), t.scrapePool(), t.scrapeUrl(), t.globalUrl(),
                    t.lastError(), t.lastScrapeMillis(), t.lastScrapeDurationSeconds(), t.health(), t.scrapeInterval(),
                    t.scrapeTimeout()));
        }
        return out;
    }

    @Override
    public List<DroppedTargetView> droppedTargets() {
        ScrapeManager sm = scrapes;
        if (sm == null) {
            return List.of();
        }
        List<DroppedTargetView> out = new ArrayList<>();
        for (DroppedTarget t : sm.droppedTargets()) {
            out.add(new DroppedTargetView(t.discoveredLabels().toMap(), t.scrapePool()));
        }
        return out;
    }

    @Override
    public List<MetadataView> metadata() {
        ScrapeManager sm = scrapes;
        if (sm == null) {
            return List.of();
        }
        List<MetadataView> out = new ArrayList<>();
        for (TargetMetadata m : sm.targetMetadata()) {
            var md = m.metadata();
            out.add(new MetadataView(m.target(), md.metric(), md.type(), md.help(), md.unit()));
        }
        return out;
    }

    @Override
    public List<org.osprey.server.api.view.RuleGroupView> ruleGroups() {
        RulesWiring rw = rules;
        return rw == null ? List.of() : rw.groups();
    }

    @Override
    public List<org.osprey.server.api.view.AlertView> activeAlerts() {
        RulesWiring rw = rules;
        return rw == null ? List.of() : rw.activeAlerts();
    }

    @Override
    public List<String> alertmanagers() {
        RulesWiring rw = rules;
        return rw == null ? List.of() : rw.alertmanagerUrls();
    }

    @Override
    public RuntimeFacts runtime() {
        return new RuntimeFacts(startMs, reloadSuccess, lastConfigMs);
    }

    @Override
    public org.osprey.tsdb.TsdbStatus tsdbStatus(int limit) {
        return storage instanceof Tsdb tsdb ? tsdb.status(limit) : null;
    }

    @Override
    public void deleteSeries(List<List<LabelMatcher>> selectors, long startMs, long endMs) {
        if (!(storage instanceof Tsdb tsdb)) {
            ApiContext.super.deleteSeries(selectors, startMs, endMs);
            return;
        }
        for (List<LabelMatcher> sel : selectors) {
            tsdb.delete(startMs, endMs, sel.toArray(new LabelMatcher[0]));
        }
    }

    @Override
    public void cleanTombstones() {
        if (!(storage instanceof Tsdb tsdb)) {
            ApiContext.super.cleanTombstones();
            return;
        }
        tsdb.cleanTombstones();
    }

    /** Upstream's snapshot name: UTC time, then 8 random bytes in hex, under {@code <data>/snapshots}. */
    @Override
    public String snapshot(boolean skipHead) {
        if (!(storage instanceof Tsdb tsdb)) {
            return ApiContext.super.snapshot(skipHead);
        }
        String name = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now())
                + "-" + String.format("%016x", new java.security.SecureRandom().nextLong());
        try {
            tsdb.snapshot(options.tsdbPath().resolve("snapshots").resolve(name), skipHead);
        } catch (java.io.UncheckedIOException e) {
            throw new org.osprey.server.api.ApiException(org.osprey.server.api.ErrorType.INTERNAL, "create snapshot: " + e.getMessage());
        }
        return name;
    }
}
