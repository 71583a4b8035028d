package org.osprey.alertmanager.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osprey.alertmanager.notify.NotificationData;

/**
 * Osprey's default notification texts, written to give the same outputs as upstream's default
 * templates: the subject {@code [FIRING:2] GroupValues (other common values)}, and e-mail bodies
 * listing firing then resolved alerts with their labels, annotations and source links.
 * Thread-safe: stateless.
 */
public final class DefaultMessages {
    private DefaultMessages() {
    }

    /** Upstream's {@code __subject}: status (with firing count), group label values, remaining common label values. */
    public static String subject(NotificationData d) {
        StringBuilder sb = new StringBuilder("[").append(d.status().toUpperCase(Locale.ROOT));
        if ("firing".equals(d.status())) {
            sb.append(':').append(d.firing().size());
        }
        sb.append("] ").append(String.join(" ", d.groupLabels().values())).append(' ');
        if (d.commonLabels().size() > d.groupLabels().size()) {
            List<String> rest = new ArrayList<>();
            for (Map.Entry<String, String> e : d.commonLabels().entrySet()) {
                if (!d.groupLabels().containsKey(e.getKey())) {
                    rest.add(e.getValue());
                }
            }
            sb.append('(').append(String.join(" ", rest)).append(')');
        }
        return sb.toString();
    }

    /** The Alertmanager link for the group: external URL plus a receiver filter, as upstream's {@code __alertmanagerURL}. */
    public static String alertmanagerUrl(NotificationData d) {
        return d.externalUrl() + "/#/alerts?receiver=" + java.net.URLEncoder.encode(d.receiver(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Plain-text e-mail body. */
    public static String text(NotificationData d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.alerts().size()).append(" alert").append(d.alerts().size() == 1 ? "" : "s").append(" for ");
        d.groupLabels().forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
        sb.append("\n\nView in Alertmanager: ").append(alertmanagerUrl(d)).append('\n');
        section(sb, "Firing", d.firing());
        section(sb, "Resolved", d.resolved());
        sb.append("\nSent by Osprey Alertmanager\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<NotificationData.AlertData> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        sb.append("\n[").append(alerts.size()).append("] ").append(title).append("\n");
        for (NotificationData.AlertData a : alerts) {
            sb.append("\nLabels:\n");
            a.labels().forEach((k, v) -> sb.append(" - ").append(k).append(" = ").append(v).append('\n'));
            sb.append("Annotations:\n");
            a.annotations().forEach((k, v) -> sb.append(" - ").append(k).append(" = ").append(v).append('\n'));
            sb.append("Source: ").append(a.generatorUrl()).append('\n');
        }
    }

    /** HTML e-mail body: a header box with the group, a link, then one block per alert. */
    public static String html(NotificationData d) {
        boolean firing = "firing".equals(d.status());
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">")
                .append("<title>").append(esc(subject(d))).append("</title></head>\n")
                .append("<body style=\"font-family:Helvetica,Arial,sans-serif;background:#f6f6f6;margin:0;padding:20px\">\n")
                .append("<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;margin:0 auto;background:#fff;border:1px solid #e9e9e9\">\n")
                .append("<tr><td style=\"padding:20px;color:#fff;background:").append(firing ? "#E6522C" : "#68B90F")
                .append(";font-size:16px\">");
        sb.append(d.alerts().size()).append(" alert").append(d.alerts().size() == 1 ? "" : "s").append(" for ");
        d.groupLabels().forEach((k, v) -> sb.append(esc(k)).append('=').append(esc(v)).append(' '));
        sb.append("</td></tr>\n<tr><td style=\"padding:10px 20px\"><a href=\"").append(esc(alertmanagerUrl(d)))
                .append("\" style=\"display:inline-block;padding:8px 16px;background:#348eda;color:#fff;text-decoration:none\">View in Alertmanager</a></td></tr>\n");
        htmlSection(sb, "Firing", d.firing());
        htmlSection(sb, "Resolved", d.resolved());
        sb.append("<tr><td style=\"padding:20px;color:#999;font-size:12px;text-align:center\">Sent by Osprey Alertmanager</td></tr>\n")
                .append("</table>\n</body></html>\n");
        return sb.toString();
    }

    private static void htmlSection(StringBuilder sb, String title, List<NotificationData.AlertData> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        sb.append("<tr><td style=\"padding:10px 20px\"><strong>[").append(alerts.size()).append("] ").append(title)
                .append("</strong></td></tr>\n");
        for (NotificationData.AlertData a : alerts) {
            sb.append("<tr><td style=\"padding:0 20px 10px;border-top:1px solid #eee\"><strong>Labels</strong><br />\n");
            a.labels().forEach((k, v) -> sb.append(esc(k)).append(" = ").append(esc(v)).append("<br />\n"));
            if (!a.annotations().isEmpty()) {
                sb.append("<strong>Annotations</strong><br />\n");
                a.annotations().forEach((k, v) -> sb.append(esc(k)).append(" = ").append(esc(v)).append("<br />\n"));
            }
            sb.append("<a href=\"").append(esc(a.generatorUrl())).append("\">Source</a><br />\n</td></tr>\n");
        }
    }

    /** HTML-escapes as Go's html/template does for text. */
    public static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
