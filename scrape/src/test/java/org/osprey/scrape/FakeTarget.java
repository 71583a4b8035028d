package org.osprey.scrape;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/** A real HTTP(S) metrics endpoint on loopback whose body, status and auth the test controls. */
final class FakeTarget implements AutoCloseable {
    final HttpServer server;
    volatile String body = "";
    volatile int status = 200;
    volatile String contentType = "text/plain; version=0.0.4; charset=utf-8";
    volatile String requiredAuthorization;
    volatile boolean gzip;
    volatile long delayMillis;
    volatile boolean chunked;
    volatile String redirectFrom;
    final AtomicInteger connections = new AtomicInteger();
    volatile String lastAccept;
    volatile String lastAcceptEncoding;
    volatile String lastQuery;
    final AtomicInteger hits = new AtomicInteger();

    FakeTarget() throws IOException {
        this(null);
    }

    FakeTarget(SSLContext tls) throws IOException {
        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", 0);
        if (tls == null) {
            server = HttpServer.create(addr, 0);
        } else {
            HttpsServer s = HttpsServer.create(addr, 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = s;
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        if (redirectFrom != null && ex.getRequestURI().getPath().equals(redirectFrom)) {
            ex.getResponseHeaders().set("Location", "/metrics");
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        hits.incrementAndGet();
        lastAccept = ex.getRequestHeaders().getFirst("Accept");
        lastAcceptEncoding = ex.getRequestHeaders().getFirst("Accept-Encoding");
        lastQuery = ex.getRequestURI().getRawQuery();
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String need = requiredAuthorization;
        if (need != null && !need.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
                gz.write(b);
            }
            b = bo.toByteArray();
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, chunked ? 0 : b.length == 0 ? -1 : b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
