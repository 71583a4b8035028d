package org.osprey.server.api;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an exchange's parameters the way Go's {@code r.ParseForm} does: a form-encoded body's
 * values first, then the query string's. Thread-safe: stateless.
 */
public final class RequestParams {
    /** Bodies larger than this are refused rather than buffered. */
    private static final int MAX_BODY = 32 << 20;

    private RequestParams() {
    }

    /** Reads the parameters; the exchange must be in blocking mode. */
    public static ApiParams read(HttpServerExchange ex) throws IOException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String contentType = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String method = ex.getRequestMethod().toString();
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")
                && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            InputStream in = ex.getInputStream();
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw ApiException.badData("request body too large");
            }
            parseInto(new String(body, StandardCharsets.UTF_8), values);
        }
        for (Map.Entry<String, Deque<String>> e : ex.getQueryParameters().entrySet()) {
            values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
        }
        return new ApiParams(values);
    }

    /** Parses {@code a=1&b=2} into the map, decoding {@code +} and percent escapes. */
    public static void parseInto(String form, Map<String, List<String>> values) {
        if (form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                values.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>())
                        .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badData("invalid form body: " + e.getMessage());
            }
        }
    }
}
