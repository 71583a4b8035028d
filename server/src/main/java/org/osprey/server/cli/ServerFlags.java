package org.osprey.server.cli;

import java.util.List;

/**
 * The flags of {@code osprey server}, named as Prometheus names them, and their conversion into
 * {@link ServerOptions}. Thread-safe: stateless.
 */
public final class ServerFlags {
    private ServerFlags() {
    }

    public static FlagSet flagSet() {
        return new FlagSet("osprey [server]", "The Osprey monitoring server (Prometheus-compatible).", List.of(
                FlagSpec.of("config.file", FlagKind.STRING, "",
                        "Configuration file path; without it the embedded default scrapes Osprey itself."),
                FlagSpec.of("web.listen-address", FlagKind.STRING, "0.0.0.0:9090",
                        "Address to listen on for UI, API, and telemetry."),
                FlagSpec.of("web.external-url", FlagKind.STRING, "",
                        "The URL under which Osprey is externally reachable (used in links and alerts)."),
                FlagSpec.of("web.enable-lifecycle", FlagKind.BOOL, "false",
                        "Enable shutdown and reload via HTTP request (/-/quit, /-/reload)."),
                FlagSpec.of("web.enable-admin-api", FlagKind.BOOL, "false",
                        "Enable API endpoints for admin control actions (delete_series, clean_tombstones, snapshot)."),
                FlagSpec.of("web.cors.origin", FlagKind.STRING, ".*",
                        "Regex for CORS origin. It is fully anchored. Example: 'https?://(domain1|domain2)\\.com'"),
                FlagSpec.of("pushgateway.listen-address", FlagKind.STRING, "",
                        "Also run the embedded Pushgateway on this address (e.g. :9091); the embedded default config then scrapes it with honor_labels. Off when empty."),
                FlagSpec.of("probes.file", FlagKind.STRING, "",
                        "Assertion probes file (see assertion-probes/README.md), reloaded with the configuration; empty disables probes."),
                FlagSpec.of("storage.tsdb.path", FlagKind.STRING, "data/", "Base path for metrics storage."),
                FlagSpec.of("storage.tsdb.retention.time", FlagKind.DURATION, "",
                        "How long to retain samples in storage. If neither this nor retention.size is set, defaults to 15d."),
                FlagSpec.of("storage.tsdb.retention.size", FlagKind.BYTES, "",
                        "Maximum number of bytes that can be stored for blocks, e.g. 512MB (base-2 units). 0 means disabled."),
                FlagSpec.of("query.lookback-delta", FlagKind.DURATION, "5m",
                        "The maximum lookback duration for retrieving metrics during expression evaluations and federation."),
                FlagSpec.of("query.timeout", FlagKind.DURATION, "2m", "Maximum time a query may take before being aborted."),
                FlagSpec.of("query.max-concurrency", FlagKind.INT, "20", "Maximum number of queries executed concurrently."),
                FlagSpec.of("query.max-samples", FlagKind.INT, "50000000",
                        "Maximum number of samples a single query can load into memory."),
                FlagSpec.of("rules.alert.for-outage-tolerance", FlagKind.DURATION, "1h",
                        "Max time to tolerate outage for restoring \"for\" state of alert."),
                FlagSpec.of("rules.alert.for-grace-period", FlagKind.DURATION, "10m",
                        "Minimum duration between alert and restored \"for\" state."),
                FlagSpec.of("rules.alert.resend-delay", FlagKind.DURATION, "1m",
                        "Minimum amount of time to wait before resending an alert to Alertmanager."),
                FlagSpec.of("alertmanager.notification-queue-capacity", FlagKind.INT, "10000",
                        "The capacity of the queue for pending Alertmanager notifications."),
                FlagSpec.choice("log.level", "info", "Only log messages with the given severity or above.",
                        "debug", "info", "warn", "error"),
                FlagSpec.choice("log.format", "logfmt", "Output format of log messages.", "logfmt", "json")));
    }

    /**
     * Converts parsed flags into options, checking what only makes sense together.
     *
     * @throws UsageException when a value is well-formed but unusable (e.g. a bad listen address)
     */
    public static ServerOptions toOptions(ParsedFlags f) throws UsageException {
        if (!f.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + f.positional().get(0) + "'");
        }
        String listen = f.get("web.listen-address");
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException("invalid value \"" + listen + "\" for flag '--web.listen-address': missing port in address");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value \"" + listen + "\" for flag '--web.listen-address': invalid port");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("invalid value \"" + listen + "\" for flag '--web.listen-address': port out of range");
        }
        String external = f.get("web.external-url");
        if (!external.isEmpty()) {
            try {
                java.net.URI u = new java.net.URI(external);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new UsageException("invalid value \"" + external + "\" for flag '--web.external-url': must be an absolute URL");
                }
            } catch (java.net.URISyntaxException e) {
                throw new UsageException("invalid value \"" + external + "\" for flag '--web.external-url': " + e.getMessage());
            }
        }
        try {
            java.util.regex.Pattern.compile(f.get("web.cors.origin"));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new UsageException("invalid value \"" + f.get("web.cors.origin") + "\" for flag '--web.cors.origin': " + e.getDescription());
        }
        long retentionTime = f.durationMillis("storage.tsdb.retention.time");
        long retentionSize = f.bytes("storage.tsdb.retention.size");
        if (retentionTime == 0 && retentionSize == 0) {
            retentionTime = 15L * 86_400_000L;
        }
        if (f.integer("query.max-concurrency") < 1) {
            throw new UsageException("invalid value \"0\" for flag '--query.max-concurrency': must be at least 1");
        }
        return new ServerOptions(
                f.get("config.file"),
                host,
                port,
                external,
                f.bool("web.enable-lifecycle"),
                f.bool("web.enable-admin-api"),
                f.get("web.cors.origin"),
                java.nio.file.Path.of(f.get("storage.tsdb.path")),
                retentionTime,
                retentionSize,
                f.durationMillis("query.lookback-delta"),
                f.durationMillis("query.timeout"),
                (int) Math.min(Integer.MAX_VALUE, f.integer("query.max-concurrency")),
                f.integer("query.max-samples"),
                f.durationMillis("rules.alert.for-outage-tolerance"),
                f.durationMillis("rules.alert.for-grace-period"),
                f.durationMillis("rules.alert.resend-delay"),
                (int) Math.min(Integer.MAX_VALUE, f.integer("alertmanager.notification-queue-capacity")),
                f.get("log.level"),
                f.get("log.format"),
                f.get("pushgateway.listen-address"),
                f.get("probes.file"),
                f.effective());
    }
}
