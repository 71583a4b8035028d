package org.osprey.probes.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.Labels;

class ProbeConfigLoaderTest {
    static final String EXAMPLE = """
            global:
              interval: 1m
              timeout: 10s
              failures_before_alert: 2
              resend_interval: 2m
            probes:
              - name: api-health
                kind: http
                interval: 30s
                timeout: 5s
                severity: critical
                labels:
                  team: core
                http:
                  url: https://api.example.com/healthz
                  method: post
                  headers:
                    Authorization: Bearer abc
                  body: '{"ping":true}'
                  valid_status_codes: [200, 204]
                  body_regex: '"status":\\s*"UP"'
                  json_equals:
                    /status: UP
                    /checks/0/ok: "true"
                  max_latency: 750ms
                  insecure_skip_verify: true
                  follow_redirects: false
                  body_size_limit: 4MiB
              - name: redis
                kind: tcp
                severity: warning
                failures_before_alert: 3
                tcp:
                  address: redis.example.com:6379
                  send: "PING\\r\\n"
                  expect: "^\\\\+PONG"
              - name: apiserver-crud
                kind: kubernetes
                interval: 2m
                kubernetes:
                  namespace: osprey-probes
                  name_prefix: crud-
            """;

    @Test
    void loadsEveryKeyOfTheExample(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("probes.yml");
        Files.writeString(f, EXAMPLE);
        ProbeConfig c = ProbeConfigLoader.load(f);
        assertEquals(Duration.ofMinutes(2), c.resendInterval());
        assertEquals(3, c.probes().size());

        ProbeDefinition http = c.probes().get(0);
        assertEquals("api-health", http.name());
        assertEquals(ProbeKind.HTTP, http.kind());
        assertEquals(Duration.ofSeconds(30), http.interval());
        assertEquals(Duration.ofSeconds(5), http.timeout());
        assertEquals("critical", http.severity());
        assertEquals(Labels.of("team", "core"), http.labels());
        assertEquals(2, http.failuresBeforeAlert());
        HttpSettings h = http.http();
        assertEquals("https://api.example.com/healthz", h.url().toString());
        assertEquals("POST", h.method());
        assertEquals(Map.of("Authorization", "Bearer abc"), h.headers());
        assertEquals("{\"ping\":true}", h.body());
        assertEquals(List.of(200, 204), h.validStatusCodes());
        assertTrue(h.bodyRegex().matcher("{\"status\": \"UP\"}").find());
        assertEquals(List.of("/status", "/checks/0/ok"), List.copyOf(h.jsonEquals().keySet()));
        assertEquals("true", h.jsonEquals().get("/checks/0/ok"));
        assertEquals(Duration.ofMillis(750), h.maxLatency());
        assertTrue(h.insecureSkipVerify());
        assertFalse(h.followRedirects());
        assertEquals(4L << 20, h.bodySizeLimit());
        assertTrue(h.statusAccepted(204));
        assertFalse(h.statusAccepted(201));

        ProbeDefinition tcp = c.probes().get(1);
        assertEquals(Duration.ofMinutes(1), tcp.interval(), "global interval applies");
        assertEquals(Duration.ofSeconds(10), tcp.timeout());
        assertEquals(3, tcp.failuresBeforeAlert());
        assertEquals("redis.example.com", tcp.tcp().host());
        assertEquals(6379, tcp.tcp().port());
        assertEquals("PING\r\n", tcp.tcp().send());
        assertTrue(tcp.tcp().expect().matcher("+PONG\r\n").find());
        assertNull(tcp.http());

        ProbeDefinition kube = c.probes().get(2);
        assertEquals("warning", kube.severity(), "default severity");
        assertEquals(new KubernetesSettings("osprey-probes", "crud-"), kube.kubernetes());
    }

    @Test
    void defaultsWhenNothingIsSet() throws Exception {
        ProbeConfig c = ProbeConfigLoader.parse("""
                probes:
                  - name: p
                    kind: http
                    http: {url: "http://127.0.0.1:1/"}
                  - name: k
                    kind: kubernetes
                """, "t.yml");
        ProbeDefinition p = c.probes().get(0);
        assertEquals(ProbeConfigLoader.DEFAULT_INTERVAL, p.interval());
        assertEquals(ProbeConfigLoader.DEFAULT_TIMEOUT, p.timeout());
        assertEquals("GET", p.http().method());
        assertTrue(p.http().statusAccepted(299));
        assertFalse(p.http().statusAccepted(300));
        assertEquals(1, p.failuresBeforeAlert());
        assertEquals(HttpSettings.DEFAULT_BODY_SIZE_LIMIT, p.http().bodySizeLimit());
        assertEquals(new KubernetesSettings("default", "osprey-probe-"), c.probes().get(1).kubernetes());
        assertEquals(0, ProbeConfigLoader.parse("", "empty.yml").probes().size());
    }

    @Test
    void byteSizesAreBase2LikeTheBlackboxExporter() {
        assertEquals(0, ProbeConfigLoader.byteSize("0"));
        assertEquals(512, ProbeConfigLoader.byteSize("512B"));
        assertEquals(1024, ProbeConfigLoader.byteSize("1KB"));
        assertEquals(1024, ProbeConfigLoader.byteSize("1KiB"));
        assertEquals(3L << 20, ProbeConfigLoader.byteSize("3MB"));
        assertEquals(2L << 30, ProbeConfigLoader.byteSize("2GiB"));
        for (String bad : new String[] {"", "MB", "1.5MB", "1 MB", "1TB", "-1", "1mb"}) {
            assertEquals(-1, ProbeConfigLoader.byteSize(bad), bad);
        }
    }

