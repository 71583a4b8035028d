package org.osprey.scrape.config;

import java.util.List;
import org.osprey.model.labels.Labels;

/**
 * The {@code global} section with upstream defaults (scrape every 1m, 10s timeout, evaluate every
 * 1m). Limits of 0 mean "no limit". Thread-safe: immutable.
 */
public record GlobalConfig(long scrapeIntervalMillis, long scrapeTimeoutMillis, long evaluationIntervalMillis,
                           long ruleQueryOffsetMillis, Labels externalLabels, String queryLogFile,
                           String scrapeFailureLogFile, long bodySizeLimit, long sampleLimit, long targetLimit,
                           long labelLimit, long labelNameLengthLimit, long labelValueLengthLimit,
                           long keepDroppedTargets, List<String> scrapeProtocols, String metricNameValidationScheme,
                           String metricNameEscapingScheme, boolean extraScrapeMetrics) {
    public static final List<String> DEFAULT_SCRAPE_PROTOCOLS =
            List.of("OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0", "PrometheusText0.0.4");
    public static final List<String> SUPPORTED_SCRAPE_PROTOCOLS = List.of("OpenMetricsText0.0.1",
            "OpenMetricsText1.0.0", "PrometheusProto", "PrometheusText0.0.4", "PrometheusText1.0.0");
    public static final GlobalConfig DEFAULT = new GlobalConfig(60_000, 10_000, 60_000, 0, Labels.EMPTY, "", "",
            0, 0, 0, 0, 0, 0, 0, DEFAULT_SCRAPE_PROTOCOLS, "utf8", "allow-utf-8", false);

    public GlobalConfig {
        scrapeProtocols = List.copyOf(scrapeProtocols);
    }
}
