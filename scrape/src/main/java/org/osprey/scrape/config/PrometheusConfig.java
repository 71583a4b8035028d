package org.osprey.scrape.config;

import java.util.List;

/**
 * A loaded {@code prometheus.yml}: every section Osprey reads, defaults applied, validated.
 * {@code warnings} lists what loaded but will not run (discovery kinds Osprey lacks).
 * Thread-safe: immutable.
 *
 * @param ruleFiles rule file globs, resolved against the config folder
 * @param sourceFile the file it was loaded from ("" when loaded from a string)
 */
public record PrometheusConfig(GlobalConfig global, List<String> ruleFiles, List<ScrapeConfig> scrapeConfigs,
                               AlertingConfig alerting, List<RemoteConfig> remoteWrite, List<RemoteConfig> remoteRead,
                               StorageSettings storage, List<String> warnings, String sourceFile) {
    public PrometheusConfig {
        ruleFiles = List.copyOf(ruleFiles);
        scrapeConfigs = List.copyOf(scrapeConfigs);
        remoteWrite = List.copyOf(remoteWrite);
        remoteRead = List.copyOf(remoteRead);
        warnings = List.copyOf(warnings);
    }

    /** The job of that name, or null. */
    public ScrapeConfig scrapeConfig(String jobName) {
        for (ScrapeConfig sc : scrapeConfigs) {
            if (sc.jobName().equals(jobName)) {
                return sc;
            }
        }
        return null;
    }

    /**
     * The {@code storage} section's values that override flags.
     *
     * @param retentionSizeBytes 0 when unset
     * @param retentionPercentage 0 when unset
     */
    public record StorageSettings(long outOfOrderTimeWindowMillis, long retentionTimeMillis, long retentionSizeBytes,
                                  double retentionPercentage, String floatChunkEncoding, long maxExemplars) {
        public static final StorageSettings DEFAULT = new StorageSettings(0, 0, 0, 0, "xor", 0);
    }
}
