package org.osprey.scrape;

import org.osprey.model.labels.Labels;

/**
 * One active target as {@code /api/v1/targets} shows it. Thread-safe: immutable.
 *
 * @param lastScrapeMillis epoch millis of the last scrape start, 0 when never scraped
 * @param health "up", "down" or "unknown"
 * @param scrapeInterval and scrapeTimeout in Prometheus duration syntax ("15s")
 */
public record TargetStatus(Labels discoveredLabels, Labels labels, String scrapePool, String scrapeUrl,
                           String globalUrl, String lastError, long lastScrapeMillis,
                           double lastScrapeDurationSeconds, String health, String scrapeInterval,
                           String scrapeTimeout) {
}
