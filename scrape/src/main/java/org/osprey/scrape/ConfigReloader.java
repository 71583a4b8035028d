package org.osprey.scrape;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.osprey.scrape.config.ConfigException;
import org.osprey.scrape.config.ConfigLoader;
import org.osprey.scrape.config.PrometheusConfig;

/**
 * Loads {@code prometheus.yml} on start and on each reload request (SIGHUP, {@code POST /-/reload}):
 * a file that fails to load or apply is logged and counted, and the running config stays in place,
 * as upstream does. Exposes what {@code osprey_config_last_reload_successful} and
 * {@code osprey_config_last_reload_success_timestamp_seconds} report. Other subsystems (rules,
 * notifier, remote write) subscribe to receive each applied config.
 * Thread-safety: reloads are serialized; getters may be called from any thread.
 */
public final class ConfigReloader {
    private static final Logger LOG = Logger.getLogger(ConfigReloader.class.getName());

    private final Path file;
    private final ScrapeManager scrapeManager;
    private final List<Consumer<PrometheusConfig>> subscribers = new CopyOnWriteArrayList<>();
    private volatile PrometheusConfig current;
    private volatile boolean lastSuccessful;
    private volatile long lastSuccessMillis;
    private volatile String lastError = "";

    public ConfigReloader(Path file, ScrapeManager scrapeManager) {
        this.file = file;
        this.scrapeManager = scrapeManager;
    }

    /** Called with every config that loaded, after the scrape manager applied it. */
    public void subscribe(Consumer<PrometheusConfig> subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * Loads and applies the file.
     *
     * @return true when the new config is now running; false when it was rejected and the previous
     *         one keeps running ({@link #lastError()} says why)
     */
    public synchronized boolean reload() {
        PrometheusConfig next;
        try {
            next = ConfigLoader.loadFile(file);
            for (String w : next.warnings()) {
                LOG.warning(w);
            }
            scrapeManager.applyConfig(next);
            for (Consumer<PrometheusConfig> s : subscribers) {
                s.accept(next);
            }
        } catch (ConfigException | RuntimeException e) {
            lastSuccessful = false;
            lastError = e.getMessage();
            LOG.severe("Error reloading config (file " + file + "): " + e.getMessage());
            return false;
        }
        current = next;
        lastSuccessful = true;
        lastSuccessMillis = System.currentTimeMillis();
        lastError = "";
        LOG.info("Completed loading of configuration file " + file);
        return true;
    }

    /** The running config, or null before the first successful load. */
    public PrometheusConfig current() {
        return current;
    }

    public boolean lastReloadSuccessful() {
        return lastSuccessful;
    }

    /** Epoch millis of the last successful load, 0 if none. */
    public long lastSuccessMillis() {
        return lastSuccessMillis;
    }

    public String lastError() {
        return lastError;
    }
}