    @Test
    void ipv6TcpAddress() throws Exception {
        TcpSettings t = ProbeConfigLoader.parse("probes:\n  - {name: p, kind: tcp, tcp: {address: '[::1]:6379'}}\n", "t.yml")
                .probes().get(0).tcp();
        assertEquals("::1", t.host());
        assertEquals(6379, t.port());
    }

    @Test
    void timeoutFollowsShortInterval() throws Exception {
        ProbeConfig c = ProbeConfigLoader.parse("""
                probes:
                  - {name: p, kind: tcp, interval: 2s, tcp: {address: "localhost:1"}}
                """, "t.yml");
        assertEquals(Duration.ofSeconds(2), c.probes().get(0).timeout());
    }

    private static ProbeConfigException error(String yaml) {
        return assertThrows(ProbeConfigException.class, () -> ProbeConfigLoader.parse(yaml, "probes.yml"));
    }

    @Test
    void unknownKeyNamesFileLineAndKey() {
        ProbeConfigException e = error("""
                probes:
                  - name: p
                    kind: http
                    http:
                      url: http://x/
                      expected_status: 200
                """);
        assertEquals(6, e.line());
        assertEquals("probes.yml:6:7: unknown key \"expected_status\" in http of probe \"p\"", e.getMessage());

        assertEquals("probes.yml:1:1: unknown key \"probe\" in the probe file", error("probe: []\n").getMessage());
        assertEquals("probes.yml:4:5: unknown key \"intervall\" in probe \"p\"",
                error("probes:\n  - name: p\n    kind: tcp\n    intervall: 5s\n    tcp: {address: 'a:1'}\n").getMessage());
    }

    @Test
    void duplicateKeysAreRejectedWithTheirLine() {
        ProbeConfigException e = error("""
                probes:
                  - name: p
                    kind: http
                    kind: tcp
                """);
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("found duplicate key kind"), e.getMessage());
    }

    @Test
    void unsafeTagsAreRefused() {
        ProbeConfigException e = error("probes: !!java.io.File [\"/etc/passwd\"]\n");
        assertTrue(e.getMessage().startsWith("probes.yml:1:"), e.getMessage());
    }

    @Test
    void invalidValuesNameTheirLine() {
        assertEquals("probes.yml:4:15: \"interval\" in probe \"p\": not a valid duration string: \"30\"",
                error("probes:\n  - name: p\n    kind: tcp\n    interval: \"30\"\n    tcp: {address: 'a:1'}\n").getMessage());
        assertEquals("probes.yml:5:14: timeout 10s greater than interval 5s in probe \"p\"",
                error("probes:\n  - name: p\n    kind: tcp\n    interval: 5s\n    timeout: 10s\n    tcp: {address: 'a:1'}\n").getMessage());
        assertTrue(error("probes:\n  - {name: p, kind: icmp}\n").getMessage().contains("unknown kind \"icmp\""));
        assertTrue(error("probes:\n  - {name: p, kind: http}\n").getMessage().contains("missing \"http\" settings in probe \"p\""));
        assertTrue(error("probes:\n  - {name: p, kind: http, http: {url: 'http://x/'}, tcp: {address: 'a:1'}}\n").getMessage()
                .contains("\"tcp\" settings in probe \"p\" of kind http"));
        assertTrue(error("probes:\n  - {kind: http}\n").getMessage().contains("missing \"name\" in probes[0]"));
        assertTrue(error("probes:\n  - {name: p, kind: http, http: {url: 'ftp://x/'}}\n").getMessage().contains("absolute http or https URL"));
        assertTrue(error("probes:\n  - {name: p, kind: http, http: {url: 'http://x/', valid_status_codes: [2000]}}\n").getMessage()
                .contains("invalid status code \"2000\""));
        assertTrue(error("probes:\n  - {name: p, kind: http, http: {url: 'http://x/', body_regex: '('}}\n").getMessage()
                .contains("invalid body_regex"));
        assertTrue(error("probes:\n  - {name: p, kind: http, http: {url: 'http://x/', json_equals: {status: UP}}}\n").getMessage()
                .contains("must start with /"));
        assertTrue(error("probes:\n  - {name: p, kind: http, http: {url: 'http://x/', headers: {Host: y}}}\n").getMessage()
                .contains("header \"Host\" in http of probe \"p\" cannot be set by a probe"));
        assertTrue(error("probes:\n  - {name: p, kind: http, http: {url: 'http://x/', body_size_limit: 1.5MB}}\n").getMessage()
                .contains("invalid body_size_limit \"1.5MB\""));
        assertTrue(error("probes: {name: p}\n").getMessage().contains("\"probes\" in the probe file must be a list"));
        assertTrue(error("probes:\n  - {name: p, kind: tcp, tcp: {address: 'nohost'}}\n").getMessage().contains("must be host:port"));
        assertTrue(error("probes:\n  - {name: p, kind: kubernetes, kubernetes: {namespace: 'Bad_NS'}}\n").getMessage()
                .contains("not a valid DNS label"));
        assertTrue(error("probes:\n  - {name: p, kind: tcp, labels: {severity: x}, tcp: {address: 'a:1'}}\n").getMessage()
                .contains("label \"severity\" in probe \"p\" is set by the probe itself"));
        assertTrue(error("probes:\n  - {name: p, kind: tcp, failures_before_alert: 0, tcp: {address: 'a:1'}}\n").getMessage()
                .contains("failures_before_alert must be at least 1"));
        assertTrue(error("probes:\n  - {name: p, kind: tcp, tcp: {address: 'a:1'}}\n  - {name: p, kind: tcp, tcp: {address: 'a:2'}}\n")
                .getMessage().startsWith("probes.yml:3:5: duplicate probe name \"p\""));
    }
}
