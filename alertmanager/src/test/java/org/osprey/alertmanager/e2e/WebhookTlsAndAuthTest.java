package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks over HTTPS (insecure_skip_verify vs. verified), bearer auth, http_headers and url_file. */
class WebhookTlsAndAuthTest {
    @TempDir
    Path dir;

    @Test
    void httpsBearerHeadersAndUrlFile() throws Exception {
        try (WebhookSink secure = new WebhookSink(TestTls.serverContext()); WebhookSink strict = new WebhookSink(TestTls.serverContext())) {
            Files.writeString(dir.resolve("url"), secure.url() + "\n");
            String cfg = """
                    route:
                      receiver: tls
                      group_by: [alertname]
                      group_wait: 100ms
                      routes:
                        - matchers: [kind="strict"]
                          receiver: strict
                    receivers:
                      - name: tls
                        webhook_configs:
                          - url_file: %s
                            http_config:
                              authorization: {credentials: t0ken}
                              http_headers:
                                X-Scope: {values: [team-a]}
                              tls_config: {insecure_skip_verify: true}
                      - name: strict
                        webhook_configs:
                          - url: %s
                    """.formatted(dir.resolve("url"), strict.url());
            try (AmHarness am = new AmHarness(Files.createDirectories(dir.resolve("am")), cfg)) {
                am.postAlerts("[{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"B\",\"kind\":\"strict\"}}]");
                WebhookSink.Received r = secure.next(5000);
                assertNotNull(r, "delivered over HTTPS with insecure_skip_verify");
                assertEquals("Bearer t0ken", r.headers().getFirst("Authorization"));
                assertEquals("team-a", r.headers().getFirst("X-Scope"));
                assertEquals("application/json", r.headers().getFirst("Content-Type"));
                assertNull(strict.next(1500), "an untrusted self-signed certificate is refused");
                assertTrue(strict.requests.get() == 0, "the request never got past the TLS handshake");
                String metrics = am.send("GET", "/metrics", null).body();
                assertTrue(metrics.matches("(?s).*osprey_alertmanager_notification_requests_failed_total\\{integration=\"webhook\"} [1-9].*"), metrics);
            }
        }
    }

    @Test
    void timeoutAbortsASlowReceiverAndRetries() throws Exception {
        try (WebhookSink slow = new WebhookSink()) {
            slow.delayMillis = 1500;
            String cfg = """
                    route: {receiver: slow, group_wait: 50ms}
                    receivers:
                      - name: slow
                        webhook_configs: [{url: '%s', timeout: 300ms}]
                    """.formatted(slow.url());
            try (AmHarness am = new AmHarness(Files.createDirectories(dir.resolve("slow")), cfg)) {
                am.postAlerts("[{\"labels\":{\"alertname\":\"Slow\"}}]");
                long end = System.currentTimeMillis() + 5000;
                while (slow.requests.get() < 2 && System.currentTimeMillis() < end) {
                    Thread.sleep(50);
                }
                assertTrue(slow.requests.get() >= 2, "the first attempt timed out after 300ms and was retried");
                String metrics = am.send("GET", "/metrics", null).body();
                assertTrue(metrics.matches("(?s).*osprey_alertmanager_notification_requests_failed_total\\{integration=\"webhook\"} [1-9].*"), metrics);
            }
        }
    }
}
