package org.osprey.server.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything {@code osprey server} was told on its command line, typed. Durations in ms, sizes in
 * bytes. Thread-safe: immutable.
 *
 * @param configFile       path of prometheus.yml, or "" for the embedded default
 * @param listenHost       host to bind
 * @param listenPort       port to bind, 0 for any free port (tests)
 * @param pushgatewayListenAddress where the embedded Pushgateway listens, "" when it does not run
 * @param probesFile       the assertion-probes file, "" when probes are off
 * @param flags            every flag's effective value, for /api/v1/status/flags
 */
public record ServerOptions(
        String configFile,
        String listenHost,
        int listenPort,
        String externalUrl,
        boolean enableLifecycle,
        boolean enableAdminApi,
        String corsOrigin,
        Path tsdbPath,
        long retentionMillis,
        long retentionBytes,
        long lookbackDeltaMillis,
        long queryTimeoutMillis,
        int queryMaxConcurrency,
        long queryMaxSamples,
        long forOutageToleranceMillis,
        long forGracePeriodMillis,
        long resendDelayMillis,
        int notificationQueueCapacity,
        String logLevel,
        String logFormat,
        String pushgatewayListenAddress,
        String probesFile,
        Map<String, String> flags) {

    public ServerOptions {
        flags = Map.copyOf(flags);
    }

    /** Options as parsed from the given arguments (for tests and embedding). */
    public static ServerOptions parse(String... args) throws UsageException {
        return ServerFlags.toOptions(ServerFlags.flagSet().parse(args));
    }

    /** A copy listening on another address. */
    public ServerOptions withListen(String host, int port) {
        return new ServerOptions(configFile, host, port, externalUrl, enableLifecycle, enableAdminApi, corsOrigin,
                tsdbPath, retentionMillis, retentionBytes, lookbackDeltaMillis,
                queryTimeoutMillis, queryMaxConcurrency, queryMaxSamples, forOutageToleranceMillis,
                forGracePeriodMillis, resendDelayMillis, notificationQueueCapacity, logLevel, logFormat,
                pushgatewayListenAddress, probesFile, flags);
    }
}
