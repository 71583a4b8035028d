package org.osprey.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.osprey.model.textparse.ExpositionFormats;
import org.osprey.scrape.config.HttpClientConfig;
import org.osprey.scrape.config.ScrapeConfig;

/**
 * Fetches scrape bodies for one job. The default is {@link PlainHttpClient}, a lean blocking
 * HTTP/1.1 client with one keep-alive connection per target (see there for why); with a
 * {@code proxy_url}, or {@code -Dosprey.scrape.http=jdk}, the JDK's {@link java.net.http.HttpClient}
 * is used instead. Auth headers are built per request so credential files are re-read as upstream
 * does. Thread-safe: one instance serves all loops of a job.
 */
final class HttpScraper implements AutoCloseable {
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scrape-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient client;
    /** The plain client, or null when a proxy is configured or -Dosprey.scrape.http=jdk asks for the JDK client. */
    private final PlainHttpClient plain;
    private final HttpClientConfig http;
    private final String accept;
    private final boolean compression;
    private final long bodySizeLimit;
    private final String userAgent;

    HttpScraper(ScrapeConfig cfg, String userAgent) throws IOException, GeneralSecurityException {
        this.http = cfg.http();
        this.compression = cfg.enableCompression();
        this.bodySizeLimit = cfg.bodySizeLimit();
        this.userAgent = userAgent;
        this.accept = acceptHeader(cfg.scrapeProtocols());
        boolean jdk = !http.proxyUrl().isEmpty() || "jdk".equals(System.getProperty("osprey.scrape.http"));
        this.plain = jdk ? null : new PlainHttpClient(
                http.tls().equals(org.osprey.scrape.config.TlsConfig.NONE) ? javax.net.ssl.SSLContext.getDefault()
                        : TlsContexts.build(http.tls()),
                http.tls().serverName(), !http.tls().insecureSkipVerify(), http.followRedirects(), compression,
                bodySizeLimit);
        // The JDK client owns a selector thread; build it only for jobs that use it.
        this.client = jdk ? jdkClient(cfg) : null;
    }

