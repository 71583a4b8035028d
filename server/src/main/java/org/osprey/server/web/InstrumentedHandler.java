package org.osprey.server.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.ExecutorService;
import org.osprey.server.metrics.HttpMetrics;

/**
 * Outermost handler: moves each request off the IO thread onto a virtual thread (handlers may
 * block on queries and storage) and records its handler, code and duration when it completes.
 * Thread-safe: stateless per request.
 */
final class InstrumentedHandler implements HttpHandler {
    private final HttpHandler next;
    private final HttpMetrics metrics;
    private final ExecutorService executor;

    InstrumentedHandler(HttpHandler next, HttpMetrics metrics, ExecutorService executor) {
        this.next = next;
        this.metrics = metrics;
        this.executor = executor;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isInIoThread()) {
            long start = System.nanoTime();
            ex.addExchangeCompleteListener((done, nextListener) -> {
                String route = done.getAttachment(Router.ROUTE);
                metrics.record(route == null ? "other" : route, done.getStatusCode(), System.nanoTime() - start);
                nextListener.proceed();
            });
            ex.dispatch(executor, this);
            return;
        }
        ex.startBlocking();
        next.handleRequest(ex);
    }
}
