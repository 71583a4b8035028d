package org.osprey.server.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the web UI's single page for every UI path; the script picks the page from the path. Thread-safe. */
final class UiIndexHandler implements HttpHandler {
    private final byte[] page;

    UiIndexHandler(ClassLoader cl) {
        try (InputStream in = cl.getResourceAsStream("org/osprey/server/ui/index.html")) {
            if (in == null) {
                throw new IllegalStateException("web UI missing from the jar: org/osprey/server/ui/index.html");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        ex.getResponseSender().send(java.nio.ByteBuffer.wrap(page));
    }
}
