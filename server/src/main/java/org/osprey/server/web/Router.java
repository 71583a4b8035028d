package org.osprey.server.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes by exact path or path prefix and method; a known path with a method it does not take
 * answers 405 with {@code Allow} (Grafana falls back from POST to GET only on 405 or 400), an
 * unknown path 404. The matched route's name is attached for the request metrics.
 * Thread-safe: routes are registered before the server starts and only read afterwards.
 */
public final class Router implements HttpHandler {
    /** The route template that matched, e.g. {@code /api/v1/label/:name/values}; "other" when none. */
    public static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);

    private record Prefix(String prefix, String name, Map<HttpString, HttpHandler> byMethod) {
    }

    private final Map<String, Map<HttpString, HttpHandler>> exact = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<Prefix> prefixes = new ArrayList<>();

    /** Adds an exact-path route for the given methods. */
    public Router add(String path, HttpHandler handler, String... methods) {
        Map<HttpString, HttpHandler> m = exact.computeIfAbsent(path, p -> new LinkedHashMap<>());
        for (String method : methods) {
            m.put(HttpString.tryFromString(method), handler);
        }
        names.put(path, path);
        return this;
    }

    /** Adds a prefix route (longest registered prefix wins), named for metrics by {@code name}. */
    public Router addPrefix(String prefix, String name, HttpHandler handler, String... methods) {
        Map<HttpString, HttpHandler> m = new LinkedHashMap<>();
        for (String method : methods) {
            m.put(HttpString.tryFromString(method), handler);
        }
        prefixes.add(new Prefix(prefix, name, m));
        prefixes.sort((a, b) -> b.prefix.length() - a.prefix.length());
        return this;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = ex.getRelativePath();
        if (path.startsWith("/api/v1/") && ex.getRequestMethod().equalToString("OPTIONS")) {
            // upstream answers CORS preflight for every API path
            ex.putAttachment(ROUTE, "/api/v1/*path");
            ex.setStatusCode(204);
            ex.endExchange();
            return;
        }
        Map<HttpString, HttpHandler> byMethod = exact.get(path);
        String name = path;
        if (byMethod == null) {
            for (Prefix p : prefixes) {
                if (path.startsWith(p.prefix)) {
                    byMethod = p.byMethod;
                    name = p.name;
                    break;
                }
            }
        }
        if (byMethod == null) {
            ex.putAttachment(ROUTE, "other");
            ex.setStatusCode(404);
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            ex.getResponseSender().send("404 page not found\n");
            return;
        }
        ex.putAttachment(ROUTE, name);
        HttpHandler h = byMethod.get(ex.getRequestMethod());
        if (h == null && ex.getRequestMethod().equalToString("HEAD")) {
            h = byMethod.get(HttpString.tryFromString("GET"));
        }
        if (h == null) {
            TreeSet<String> allowed = new TreeSet<>();
            byMethod.keySet().forEach(k -> allowed.add(k.toString()));
            ex.setStatusCode(405);
            ex.getResponseHeaders().put(Headers.ALLOW, String.join(", ", allowed));
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            ex.getResponseSender().send("Method Not Allowed\n");
            return;
        }
        h.handleRequest(ex);
    }
}
