package org.osprey.scrape.config;

import java.util.List;
import java.util.Map;
import org.osprey.scrape.discovery.TargetGroup;

/**
 * One {@code scrape_configs} job with global defaults already applied. Records compare by value,
 * which is how a reload tells an unchanged job from a changed one. Thread-safe: immutable.
 *
 * @param bodySizeLimit bytes, 0 for none
 * @param extraScrapeMetrics also write scrape_timeout_seconds, scrape_sample_limit and scrape_body_size_bytes
 */
public record ScrapeConfig(String jobName, long scrapeIntervalMillis, long scrapeTimeoutMillis, String metricsPath,
                           String scheme, Map<String, List<String>> params, boolean honorLabels,
                           boolean honorTimestamps, boolean trackTimestampsStaleness, HttpClientConfig http,
                           boolean enableCompression, long sampleLimit, long labelLimit, long labelNameLengthLimit,
                           long labelValueLengthLimit, long bodySizeLimit, long targetLimit, long keepDroppedTargets,
                           List<String> scrapeProtocols, String fallbackScrapeProtocol,
                           String metricNameValidationScheme, String metricNameEscapingScheme,
                           List<TargetGroup> staticConfigs, List<FileSdConfig> fileSdConfigs,
                           List<KubernetesSdConfig> kubernetesSdConfigs, List<UnsupportedSdConfig> unsupportedSdConfigs,
                           List<RelabelRule> relabelConfigs, List<RelabelRule> metricRelabelConfigs,
                           boolean extraScrapeMetrics) {
    public ScrapeConfig {
        params = Map.copyOf(params);
        scrapeProtocols = List.copyOf(scrapeProtocols);
        staticConfigs = List.copyOf(staticConfigs);
        fileSdConfigs = List.copyOf(fileSdConfigs);
        kubernetesSdConfigs = List.copyOf(kubernetesSdConfigs);
        unsupportedSdConfigs = List.copyOf(unsupportedSdConfigs);
        relabelConfigs = List.copyOf(relabelConfigs);
        metricRelabelConfigs = List.copyOf(metricRelabelConfigs);
    }
}
