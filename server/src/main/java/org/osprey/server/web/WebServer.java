package org.osprey.server.web;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osprey.server.ServerLog;
import org.osprey.server.api.ApiContext;
import org.osprey.server.api.ApiV1;
import org.osprey.server.metrics.HttpMetrics;
import org.osprey.server.metrics.MetricsSource;

/**
 * The HTTP server: API v1, /federate, /metrics, health, lifecycle and the web UI on one Undertow
 * listener, gzip when the client accepts it. Thread-safe: started once, stopped once.
 */
public final class WebServer implements AutoCloseable {
    /** Pages of the web UI; each serves the same single-page app, which picks the page by path. */
    static final List<String> UI_PAGES = List.of("/graph", "/query", "/targets", "/service-discovery", "/rules", "/alerts",
            "/status", "/flags", "/config", "/tsdb-status");

    private final Undertow undertow;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public WebServer(ApiContext ctx, Lifecycle lifecycle, HttpMetrics httpMetrics, List<MetricsSource> metrics, ServerLog log) {
        var options = ctx.options();
        Router router = new Router();
        new ApiV1(ctx, log).register(router, "/api/v1");
        router.add("/metrics", new MetricsHandler(metrics), "GET");
        router.add("/-/healthy", text(200, "Osprey Server is Healthy.\n"), "GET", "HEAD");
        router.add("/-/ready", ex -> {
            if (lifecycle.ready()) {
                sendText(ex, 200, "Osprey Server is Ready.\n");
            } else {
                sendText(ex, 503, "Service Unavailable");
            }
        }, "GET", "HEAD");
        router.add("/-/reload", ex -> {
            if (!options.enableLifecycle()) {
                sendText(ex, 403, "Lifecycle API is not enabled.");
                return;
            }
            try {
                lifecycle.reload();
                sendText(ex, 200, "");
            } catch (Exception e) {
                sendText(ex, 500, "failed to reload config: " + e.getMessage());
            }
        }, "POST", "PUT");
        router.add("/-/quit", ex -> {
            if (!options.enableLifecycle()) {
                sendText(ex, 403, "Lifecycle API is not enabled.");
                return;
            }
            sendText(ex, 200, "Requesting termination... Goodbye!");
            lifecycle.quit();
        }, "POST", "PUT");
        router.add("/federate", new FederateHandler(ctx), "GET");
        ClassLoader cl = WebServer.class.getClassLoader();
        ResourceHandler webjars = new ResourceHandler(new ClassPathResourceManager(cl, "META-INF/resources/webjars"));
        router.addPrefix("/webjars/", "/webjars/*", ex -> {
            ex.setRelativePath(ex.getRelativePath().substring("/webjars".length()));
            webjars.handleRequest(ex);
        }, "GET", "HEAD");
        ResourceHandler statics = new ResourceHandler(new ClassPathResourceManager(cl, "org/osprey/server/ui/static"));
        router.addPrefix("/static/", "/static/*", ex -> {
            ex.setRelativePath(ex.getRelativePath().substring("/static".length()));
            statics.handleRequest(ex);
        }, "GET", "HEAD");
        HttpHandler index = new UiIndexHandler(cl);
        for (String page : UI_PAGES) {
            router.add(page, index, "GET", "HEAD");
        }
        router.add("/", ex -> {
            ex.setStatusCode(302);
            ex.getResponseHeaders().put(Headers.LOCATION, "/graph");
            ex.endExchange();
        }, "GET", "HEAD");

        HttpHandler withCors = new PathCors(options.corsOrigin(), router);
        HttpHandler gzip = new EncodingHandler(withCors, new ContentEncodingRepository()
                .addEncodingHandler("gzip", new GzipEncodingProvider(), 50));
        HttpHandler root = new InstrumentedHandler(gzip, httpMetrics, executor);
        undertow = Undertow.builder()
                .addHttpListener(options.listenPort(), options.listenHost())
                .setHandler(root)
                .build();
    }

    /** Adds CORS headers only to API responses, as upstream does. */
    private static final class PathCors implements HttpHandler {
        private final Cors cors;
        private final HttpHandler plain;

        PathCors(String origin, HttpHandler next) {
            this.cors = new Cors(origin, next);
            this.plain = next;
        }

        @Override
        public void handleRequest(HttpServerExchange ex) throws Exception {
            if (ex.getRelativePath().startsWith("/api/")) {
                cors.handleRequest(ex);
            } else {
                plain.handleRequest(ex);
            }
        }
    }

    private static HttpHandler text(int status, String body) {
        return ex -> sendText(ex, status, body);
    }

    static void sendText(HttpServerExchange ex, int status, String body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getResponseSender().send(body);
    }

    public void start() {
        undertow.start();
    }

    /** The bound port (useful when listening on port 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        undertow.stop();
        executor.shutdownNow();
    }
}
