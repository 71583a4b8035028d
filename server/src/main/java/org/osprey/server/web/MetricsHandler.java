package org.osprey.server.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import org.osprey.server.metrics.MetricsSource;
import org.osprey.server.metrics.TextMetricsWriter;

/** {@code /metrics}: every source's families in the text format 0.0.4. Thread-safe. */
final class MetricsHandler implements HttpHandler {
    private final List<MetricsSource> sources;

    MetricsHandler(List<MetricsSource> sources) {
        this.sources = sources;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        StringBuilder sb = new StringBuilder(16 << 10);
        TextMetricsWriter w = new TextMetricsWriter(sb);
        for (MetricsSource s : sources) {
            s.writeTo(w);
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        ex.getResponseSender().send(sb.toString());
    }
}
