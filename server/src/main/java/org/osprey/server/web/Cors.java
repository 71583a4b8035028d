package org.osprey.server.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.regex.Pattern;

/**
 * Prometheus's API CORS headers: the fixed allow/expose headers always, and
 * {@code Access-Control-Allow-Origin} when the request's Origin matches the fully anchored
 * {@code --web.cors.origin} regex (".*" answers "*"). Thread-safe: immutable.
 */
public final class Cors implements HttpHandler {
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");

    private final Pattern origin;
    private final boolean any;
    private final HttpHandler next;

    public Cors(String originRegex, HttpHandler next) {
        this.origin = Pattern.compile("^(?:" + originRegex + ")$");
        this.any = originRegex.equals(".*");
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        var h = ex.getResponseHeaders();
        h.put(ALLOW_HEADERS, "Accept, Authorization, Content-Type, Origin");
        h.put(ALLOW_METHODS, "GET, POST, OPTIONS");
        h.put(EXPOSE_HEADERS, "Date");
        String requestOrigin = ex.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (requestOrigin != null) {
            if (any) {
                h.put(ALLOW_ORIGIN, "*");
            } else if (origin.matcher(requestOrigin).matches()) {
                h.put(ALLOW_ORIGIN, requestOrigin);
            }
        }
        next.handleRequest(ex);
    }
}
