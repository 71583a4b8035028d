package org.osprey.pushgateway;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osprey.pushgateway.api.PushgatewayHandler;
import org.osprey.pushgateway.api.SelfMetrics;
import org.osprey.pushgateway.cli.GoDuration;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.persistence.Persister;
import org.osprey.pushgateway.store.MetricGroup;
import org.osprey.pushgateway.store.MetricStore;

/**
 * An embeddable Pushgateway: {@link #start()} restores the persistence file, starts the expiry
 * sweeper and the persister, and serves HTTP on the configured address; {@link #stop()} stops
 * serving and writes the file one last time. {@code osprey server} can instead mount
 * {@link #handler()} in its own Undertow after {@link #startBackground()}.
 * Thread-safety: start/stop are synchronized; the handler and store are thread-safe.
 */
public final class Pushgateway implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    private static final Logger LOG = System.getLogger(Pushgateway.class.getName());
    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    private final PushgatewayOptions options;
    private final MetricStore store;
    private final Persister persister;
    private final SelfMetrics self;
    private final PushgatewayHandler handler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ScheduledExecutorService sweeper;
    private Undertow server;
    private InetSocketAddress boundAddress;
    private boolean backgroundStarted;

    public Pushgateway(PushgatewayOptions options) {
        this.options = options;
        this.store = new MetricStore(SelfMetrics.familyTypes(), Math.max(0, options.groupTtlMillis()));
        this.persister = options.persistenceFile() == null ? null
                : new Persister(store, options.persistenceFile(), options.persistenceIntervalMillis());
        this.self = new SelfMetrics(VERSION, () -> (long) store.groups().size(), store::expiredTotal,
                () -> persister == null ? 0L : persister.writes(), () -> persister == null ? 0.0 : persister.lastWriteSeconds());
        this.handler = new PushgatewayHandler(store, self, options, Instant.now(), VERSION, System::currentTimeMillis,
                this::stop);
    }

    /** The HTTP handler, for mounting inside another Undertow server. */
    public HttpHandler handler() {
        return handler;
    }

    public MetricStore store() {
        return store;
    }

    public PushgatewayOptions options() {
        return options;
    }

    /** Restores persisted groups and starts persistence and expiry, without an HTTP listener. */
    public synchronized void startBackground() throws IOException {
        if (backgroundStarted) {
            return;
        }
        if (persister != null) {
            persister.start();
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("pushgateway-expiry").unstarted(r));
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        backgroundStarted = true;
        if (options.groupTtlMillis() > 0) {
            LOG.log(Logger.Level.INFO, "metric groups expire {0} after their last push unless a push sets {1}",
                    GoDuration.format(options.groupTtlMillis()), PushgatewayHandler.GROUP_TTL_HEADER);
        }
    }

    /** Starts everything and listens on the configured address; returns the bound address (useful with port 0). */
    public synchronized InetSocketAddress start() throws IOException {
        startBackground();
        InetSocketAddress requested = parseListenAddress(options.listenAddress());
        server = Undertow.builder()
                .addHttpListener(requested.getPort(), requested.getHostString())
                .setHandler(handler)
                .build();
        server.start();
        boundAddress = (InetSocketAddress) server.getListenerInfo().getFirst().getAddress();
        LOG.log(Logger.Level.INFO, "Pushgateway listening on {0}", boundAddress);
        return boundAddress;
    }

    /** The address bound by {@link #start()}, or null before. */
    public synchronized InetSocketAddress boundAddress() {
        return boundAddress;
    }

    /** Stops serving, stops the sweeper and writes the persistence file a last time. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        if (persister != null && backgroundStarted) {
            persister.close();
        }
        backgroundStarted = false;
        stopped.countDown();
    }

    /** Blocks until {@link #stop()} ran (for the command line, which stops on /-/quit or a signal). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }

    private void sweep() {
        try {
            for (MetricGroup g : store.expire(System.currentTimeMillis())) {
                LOG.log(Logger.Level.INFO, "metric group {0} expired (last change {1})", describe(g.groupingKey()),
                        Instant.ofEpochMilli(g.lastChangeMillis()));
            }
        } catch (RuntimeException e) {
            LOG.log(Logger.Level.ERROR, "expiry sweep failed", e);
        }
    }

    private static String describe(LabelPairs key) {
        return key.toString();
    }

    /** Parses {@code host:port}, {@code :port} (all interfaces) or {@code [v6]:port}. */
    public static InetSocketAddress parseListenAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("listen address \"" + address + "\" lacks a port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen address \"" + address + "\" has an invalid port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen address \"" + address + "\" has an invalid port");
        }
        return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }
}
