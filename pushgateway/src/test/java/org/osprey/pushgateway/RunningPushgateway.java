package org.osprey.pushgateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;

/** A Pushgateway on a loopback ephemeral port plus a small HTTP client for tests. Not thread-safe. */
public final class RunningPushgateway implements AutoCloseable {
    public final Pushgateway pushgateway;
    public final String base;
    private final HttpClient client = HttpClient.newHttpClient();

    public RunningPushgateway(PushgatewayOptions options) throws IOException {
        pushgateway = new Pushgateway(options.withListenAddress("127.0.0.1:0"));
        InetSocketAddress a = pushgateway.start();
        base = "http://127.0.0.1:" + a.getPort();
    }

    public RunningPushgateway() throws IOException {
        this(PushgatewayOptions.defaults());
    }

    public HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return send(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, (byte[]) null);
    }

    /** The scrape without the Pushgateway's own osprey_* families and without push time values (they vary). */
    public String pushedMetrics() throws Exception {
        return get("/metrics").body().lines()
                .filter(l -> !l.contains("osprey_pushgateway_"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Override
    public void close() {
        pushgateway.stop();
    }
}
