package org.osprey.server.api.view;

import java.util.Map;
import org.osprey.model.labels.Labels;

/**
 * One active scrape target as {@code /api/v1/targets} shows it. Thread-safe: immutable.
 *
 * @param lastScrapeMs       start of the last scrape, ms since epoch; 0 when never scraped
 * @param lastScrapeSeconds  duration of the last scrape in seconds
 * @param health             {@code up}, {@code down} or {@code unknown}
 */
public record TargetView(Map<String, String> discoveredLabels, Labels labels, String scrapePool, String scrapeUrl,
                         String globalUrl, String lastError, long lastScrapeMs, double lastScrapeSeconds,
                         String health, String scrapeInterval, String scrapeTimeout) {
}
