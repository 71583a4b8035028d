package org.osprey.scrape.config;

import java.util.List;
import java.util.Map;

/**
 * A {@code remote_write} or {@code remote_read} entry, parsed and validated now, used by the remote
 * storage issue. Thread-safe: immutable.
 *
 * @param protobufMessage remote write only: "prometheus.WriteRequest" or "io.prometheus.write.v2.Request"
 * @param writeRelabelConfigs remote write only
 * @param requiredMatchers remote read only
 */
public record RemoteConfig(String url, String name, long remoteTimeoutMillis, Map<String, String> headers,
                           HttpClientConfig http, String protobufMessage, List<RelabelRule> writeRelabelConfigs,
                           boolean readRecent, Map<String, String> requiredMatchers) {
    public RemoteConfig {
        headers = Map.copyOf(headers);
        writeRelabelConfigs = List.copyOf(writeRelabelConfigs);
        requiredMatchers = Map.copyOf(requiredMatchers);
    }
}
