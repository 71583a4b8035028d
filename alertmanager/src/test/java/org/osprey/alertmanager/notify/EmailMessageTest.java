package org.osprey.alertmanager.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.alertmanager.config.AlertmanagerConfig;
import org.osprey.alertmanager.config.ConfigLoader;
import org.osprey.alertmanager.template.MessageTemplates;
import org.osprey.alertmanager.template.TemplateSet;
import org.osprey.model.labels.Labels;

/** An e-mail built from a config with custom templates: templated headers, subject, text and HTML. */
class EmailMessageTest {
    @TempDir
    Path dir;

    @Test
    void customTemplatesDriveHeadersAndBodies() throws Exception {
        Files.writeString(dir.resolve("mail.tmpl"), """
                {{ define "team.subject" }}{{ .Status | toUpper }}: {{ .CommonLabels.alertname }} on {{ len .Alerts }} hosts{{ end }}
                {{ define "team.text" }}{{ range .Alerts.Firing }}* {{ .Labels.instance }}: {{ .Annotations.summary }}
                {{ end }}{{ end }}
                """);
        AlertmanagerConfig cfg = ConfigLoader.parse("""
                global: {smtp_smarthost: 'localhost:25', smtp_from: 'am@example.org'}
                templates: ['*.tmpl']
                route: {receiver: mail}
                receivers:
                  - name: mail
                    email_configs:
                      - to: '{{ .GroupLabels.team }}@example.org'
                        headers:
                          subject: '{{ template "team.subject" . }}'
                          X-Group: '{{ .GroupKey }}'
                        text: '{{ template "team.text" . }}'
                        html: '<b>{{ .Receiver }}</b>'
                """, dir);
        MessageTemplates templates = new MessageTemplates(TemplateSet.load(cfg.templates()));
        EmailIntegration mail = new EmailIntegration(cfg.receivers().get(0).emailConfigs().get(0), 0, templates);
        long now = System.currentTimeMillis();
        NotificationData data = NotificationData.of("mail", "{}:{team=\"db\"}", Labels.of("team", "db"), List.of(
                new Alert(Labels.of("alertname", "Disk", "team", "db", "instance", "a"), Map.of("summary", "full"), now - 1000,
                        now + 60_000, "", now, true),
                new Alert(Labels.of("alertname", "Disk", "team", "db", "instance", "b"), Map.of("summary", "90%"), now - 1000,
                        now + 60_000, "", now, true)), "http://am", now);
        MimeMessage m = mail.message(Session.getInstance(new Properties()), data);
        assertEquals("FIRING: Disk on 2 hosts", m.getSubject());
        assertEquals("db@example.org", m.getAllRecipients()[0].toString());
        assertEquals("{}:{team=\"db\"}", m.getHeader("X-Group")[0]);
        MimeMultipart alt = (MimeMultipart) m.getContent();
        assertEquals("* a: full\n* b: 90%\n", alt.getBodyPart(0).getContent());
        assertTrue(alt.getBodyPart(1).isMimeType("text/html"));
        assertEquals("<b>mail</b>", alt.getBodyPart(1).getContent());
    }
}
