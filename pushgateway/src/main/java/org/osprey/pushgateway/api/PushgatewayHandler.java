package org.osprey.pushgateway.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.osprey.pushgateway.PushgatewayOptions;
import org.osprey.pushgateway.cli.GoDuration;
import org.osprey.pushgateway.exposition.ScrapeCache;
import org.osprey.pushgateway.exposition.TextWriter;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.push.ProtobufPushParser;
import org.osprey.pushgateway.push.PushParseException;
import org.osprey.pushgateway.push.TextPushParser;
import org.osprey.pushgateway.store.MetricStore;
import org.osprey.pushgateway.store.PushRejectedException;
import org.osprey.pushgateway.store.WriteRequest;

/**
 * The Pushgateway's HTTP surface, as upstream 1.x serves it: the push API under
 * {@code /metrics/job/...} (PUT, POST, DELETE), the telemetry path, {@code /api/v1/status},
 * {@code /api/v1/metrics}, {@code /api/v1/admin/wipe} (admin API only), {@code /-/healthy},
 * {@code /-/ready} and {@code /-/quit} (lifecycle only). Each request leaves the I/O thread for
 * a virtual thread, so bodies are read blocking. Thread-safe: shares only thread-safe
 * collaborators.
 */
public final class PushgatewayHandler implements HttpHandler {
    /** Osprey's per-push override of the group time to live, e.g. {@code X-Osprey-Group-TTL: 10m}; {@code 0} for never. */
    public static final String GROUP_TTL_HEADER = "X-Osprey-Group-TTL";
    private static final HttpString GROUP_TTL = new HttpString(GROUP_TTL_HEADER);
    private static final Logger LOG = System.getLogger(PushgatewayHandler.class.getName());
    private static final String METRICS_PREFIX = "/metrics/";
    private static final long MAX_BODY_BYTES = 256L << 20;
    /** Requests block on body reads and the store lock; virtual threads make that cheap at any concurrency. */
    private static final java.util.concurrent.Executor REQUEST_THREADS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final MetricStore store;
    private final SelfMetrics self;
    private final PushgatewayOptions options;
    private final Instant startTime;
    private final String version;
    private final LongSupplier clock;
    private final Runnable quit;
    private final ScrapeCache scrapeCache;

