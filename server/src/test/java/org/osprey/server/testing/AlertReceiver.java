package org.osprey.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A loopback stand-in for an Alertmanager's {@code POST /api/v2/alerts}: records each request's
 * Authorization header and JSON body; answers 401 when a required Authorization value is missing.
 * Thread-safe: the recorded list is guarded by this.
 */
public final class AlertReceiver implements AutoCloseable {
    /** One received request. */
    public record Received(String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();

    /** @param requiredAuthorization the exact Authorization header demanded, or null to accept any request */
    public AlertReceiver(String requiredAuthorization) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                synchronized (this) {
                    received.add(new Received(auth, body));
                    notifyAll();
                }
                boolean ok = requiredAuthorization == null || requiredAuthorization.equals(auth);
                ex.sendResponseHeaders(ok ? 200 : 401, -1);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    /** host:port of the receiver. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits until a request matching {@code test} arrived; returns it or null after the timeout. */
    public synchronized Received await(Predicate<Received> test, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            for (Received r : received) {
                if (test.test(r)) {
                    return r;
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
