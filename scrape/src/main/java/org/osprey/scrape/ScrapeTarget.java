package org.osprey.scrape;

import java.net.URI;
import java.util.Map;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.PromDuration;

/**
 * One target of a scrape pool: its identity (labels after relabeling, URL, interval) and its last
 * scrape's outcome. Thread-safety: identity is immutable; the outcome is written by the target's
 * loop and read by API threads through volatile fields.
 */
final class ScrapeTarget {
    private final String pool;
    private final Labels discovered;
    private final Labels labels;
    private final Labels seriesLabels;
    private final URI url;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final long hash;

    private volatile String health = "unknown";
    private volatile String lastError = "";
    private volatile long lastScrapeMillis;
    private volatile double lastDurationSeconds;
    private volatile Map<String, MetricMetadata> metadata = Map.of();

    ScrapeTarget(String pool, Labels discovered, Labels labels, URI url, long intervalMillis, long timeoutMillis) {
        this.pool = pool;
        this.discovered = discovered;
        this.labels = labels;
        this.seriesLabels = TargetPopulator.seriesLabels(labels);
        this.url = url;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.hash = labels.stableHash() ^ (url.toString().hashCode() * 0x9E3779B97F4A7C15L);
    }

    Labels labels() {
        return labels;
    }

    Labels seriesLabels() {
        return seriesLabels;
    }

    URI url() {
        return url;
    }

    long intervalMillis() {
        return intervalMillis;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    long hash() {
        return hash;
    }

    Map<String, MetricMetadata> metadata() {
        return metadata;
    }

    void setMetadata(Map<String, MetricMetadata> m) {
        metadata = m;
    }

    void setHealth(String h, String err) {
        health = h;
        lastError = err;
    }

    void recordScrape(long startMillis, double durationSeconds, String error) {
        lastScrapeMillis = startMillis;
        lastDurationSeconds = durationSeconds;
        lastError = error == null ? "" : error;
        health = error == null ? "up" : "down";
    }

    /** Built once: the URL never changes for a target. */
    private String globalUrl;

    TargetStatus status() {
        if (globalUrl == null) {
            globalUrl = globalUrl(url);
        }
        return new TargetStatus(discovered, seriesLabels, pool, url.toString(), globalUrl, lastError,
                lastScrapeMillis, lastDurationSeconds, health, PromDuration.format(intervalMillis),
                PromDuration.format(timeoutMillis));
    }

    /** Upstream replaces a loopback host with this machine's name so the URL works from elsewhere. */
    private static String globalUrl(URI u) {
        String host = u.getHost();
        if (host == null || !(host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"))) {
            return u.toString();
        }
        String s = u.toString();
        int at = s.indexOf(host, s.indexOf("://") + 3);
        return s.substring(0, at) + LocalHost.NAME + s.substring(at + host.length());
    }

    /** The machine's host name, looked up once. */
    private static final class LocalHost {
        static final String NAME = lookup();

        private static String lookup() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
