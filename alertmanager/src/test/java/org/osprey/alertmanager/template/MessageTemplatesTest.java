package org.osprey.alertmanager.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.alertmanager.config.ConfigException;
import org.osprey.alertmanager.notify.NotificationData;
import org.osprey.model.labels.Labels;

class MessageTemplatesTest {
    @TempDir
    Path dir;

    private static NotificationData data(long now) {
        Alert firing = new Alert(Labels.of("alertname", "Latency", "service", "api", "env", "prod"), Map.of("summary", "slow"),
                now - 60_000, now + 300_000, "http://prom/g1", now, true);
        Alert resolved = new Alert(Labels.of("alertname", "Latency", "service", "web", "env", "prod"), Map.of("summary", "slow"),
                now - 120_000, now - 1000, "http://prom/g2", now, false);
        return NotificationData.of("team", "{}:{alertname=\"Latency\"}", Labels.of("alertname", "Latency"),
                List.of(firing, resolved), "http://am:9093", now);
    }

    @Test
    void defaultSubjectMatchesUpstreamShape() throws Exception {
        MessageTemplates t = new MessageTemplates(TemplateSet.empty());
        long now = 1_700_000_000_000L;
        assertEquals("[FIRING:1] Latency (prod)", t.subject(data(now)));
        NotificationData allResolved = NotificationData.of("team", "k", Labels.of("alertname", "X"),
                List.of(new Alert(Labels.of("alertname", "X"), Map.of(), now - 10, now - 1, "", now, false)), "", now);
        assertEquals("[RESOLVED] X ", allResolved.status().equals("resolved") ? t.subject(allResolved) : "");
        String text = t.defaultText(data(now));
        assertTrue(text.contains("[1] Firing") && text.contains("[1] Resolved") && text.contains("service = web"), text);
        assertTrue(t.defaultHtml(data(now)).contains("http://am:9093/#/alerts?receiver=team"));
    }

    @Test
    void userTemplatesAndUpstreamFunctions() throws Exception {
        Files.writeString(dir.resolve("custom.tmpl"), """
                {{ define "team.subject" }}{{ .Alerts.Firing | len }} firing for {{ .GroupLabels.alertname | toLower }}{{ end }}
                {{ define "team.list" }}{{ range .Alerts }}{{ .Labels.service }}:{{ .Status }}@{{ .StartsAt.Unix }} {{ end }}{{ end }}
                """);
        MessageTemplates t = new MessageTemplates(TemplateSet.load(List.of(dir.resolve("*.tmpl").toString())));
        NotificationData d = data(1_700_000_000_000L);
        assertEquals("1 firing for latency", t.render("{{ template \"team.subject\" . }}", d));
        assertEquals("api:firing@1699999940 web:resolved@1699999880 ", t.render("{{ template \"team.list\" . }}", d));
        assertEquals("env=prod", t.render(
                "{{ range (.CommonLabels.Remove (stringSlice \"alertname\")).SortedPairs }}{{ .Name }}={{ .Value }}{{ end }}", d));
        assertEquals("A-B", t.render("{{ reReplaceAll \"(a)-(b)\" \"A-B\" \"a-b\" }}", d));
        assertEquals("true", t.render("{{ match \"^Lat\" .GroupLabels.alertname }}", d));
        assertEquals("", t.render("{{ .CommonLabels.missing }}", d), "missingkey=zero as upstream");
        assertEquals("no braces", t.render("no braces", d));
    }

    @Test
    void brokenTemplateFileIsAConfigError() throws Exception {
        Files.writeString(dir.resolve("bad.tmpl"), "{{ define \"x\" }}{{ .Foo ");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new MessageTemplates(TemplateSet.load(List.of(dir.resolve("*.tmpl").toString()))));
        assertTrue(e.getMessage().contains("bad.tmpl"), e.getMessage());
    }
}
