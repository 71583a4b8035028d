package org.osprey.alertmanager.api;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import org.osprey.alertmanager.config.AlertmanagerConfig;
import org.osprey.alertmanager.config.ConfigException;
import org.osprey.alertmanager.config.ConfigLoader;
import org.osprey.alertmanager.core.AlertmanagerCore;

/**
 * A running Osprey Alertmanager: config file, core, and the HTTP API on Undertow. Reload re-reads
 * the config file and keeps the old config when the new one is invalid.
 * Thread-safe: reload is synchronized; start/close are called once.
 */
public final class AlertmanagerServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AlertmanagerServer.class.getName());
    private final Path configFile;
    private final AlertmanagerCore core;
    private final AlertmanagerApi api;
    private final Undertow undertow;
    private final String externalUrl;

    /**
     * Settings of a server.
     *
     * @param listenAddress {@code host:port}; an empty host listens on all interfaces, port 0 picks a free port
     * @param externalUrl URL users reach this server at; "" derives it from the listen address
     * @param routePrefix path prefix; null takes the external URL's path
     * @param retentionMillis retention of expired silences and notification log entries
     * @param gcIntervalMillis how often resolved alerts are garbage-collected
     */
    public record Options(Path configFile, Path storagePath, String listenAddress, String externalUrl, String routePrefix,
            long retentionMillis, long gcIntervalMillis) {
    }

    private AlertmanagerServer(Path configFile, AlertmanagerCore core, AlertmanagerApi api, Undertow undertow,
            String externalUrl) {
        this.configFile = configFile;
        this.core = core;
        this.api = api;
        this.undertow = undertow;
        this.externalUrl = externalUrl;
    }

    /** Loads the config, opens storage and starts listening. */
    public static AlertmanagerServer start(Options o) throws ConfigException, IOException {
        AlertmanagerConfig cfg = ConfigLoader.load(o.configFile());
        int colon = o.listenAddress().lastIndexOf(':');
        String host = colon <= 0 ? "0.0.0.0" : o.listenAddress().substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(o.listenAddress().substring(colon + 1));
        String ext = o.externalUrl() == null || o.externalUrl().isEmpty() ? "" : o.externalUrl();
        if (ext.endsWith("/")) {
            ext = ext.substring(0, ext.length() - 1);
        }
        String prefix = o.routePrefix();
        if (prefix == null) {
            prefix = ext.isEmpty() ? "" : URI.create(ext).getPath();
        }
        // Bind first so that an external URL derived from the listen address names the real port.
        HttpHandler[] target = {ex -> ex.setStatusCode(503).endExchange()};
        Undertow u = Undertow.builder().addHttpListener(port, host).setHandler(ex -> target[0].handleRequest(ex)).build();
        u.start();
        int bound = ((InetSocketAddress) u.getListenerInfo().get(0).getAddress()).getPort();
        if (ext.isEmpty()) {
            String h = "0.0.0.0".equals(host) || "::".equals(host) ? java.net.InetAddress.getLocalHost().getHostName() : host;
            ext = "http://" + h + ":" + bound;
        }
        AlertmanagerCore core;
        try {
            core = new AlertmanagerCore(o.storagePath(), ext, System::currentTimeMillis, o.retentionMillis(),
                    o.gcIntervalMillis());
            core.apply(cfg);
        } catch (IOException | ConfigException | RuntimeException e) {
            u.stop();
            throw e;
        }
        AlertmanagerServer[] self = new AlertmanagerServer[1];
        AlertmanagerApi api = new AlertmanagerApi(core, () -> self[0].reload(), prefix);
        self[0] = new AlertmanagerServer(o.configFile(), core, api, u, ext);
        target[0] = api;
        LOG.log(System.Logger.Level.INFO, "Osprey Alertmanager listening on " + host + ":" + bound + ", external URL " + ext);
        return self[0];
    }

    /** Re-reads the config file; returns null on success or the error. */
    public synchronized String reload() {
        try {
            core.apply(ConfigLoader.load(configFile));
            LOG.log(System.Logger.Level.INFO, "Completed loading of configuration file " + configFile);
            return null;
        } catch (ConfigException e) {
            core.metrics().reloaded(false, 0, 0);
            LOG.log(System.Logger.Level.ERROR, "Loading configuration file failed: " + e.getMessage());
            return e.getMessage();
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    public String externalUrl() {
        return externalUrl;
    }

    public AlertmanagerCore core() {
        return core;
    }

    @Override
    public void close() {
        undertow.stop();
        api.close();
        core.close();
    }
}
