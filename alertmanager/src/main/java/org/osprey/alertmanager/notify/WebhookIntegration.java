package org.osprey.alertmanager.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.osprey.alertmanager.config.WebhookConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers upstream's webhook payload version 4 by HTTP POST. 5xx answers and I/O errors are
 * retried; other non-2xx answers are not. Thread-safe: the HTTP client is shared and immutable.
 */
public final class WebhookIntegration implements Integration {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WebhookConfig config;
    private final int index;
    private final HttpClient client;
    private final String tlsError;

    public WebhookIntegration(WebhookConfig config, int index) {
        this.config = config;
        this.index = index;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(config.httpConfig().followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        String err = null;
        try {
            javax.net.ssl.SSLContext ssl = TlsContexts.of(config.httpConfig().tls());
            if (ssl != null) {
                b.sslContext(ssl);
            }
        } catch (IOException e) {
            err = e.getMessage();
        }
        this.tlsError = err;
        this.client = b.build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean sendResolved() {
        return config.sendResolved();
    }

    /** The JSON body upstream's webhook notifier sends, truncated to max_alerts. */
    public static byte[] payload(NotificationData data, int maxAlerts) {
        NotificationData d = data.truncated(maxAlerts);
        ObjectNode o = JSON.createObjectNode();
        o.put("receiver", d.receiver());
        o.put("status", d.status());
        ArrayNode alerts = o.putArray("alerts");
        for (NotificationData.AlertData a : d.alerts()) {
            ObjectNode j = alerts.addObject();
            j.put("status", a.status());
            map(j.putObject("labels"), a.labels());
            map(j.putObject("annotations"), a.annotations());
            j.put("startsAt", GoTime.format(a.startsAt()));
            j.put("endsAt", GoTime.format(a.endsAt()));
            j.put("generatorURL", a.generatorUrl());
            j.put("fingerprint", a.fingerprint());
        }
        map(o.putObject("groupLabels"), d.groupLabels());
        map(o.putObject("commonLabels"), d.commonLabels());
        map(o.putObject("commonAnnotations"), d.commonAnnotations());
        o.put("externalURL", d.externalUrl());
        o.put("version", "4");
        o.put("groupKey", d.groupKey());
        o.put("truncatedAlerts", data.alerts().size() - d.alerts().size());
        return JSON.writeValueAsBytes(o);
    }

    private static void map(ObjectNode o, Map<String, String> m) {
        new java.util.TreeMap<>(m).forEach(o::put);
    }

    @Override
    public void send(NotificationData data, long deadlineMillis) throws NotifyException {
        if (tlsError != null) {
            throw new NotifyException(tlsError, false);
        }
        String url = config.url();
        if (url.isEmpty()) {
            try {
                url = Files.readString(Path.of(config.urlFile())).strip();
            } catch (IOException e) {
                throw new NotifyException("read url_file " + config.urlFile() + ": " + e.getMessage(), false, e);
            }
        }
        long timeout = deadlineMillis - System.currentTimeMillis();
        if (config.timeoutMillis() > 0) {
            timeout = Math.min(timeout, config.timeoutMillis());
        }
        HttpRequest.Builder req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(Math.max(timeout, 1)))
                    .header("Content-Type", "application/json").header("User-Agent", "Osprey-Alertmanager")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload(data, config.maxAlerts())));
            if (url.regionMatches(true, 0, "http:", 0, 5)) {
                // Like Go's client: no h2c upgrade on plain HTTP (HTTP/2 only through TLS ALPN).
                req.version(HttpClient.Version.HTTP_1_1);
            }
        } catch (IllegalArgumentException e) {
            throw new NotifyException("invalid webhook URL: " + e.getMessage(), false, e);
        }
        var http = config.httpConfig();
        if (!http.bearerToken().isEmpty()) {
            req.header("Authorization", "Bearer " + http.bearerToken());
        } else if (!http.basicUser().isEmpty()) {
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (http.basicUser() + ":" + http.basicPassword()).getBytes(StandardCharsets.UTF_8)));
        }
        http.headers().forEach(req::header);
        HttpResponse<String> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NotifyException("webhook POST failed: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException("interrupted", false, e);
        }
        int code = resp.statusCode();
        if (code / 100 != 2) {
            String body = resp.body() == null ? "" : resp.body();
            throw new NotifyException("unexpected status code " + code + ": " + url + ": "
                    + body.substring(0, Math.min(body.length(), 200)), code / 100 == 5);
        }
    }
}
