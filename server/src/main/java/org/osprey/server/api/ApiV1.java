package org.osprey.server.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import org.osprey.server.ServerLog;
import org.osprey.server.web.Router;

/**
 * The Prometheus HTTP API v1 under {@code /api/v1}: routes, methods (405 for others) and the
 * response envelope {@code {"status","data","warnings"}} / {@code {"status","errorType","error"}}
 * with the upstream HTTP status per error type. Thread-safe: stateless per request.
 */
public final class ApiV1 {
    private static final String[] GET_POST = {"GET", "POST"};
    private static final String[] GET = {"GET"};
    private static final String[] ADMIN = {"POST", "PUT"};

    private final ApiContext ctx;
    private final ServerLog log;

    public ApiV1(ApiContext ctx, ServerLog log) {
        this.ctx = ctx;
        this.log = log;
    }

    /** Registers every endpoint on the router under {@code prefix} (normally {@code /api/v1}). */
    public void register(Router router, String prefix) {
        QueryEndpoints q = new QueryEndpoints(ctx);
        SeriesEndpoints s = new SeriesEndpoints(ctx);
        StatusEndpoints st = new StatusEndpoints(ctx);
        AdminEndpoints a = new AdminEndpoints(ctx);
        add(router, prefix + "/query", q::query, GET_POST);
        add(router, prefix + "/query_range", q::queryRange, GET_POST);
        add(router, prefix + "/query_exemplars", q::exemplars, GET_POST);
        add(router, prefix + "/format_query", q::formatQuery, GET_POST);
        add(router, prefix + "/parse_query", q::parseQuery, GET_POST);
        add(router, prefix + "/labels", s::labels, GET_POST);
        add(router, prefix + "/series", s::series, GET_POST);
        router.addPrefix(prefix + "/label/", prefix + "/label/:name/values", labelValues(s), "GET");
        add(router, prefix + "/metadata", s::metadata, GET);
        add(router, prefix + "/targets", st::targets, GET);
        add(router, prefix + "/targets/metadata", st::targetsMetadata, GET);
        add(router, prefix + "/rules", st::rules, GET);
        add(router, prefix + "/alerts", st::alerts, GET);
        add(router, prefix + "/alertmanagers", st::alertmanagers, GET);
        add(router, prefix + "/status/config", st::config, GET);
        add(router, prefix + "/status/flags", st::flags, GET);
        add(router, prefix + "/status/runtimeinfo", st::runtimeInfo, GET);
        add(router, prefix + "/status/buildinfo", st::buildInfo, GET);
        add(router, prefix + "/status/tsdb", st::tsdb, GET);
        add(router, prefix + "/status/walreplay", st::walReplay, GET);
        add(router, prefix + "/admin/tsdb/delete_series", a::deleteSeries, ADMIN);
        add(router, prefix + "/admin/tsdb/clean_tombstones", a::cleanTombstones, ADMIN);
        add(router, prefix + "/admin/tsdb/snapshot", a::snapshot, ADMIN);
    }

    private HttpHandler labelValues(SeriesEndpoints s) {
        return ex -> {
            String rest = ex.getRelativePath().substring(ex.getRelativePath().indexOf("/label/") + "/label/".length());
            if (!rest.endsWith("/values") || rest.indexOf('/') != rest.length() - "/values".length()) {
                ex.setStatusCode(404);
                ex.getResponseSender().send("404 page not found\n");
                return;
            }
            String name = java.net.URLDecoder.decode(rest.substring(0, rest.length() - "/values".length()).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            wrap((p, d, w) -> s.labelValues(name, p, d, w), null).handleRequest(ex);
        };
    }

    private void add(Router router, String path, Endpoint e, String... methods) {
        router.add(path, wrap(e, path), methods);
    }

    private HttpHandler wrap(Endpoint e, String path) {
        return ex -> {
            Json out = new Json(new StringBuilder(512));
            ApiNotes warnings = new ApiNotes();
            int status = 200;
            try {
                ApiParams params = RequestParams.read(ex);
                out.beginObject().field("status", "success").name("data");
                int before = out.buffer().length();
                e.handle(params, out, warnings);
                if (out.buffer().length() == before) {
                    ex.setStatusCode(204);
                    ex.endExchange();
                    return;
                }
                if (!warnings.warnings.isEmpty()) {
                    out.name("warnings").stringArray(warnings.warnings);
                }
                if (!warnings.infos.isEmpty()) {
                    out.name("infos").stringArray(warnings.infos);
                }
                out.endObject();
            } catch (ApiException err) {
                status = err.type().httpStatus();
                out = errorBody(err.type(), err.getMessage());
            } catch (RuntimeException | java.io.IOException err) {
                log.error("API call failed", "path", ex.getRequestPath(), "err", String.valueOf(err));
                status = 500;
                out = errorBody(ErrorType.INTERNAL, String.valueOf(err.getMessage()));
            }
            send(ex, status, out.buffer());
        };
    }

    static Json errorBody(ErrorType type, String message) {
        Json j = new Json();
        return j.beginObject().field("status", "error").field("errorType", type.wire()).field("error", message).endObject();
    }

    static void send(HttpServerExchange ex, int status, CharSequence body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        // encode straight from the builder: no intermediate String copy of a large result
        ex.getResponseSender().send(StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(body)));
    }
}
