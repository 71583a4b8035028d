package org.osprey.scrape.config;

import java.util.List;
import org.osprey.scrape.discovery.TargetGroup;

/**
 * The {@code alerting} section: alert relabeling and the Alertmanagers to notify (the rules
 * engineer's notifier reads it). Thread-safe: immutable.
 */
public record AlertingConfig(List<RelabelRule> alertRelabelConfigs, List<Alertmanager> alertmanagers) {
    public static final AlertingConfig EMPTY = new AlertingConfig(List.of(), List.of());

    public AlertingConfig {
        alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
        alertmanagers = List.copyOf(alertmanagers);
    }

    /** One {@code alertmanagers} entry. */
    public record Alertmanager(String scheme, String pathPrefix, long timeoutMillis, String apiVersion,
                               HttpClientConfig http, List<TargetGroup> staticConfigs,
                               List<FileSdConfig> fileSdConfigs, List<KubernetesSdConfig> kubernetesSdConfigs,
                               List<RelabelRule> relabelConfigs, List<RelabelRule> alertRelabelConfigs) {
        public Alertmanager {
            staticConfigs = List.copyOf(staticConfigs);
            fileSdConfigs = List.copyOf(fileSdConfigs);
            kubernetesSdConfigs = List.copyOf(kubernetesSdConfigs);
            relabelConfigs = List.copyOf(relabelConfigs);
            alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
        }
    }
}
