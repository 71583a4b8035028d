package org.osprey.server;

/**
 * What {@code /api/v1/status/buildinfo} and {@code --version} report.
 *
 * <p>Grafana's Prometheus data source picks API features by the {@code version} it reads, so
 * Osprey reports the Prometheus release whose HTTP API it implements, not its own version:
 * Osprey 0.1.x → Prometheus 3.5.0 (see README "Grafana"). Its own version travels in
 * {@code revision}/{@code branch}. Thread-safe: constants.
 */
public final class BuildInfo {
    /** Osprey's own version. */
    public static final String VERSION = "0.1.0";
    /** The Prometheus release whose API and PromQL Osprey matches; what buildinfo's version says. */
    public static final String PROMETHEUS_VERSION = "3.5.0";
    public static final String REVISION = "osprey-" + VERSION;
    public static final String BRANCH = "main";
    public static final String BUILD_USER = "osprey";
    public static final String BUILD_DATE = "20261129-00:00:00";

    private BuildInfo() {
    }

    /** The runtime standing where Prometheus reports its Go version. */
    public static String runtimeVersion() {
        return "java" + Runtime.version().feature() + "." + Runtime.version().interim() + "." + Runtime.version().update();
    }
}