    public PushgatewayHandler(MetricStore store, SelfMetrics self, PushgatewayOptions options, Instant startTime,
                              String version, LongSupplier clock, Runnable quit) {
        this.store = store;
        this.self = self;
        this.options = options;
        this.startTime = startTime;
        this.version = version;
        this.clock = clock;
        this.quit = quit;
        this.scrapeCache = new ScrapeCache(store);
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isInIoThread()) {
            ex.dispatch(REQUEST_THREADS, this);
            return;
        }
        ex.startBlocking();
        String path = rawPath(ex);
        String method = ex.getRequestMethod().toString();
        if (path.equals(options.telemetryPath())) {
            if (isGet(method)) {
                scrape(ex);
            } else {
                reply(ex, 405, "Method Not Allowed\n");
            }
            return;
        }
        if (path.startsWith(METRICS_PREFIX + "job")) {
            String keyPath = path.substring(METRICS_PREFIX.length());
            switch (method) {
                case "PUT", "POST" -> push(ex, keyPath, method.equals("PUT"));
                case "DELETE" -> delete(ex, keyPath);
                default -> reply(ex, 405, "Method Not Allowed\n");
            }
            return;
        }
        switch (path) {
            case "/-/healthy" -> counted(ex, "healthy", isGet(method) ? 200 : 405, isGet(method) ? "OK" : "Method Not Allowed\n");
            case "/-/ready" -> counted(ex, "ready", isGet(method) ? 200 : 405, isGet(method) ? "OK" : "Method Not Allowed\n");
            case "/-/quit" -> {
                if (!options.enableLifecycle()) {
                    counted(ex, "quit", 403, "Lifecycle API is not enabled.");
                } else if (!method.equals("PUT") && !method.equals("POST")) {
                    counted(ex, "quit", 405, "Method Not Allowed\n");
                } else {
                    counted(ex, "quit", 200, "Requesting termination... Goodbye!");
                    Thread.ofPlatform().daemon().start(quit);
                }
            }
            case "/api/v1/status" -> json(ex, "status", ApiJson.status(options.asFlags(), startTime, version));
            case "/api/v1/metrics" -> json(ex, "metrics", ApiJson.metrics(store.liveGroups(clock.getAsLong())));
            case "/api/v1/admin/wipe" -> wipe(ex, method);
            default -> reply(ex, 404, "404 page not found\n");
        }
    }

    private void scrape(HttpServerExchange ex) {
        String text = scrapeCache.scrape(clock.getAsLong(), self.families());
        // Always the text format: protobuf has no way to carry the instance="" that keeps a
        // honor_labels scrape from attaching the Pushgateway's own instance label.
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, TextWriter.CONTENT_TYPE);
        ex.setStatusCode(200);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String acceptEncoding = ex.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING);
        if (acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(buf, 64 * 1024)) {
                gz.write(body);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            body = buf.toByteArray();
            ex.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
        }
        ex.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
    }

    private void push(HttpServerExchange ex, String keyPath, boolean replaceAll) {
        long started = System.nanoTime();
        String method = replaceAll ? "put" : "post";
        LabelPairs key;
        try {
            key = GroupingKeyPath.decode(keyPath);
        } catch (GroupingKeyPath.InvalidGroupingKeyException e) {
            fail(ex, "push", method, e.getMessage(), started, 0);
            return;
        }
        long ttl = 0;
        String ttlHeader = ex.getRequestHeaders().getFirst(GROUP_TTL);
        if (ttlHeader != null) {
            try {
                ttl = GoDuration.parseMillis(ttlHeader);
            } catch (IllegalArgumentException e) {
                fail(ex, "push", method, "invalid " + GROUP_TTL_HEADER + " header: " + e.getMessage(), started, 0);
                return;
            }
            if (ttl == 0) {
                ttl = -1; // explicit "never expire" for this group, overriding --push.group-ttl
            }
        }
        byte[] body;
        try {
            body = readBody(ex);
        } catch (IOException e) {
            fail(ex, "push", method, "failed to read request body: " + e.getMessage(), started, 0);
            return;
        }
        List<Family> families;
        try {
            families = isProtobuf(ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))
                    ? ProtobufPushParser.parse(body) : TextPushParser.parse(body);
        } catch (PushParseException e) {
            fail(ex, "push", method, e.getMessage(), started, body.length);
            return;
        }
        try {
            store.submit(new WriteRequest(key, families, replaceAll, clock.getAsLong(), ttl));
        } catch (PushRejectedException e) {
            fail(ex, "push", method, e.getMessage(), started, body.length);
            return;
        }
        self.recordPush(method, System.nanoTime() - started, body.length);
        counted(ex, "push", 200, "");
    }

    private void delete(HttpServerExchange ex, String keyPath) {
        LabelPairs key;
        try {
            key = GroupingKeyPath.decode(keyPath);
        } catch (GroupingKeyPath.InvalidGroupingKeyException e) {
            LOG.log(Logger.Level.DEBUG, "failed to parse URL: {0}", e.getMessage());
            counted(ex, "delete", 400, e.getMessage() + "\n");
            return;
        }
        store.delete(key);
        counted(ex, "delete", 202, "");
    }

    private void wipe(HttpServerExchange ex, String method) {
        if (!options.enableAdminApi()) {
            reply(ex, 404, "404 page not found\n");
            return;
        }
        // Upstream wipes with PUT; DELETE is accepted as well because Osprey's issue named it.
        if (!method.equals("PUT") && !method.equals("DELETE")) {
            counted(ex, "wipe", 405, "Method Not Allowed\n");
            return;
        }
        store.wipe();
        LOG.log(Logger.Level.INFO, "wiped all metric groups through the admin API");
        counted(ex, "wipe", 202, "");
    }

    private void fail(HttpServerExchange ex, String handler, String method, String message, long started, long bytes) {
        LOG.log(Logger.Level.WARNING, "push rejected: {0}", message);
        self.recordPush(method, System.nanoTime() - started, bytes);
        counted(ex, handler, 400, message + "\n");
    }

    private void json(HttpServerExchange ex, String handler, String body) {
        if (!isGet(ex.getRequestMethod().toString())) {
            counted(ex, handler, 405, "Method Not Allowed\n");
            return;
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache, no-store, must-revalidate");
        counted(ex, handler, 200, body);
    }

    private void counted(HttpServerExchange ex, String handler, int code, String body) {
        self.countRequest(handler, code, ex.getRequestMethod().toString().toLowerCase(Locale.ROOT));
        reply(ex, code, body);
    }

    private static void reply(HttpServerExchange ex, int code, String body) {
        ex.setStatusCode(code);
        if (!ex.getResponseHeaders().contains(Headers.CONTENT_TYPE) && !body.isEmpty()) {
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        }
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    private static byte[] readBody(HttpServerExchange ex) throws IOException {
        InputStream in = ex.getInputStream();
        String encoding = ex.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING);
        if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
            in = new GZIPInputStream(in);
        }
        byte[] body = in.readNBytes((int) Math.min(MAX_BODY_BYTES, Integer.MAX_VALUE - 8));
        if (in.read() >= 0) {
            throw new IOException("body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /** Upstream's rule: protobuf only for the delimited MetricFamily media type, text otherwise. */
    static boolean isProtobuf(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/vnd.google.protobuf")) {
            return false;
        }
        boolean proto = false;
        boolean delimited = false;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length == 2) {
                String k = kv[0].trim().toLowerCase(Locale.ROOT);
                String v = kv[1].trim().replace("\"", "");
                proto |= k.equals("proto") && v.equals("io.prometheus.client.MetricFamily");
                delimited |= k.equals("encoding") && v.equals("delimited");
            }
        }
        return proto && delimited;
    }

    private static boolean isGet(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** The undecoded request path: grouping keys are percent-decoded per segment, never as a whole. */
    private static String rawPath(HttpServerExchange ex) {
        String uri = ex.getRequestURI();
        int scheme = uri.indexOf("://");
        if (scheme >= 0) {
            int slash = uri.indexOf('/', scheme + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }
}
