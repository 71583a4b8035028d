package org.osprey.alertmanager.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osprey.alertmanager.api.AlertmanagerServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts an Osprey Alertmanager on a loopback port and talks to its HTTP API. */
final class AmHarness implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    final AlertmanagerServer server;
    final Path dir;

    AmHarness(Path dir, String configYaml) throws Exception {
        this.dir = dir;
        Files.writeString(dir.resolve("alertmanager.yml"), configYaml);
        server = AlertmanagerServer.start(new AlertmanagerServer.Options(dir.resolve("alertmanager.yml"),
                dir.resolve("data"), "127.0.0.1:0", "", null, 120 * 3600_000L, 30 * 60_000L));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", path, null);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    void postAlerts(String json) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/api/v2/alerts", json);
        if (r.statusCode() != 200) {
            throw new IOException("POST alerts -> " + r.statusCode() + ": " + r.body());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