    private HttpClient jdkClient(ScrapeConfig cfg) throws IOException, GeneralSecurityException {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(cfg.scrapeTimeoutMillis()))
                .followRedirects(http.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .version(http.enableHttp2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        if (!http.tls().equals(org.osprey.scrape.config.TlsConfig.NONE)) {
            b.sslContext(TlsContexts.build(http.tls()));
        }
        if (!http.proxyUrl().isEmpty()) {
            URI p = URI.create(http.proxyUrl());
            b.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort())));
        }
        return b.build();
    }

    /** Upstream's Accept header: the configured protocols with weights counting down from 0.1 steps. */
    static String acceptHeader(List<String> protocols) {
        StringBuilder sb = new StringBuilder();
        int weight = protocols.size() + 2;
        for (String p : protocols) {
            String mt = switch (p) {
                case "OpenMetricsText1.0.0" -> "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8";
                case "OpenMetricsText0.0.1" -> "application/openmetrics-text;version=0.0.1";
                case "PrometheusText1.0.0" -> "text/plain;version=1.0.0;escaping=allow-utf-8";
                case "PrometheusText0.0.4" -> "text/plain;version=0.0.4";
                // Not offered: the scrape parsers here read the text formats only, and a target that
                // honoured it would answer with a body we cannot read.
                case "PrometheusProto" -> null;
                default -> null;
            };
            if (mt == null) {
                continue;
            }
            sb.append(mt).append(";q=0.").append(weight--).append(',');
        }
        sb.append("*/*;q=0.").append(weight);
        return sb.toString();
    }

    /** What one fetch produced: body in {@link #buffer}[0, length). */
    static final class Body {
        byte[] buffer = new byte[64 * 1024];
        int length;
        String contentType;
        /** The Location header of a redirect response, else null. */
        String location;
    }

    /**
     * Fetches url into body, reusing its buffer.
     *
     * @throws ScrapeFailure with upstream's wording (non-200 status, timeout, body size limit)
     */
    void fetch(URI url, long timeoutMillis, Body body, PlainHttpClient.Connection conn)
            throws ScrapeFailure, InterruptedException {
        if (plain != null) {
            List<String> headers = new java.util.ArrayList<>(8);
            headers.add("Accept: " + accept);
            headers.add("User-Agent: " + userAgent);
            headers.add("X-Prometheus-Scrape-Timeout-Seconds: " + seconds(timeoutMillis));
            try {
                addAuth((name, value) -> headers.add(name + ": " + value));
            } catch (IOException e) {
                throw new ScrapeFailure("unable to read authorization credentials: " + e.getMessage());
            }
            plain.get(url, timeoutMillis, headers, conn, body);
            return;
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(timeoutMillis)).GET()
                // HTTP/2 only over TLS (ALPN), as Go's client: no h2c upgrade dance on plain http.
                .version("https".equals(url.getScheme()) && http.enableHttp2() ? HttpClient.Version.HTTP_2
                        : HttpClient.Version.HTTP_1_1)
                .header("Accept", accept)
                .header("User-Agent", userAgent)
                .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(timeoutMillis));
        if (compression) {
            rb.header("Accept-Encoding", "gzip");
        } else {
            rb.header("Accept-Encoding", "identity");
        }
        try {
            addAuth(rb::header);
        } catch (IOException e) {
            throw new ScrapeFailure("unable to read authorization credentials: " + e.getMessage());
        }
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ScrapeFailure("Get \"" + url + "\": context deadline exceeded");
        } catch (IOException e) {
            throw new ScrapeFailure("Get \"" + url + "\": " + describe(e));
        }
        InputStream raw = resp.body();
        // The request timeout covers headers only; close the stream at the deadline so a slow
        // body cannot hold the loop past its scrape_timeout.
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            try {
                raw.close();
            } catch (IOException ignored) {
                // closing is the point
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try (InputStream in = raw) {
            if (resp.statusCode() != 200) {
                throw new ScrapeFailure("server returned HTTP status " + resp.statusCode() + " " + reason(resp.statusCode()));
            }
            boolean gz = resp.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false);
            body.contentType = resp.headers().firstValue("Content-Type").orElse(null);
            readAll(gz ? new GZIPInputStream(in, 8192) : in, body);
        } catch (IOException e) {
            if (deadline.isDone()) {
                throw new ScrapeFailure("Get \"" + url + "\": context deadline exceeded");
            }
            throw new ScrapeFailure(describe(e));
        } finally {
            deadline.cancel(false);
        }
    }

    private void readAll(InputStream in, Body body) throws IOException, ScrapeFailure {
        int n = 0;
        byte[] buf = body.buffer;
        while (true) {
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                body.buffer = buf;
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            if (bodySizeLimit > 0 && n > bodySizeLimit) {
                throw new ScrapeFailure("body size limit exceeded");
            }
        }
        body.length = n;
    }

    private void addAuth(java.util.function.BiConsumer<String, String> rb) throws IOException {
        HttpClientConfig.BasicAuth ba = http.basicAuth();
        if (ba != null) {
            String user = ba.usernameFile().isEmpty() ? ba.username() : Files.readString(Path.of(ba.usernameFile())).trim();
            String pass = ba.passwordFile().isEmpty() ? ba.password() : Files.readString(Path.of(ba.passwordFile())).trim();
            rb.accept("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
        }
        HttpClientConfig.Authorization a = http.authorization();
        if (a != null) {
            String cred = a.credentialsFile().isEmpty() ? a.credentials()
                    : Files.readString(Path.of(a.credentialsFile())).trim();
            rb.accept("Authorization", a.type() + " " + cred);
        }
        for (Map.Entry<String, List<String>> h : http.httpHeaders().entrySet()) {
            for (String v : h.getValue()) {
                rb.accept(h.getKey(), v.startsWith("@file:") ? Files.readString(Path.of(v.substring(6))).trim() : v);
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getMessage() == null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        if (c instanceof java.net.ConnectException) {
            return "dial tcp: connect: connection refused";
        }
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Seconds as Go's FormatFloat(x, 'f', -1) writes them: "10", "0.5". */
    static String seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    static String reason(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }

    static String defaultContentType() {
        return ExpositionFormats.TEXT_CONTENT_TYPE;
    }

    @Override
    public void close() {
        if (client != null) {
            client.shutdownNow();
        }
    }
}
