package org.osprey.probes.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.osprey.probes.FailureReason;
import org.osprey.probes.Probe;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.config.HttpSettings;
import org.osprey.model.value.PromDuration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one HTTP request and asserts, in order: status code, latency, body regex, JSON pointers.
 * The first failing assertion decides the reason. Thread-safe: yes (the JDK client is shared), though
 * the scheduler never runs one probe twice at once.
 */
public final class HttpProbe implements Probe {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Bodies longer than this are cut in failure messages; alerts should stay readable. */
    private static final int MESSAGE_BODY_CHARS = 200;

    private final HttpSettings settings;
    private final HttpClient client;

    public HttpProbe(HttpSettings settings, Duration connectTimeout) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(settings.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (settings.insecureSkipVerify()) {
            b.sslContext(trustAll());
        }
        this.client = b.build();
    }

    @Override
    public ProbeResult run(Duration timeout) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(settings.url()).timeout(timeout);
        for (Map.Entry<String, String> h : settings.headers().entrySet()) {
            rb.header(h.getKey(), h.getValue());
        }
        rb.method(settings.method(), settings.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(settings.body()));
        long start = System.nanoTime();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            long limit = settings.bodySizeLimit() > 0 ? settings.bodySizeLimit() : Integer.MAX_VALUE - 16;
            try (InputStream in = response.body()) {
                // One byte past the limit tells "exactly at the limit" from "over it" without reading the rest.
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            }
            if (body.length > limit) {
                return ProbeResult.failed(FailureReason.BODY_SIZE, "body of " + settings.url() + " exceeds body_size_limit of "
                        + settings.bodySizeLimit() + " bytes");
            }
        } catch (HttpConnectTimeoutException e) {
            return ProbeResult.failed(FailureReason.CONNECT, "connect to " + settings.url() + " timed out");
        } catch (HttpTimeoutException e) {
            return ProbeResult.failed(FailureReason.TIMEOUT, "no response from " + settings.url() + " within " + PromDuration.format(timeout));
        } catch (ConnectException e) {
            return ProbeResult.failed(FailureReason.CONNECT, "connect to " + settings.url() + " failed: " + e.getMessage());
        } catch (SSLException e) {
            return ProbeResult.failed(FailureReason.TLS, "TLS with " + settings.url() + " failed: " + e.getMessage());
        } catch (IOException e) {
            return ProbeResult.failed(FailureReason.ERROR, settings.method() + " " + settings.url() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed(FailureReason.TIMEOUT, "interrupted waiting for " + settings.url());
        }
        long tookNanos = System.nanoTime() - start;
        return check(response.statusCode(), body, tookNanos);
    }

    @Override
    public void close() {
        // Ends the client's selector thread now rather than at garbage collection (matters on reload).
        client.close();
    }

    /** The assertions on a received response; separate so the order is visible in one place. */
    ProbeResult check(int status, byte[] body, long tookNanos) {
        if (!settings.statusAccepted(status)) {
            String want = settings.validStatusCodes().isEmpty() ? "2xx" : settings.validStatusCodes().toString();
            return ProbeResult.failed(FailureReason.STATUS, "status " + status + " from " + settings.url() + ", want " + want);
        }
        if (settings.maxLatency() != null && tookNanos > settings.maxLatency().toNanos()) {
            return ProbeResult.failed(FailureReason.LATENCY, String.format(java.util.Locale.ROOT,
                    "response from %s took %.3fs, more than max_latency %s", settings.url(), tookNanos / 1e9,
                    PromDuration.format(settings.maxLatency())));
        }
        String text = null;
        if (settings.bodyRegex() != null) {
            text = new String(body, StandardCharsets.UTF_8);
            Matcher m = settings.bodyRegex().matcher(text);
            if (!m.find()) {
                return ProbeResult.failed(FailureReason.BODY_REGEX, "body of " + settings.url() + " does not match /"
                        + settings.bodyRegex().pattern() + "/: " + excerpt(text));
            }
        }
        if (!settings.jsonEquals().isEmpty()) {
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (JacksonException e) {
                text = text != null ? text : new String(body, StandardCharsets.UTF_8);
                return ProbeResult.failed(FailureReason.JSON_POINTER, "body of " + settings.url() + " is not JSON: " + excerpt(text));
            }
            for (Map.Entry<String, String> want : settings.jsonEquals().entrySet()) {
                JsonNode got = root == null ? null : root.at(want.getKey());
                if (got == null || got.isMissingNode()) {
                    return ProbeResult.failed(FailureReason.JSON_POINTER, "JSON pointer " + want.getKey() + " missing in body of " + settings.url());
                }
                String actual = got.isValueNode() ? (got.isNull() ? "null" : got.asString()) : got.toString();
                if (!actual.equals(want.getValue())) {
                    return ProbeResult.failed(FailureReason.JSON_POINTER, "JSON pointer " + want.getKey() + " is "
                            + excerpt(actual) + ", want " + want.getValue());
                }
            }
        }
        return ProbeResult.ok();
    }

    private static String excerpt(String s) {
        return s.length() <= MESSAGE_BODY_CHARS ? "\"" + s + "\"" : "\"" + s.substring(0, MESSAGE_BODY_CHARS) + "...\"";
    }

    /**
     * An SSL context that accepts any certificate and any host name: an extended trust manager is
     * used as is by the JDK, so its empty checks also skip the host name check.
     */
    private static SSLContext trustAll() {
        TrustManager tm = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation", e);
        }
    }
}
