package org.osprey.pushgateway;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osprey.pushgateway.cli.GoDuration;

/**
 * Settings of one Pushgateway, named after upstream's flags: listen address, telemetry path,
 * persistence file ({@code null} keeps metrics in memory only) and interval, the admin and
 * lifecycle APIs, and Osprey's default group time to live (0 = groups never expire).
 * Thread-safe: immutable.
 */
public record PushgatewayOptions(String listenAddress, String telemetryPath, Path persistenceFile,
                                 long persistenceIntervalMillis, boolean enableAdminApi, boolean enableLifecycle,
                                 long groupTtlMillis) {
    public static final String DEFAULT_LISTEN_ADDRESS = ":9091";
    public static final long DEFAULT_PERSISTENCE_INTERVAL_MILLIS = 5 * 60_000;

    /** Upstream's defaults, except that persistence is off unless a file is named (as upstream's README says). */
    public static PushgatewayOptions defaults() {
        return new PushgatewayOptions(DEFAULT_LISTEN_ADDRESS, "/metrics", null, DEFAULT_PERSISTENCE_INTERVAL_MILLIS, false, false, 0);
    }

    public PushgatewayOptions withListenAddress(String address) {
        return new PushgatewayOptions(address, telemetryPath, persistenceFile, persistenceIntervalMillis, enableAdminApi, enableLifecycle, groupTtlMillis);
    }

    public PushgatewayOptions withPersistence(Path file, long intervalMillis) {
        return new PushgatewayOptions(listenAddress, telemetryPath, file, intervalMillis, enableAdminApi, enableLifecycle, groupTtlMillis);
    }

    public PushgatewayOptions withAdminApi(boolean enabled) {
        return new PushgatewayOptions(listenAddress, telemetryPath, persistenceFile, persistenceIntervalMillis, enabled, enableLifecycle, groupTtlMillis);
    }

    public PushgatewayOptions withLifecycle(boolean enabled) {
        return new PushgatewayOptions(listenAddress, telemetryPath, persistenceFile, persistenceIntervalMillis, enableAdminApi, enabled, groupTtlMillis);
    }

    public PushgatewayOptions withGroupTtl(long millis) {
        return new PushgatewayOptions(listenAddress, telemetryPath, persistenceFile, persistenceIntervalMillis, enableAdminApi, enableLifecycle, millis);
    }

    public PushgatewayOptions withTelemetryPath(String path) {
        return new PushgatewayOptions(listenAddress, path, persistenceFile, persistenceIntervalMillis, enableAdminApi, enableLifecycle, groupTtlMillis);
    }

    /** The flags as /api/v1/status reports them: flag name to string value. */
    public Map<String, String> asFlags() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("persistence.file", persistenceFile == null ? "" : persistenceFile.toString());
        m.put("persistence.interval", GoDuration.format(persistenceIntervalMillis));
        m.put("push.disable-consistency-check", "false");
        m.put("push.group-ttl", GoDuration.format(groupTtlMillis));
        m.put("web.enable-admin-api", Boolean.toString(enableAdminApi));
        m.put("web.enable-lifecycle", Boolean.toString(enableLifecycle));
        m.put("web.external-url", "");
        m.put("web.listen-address", listenAddress);
        m.put("web.route-prefix", "");
        m.put("web.telemetry-path", telemetryPath);
        return m;
    }
}
