package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** E-mail notifications through GreenMail on loopback: subject, recipients, both bodies, headers, STARTTLS and AUTH. */
class EmailEndToEndTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("am@example.org", "amuser", "s3cret"));

    @TempDir
    Path dir;

    private static String config(int port, String extra) {
        return """
                global:
                  smtp_smarthost: 127.0.0.1:%d
                  smtp_from: alertmanager@example.org
                  smtp_hello: osprey.test
                %s
                route:
                  receiver: mail
                  group_by: [alertname]
                  group_wait: 100ms
                  group_interval: 30s
                receivers:
                  - name: mail
                    email_configs:
                      - to: 'oncall@example.org, second@example.org'
                        headers:
                          X-Team: db
                        tls_config:
                          insecure_skip_verify: true
                """.formatted(port, extra);
    }

    private static final String ALERTS = "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"db1\",\"env\":\"prod\"},"
            + "\"annotations\":{\"summary\":\"disk <full>\"},\"generatorURL\":\"http://prom/g\"},"
            + "{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"db2\",\"env\":\"prod\"},\"annotations\":{\"summary\":\"disk <full>\"}}]";

    @Test
    void sendsMultipartMailWithUpstreamSubjectOverStartTlsWithAuth() throws Exception {
        try (StartTlsFront front = new StartTlsFront(greenMail.getSmtp().getPort());
                AmHarness am = new AmHarness(dir, config(front.port(),
                        "  smtp_auth_username: amuser\n  smtp_auth_password: s3cret\n  smtp_require_tls: true"))) {
            am.postAlerts(ALERTS);
            // One copy per recipient mailbox.
            waitFor(() -> greenMail.getReceivedMessages().length == 2);
            MimeMessage m = greenMail.getReceivedMessages()[0];
            assertEquals(1, front.handshakes.get(), "the session was upgraded with STARTTLS");
            assertEquals("[FIRING:2] DiskFull (prod)", m.getSubject());
            assertEquals("alertmanager@example.org", m.getFrom()[0].toString());
            assertEquals(2, m.getRecipients(Message.RecipientType.TO).length);
            assertEquals("oncall@example.org", m.getRecipients(Message.RecipientType.TO)[0].toString());
            assertEquals("db", m.getHeader("X-Team")[0]);
            MimeMultipart alt = (MimeMultipart) m.getContent();
            assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
            assertEquals(2, alt.getCount());
            BodyPart text = alt.getBodyPart(0);
            BodyPart html = alt.getBodyPart(1);
            assertTrue(text.isMimeType("text/plain"));
            assertTrue(html.isMimeType("text/html"));
            String t = (String) text.getContent();
            assertTrue(t.contains("2 alerts for alertname=DiskFull"), t);
            assertTrue(t.contains("instance = db2"), t);
            assertTrue(t.contains(am.server.externalUrl() + "/#/alerts?receiver=mail"), t);
            String h = (String) html.getContent();
            assertTrue(h.contains("disk &lt;full&gt;"), "HTML escapes annotations");
            assertTrue(h.contains("[2] Firing"), h);
            assertTrue(h.contains("href=\"http://prom/g\""), h);
            assertEquals(1, am.server.core().metrics().notifications("email"));
        }
    }

    @Test
    void requireTlsRefusesAServerWithoutStartTlsAndWrongPasswordFails() throws Exception {
        try (AmHarness am = new AmHarness(dir, config(greenMail.getSmtp().getPort(), "  smtp_require_tls: true"))) {
            am.postAlerts(ALERTS);
            waitFor(() -> am.server.core().metrics().notificationsFailed("email") == 1);
            assertEquals(0, greenMail.getReceivedMessages().length, "no mail over an unencrypted session");
        }
        try (StartTlsFront front = new StartTlsFront(greenMail.getSmtp().getPort());
                AmHarness am = new AmHarness(java.nio.file.Files.createDirectories(dir.resolve("second")), config(front.port(),
                        "  smtp_auth_username: amuser\n  smtp_auth_password: wrong"))) {
            am.postAlerts(ALERTS);
            waitFor(() -> am.server.core().metrics().notificationsFailed("email") == 1);
            assertEquals(0, greenMail.getReceivedMessages().length, "AUTH with a wrong password is rejected");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met within 10s");
            }
            Thread.sleep(50);
        }
    }
}
