package org.osprey.alertmanager.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.osprey.alertmanager.config.EmailConfig;
import org.osprey.alertmanager.template.MessageTemplates;

/**
 * Sends a notification by SMTP with Jakarta Mail: implicit TLS on port 465, otherwise STARTTLS
 * when the server offers it (required with {@code require_tls}), AUTH PLAIN/LOGIN (CRAM-MD5 with
 * {@code auth_secret}), and a multipart/alternative body with text and HTML parts.
 * Thread-safe: builds a new session per send.
 */
public final class EmailIntegration implements Integration {
    private final EmailConfig config;
    private final int index;
    private final MessageTemplates templates;

    public EmailIntegration(EmailConfig config, int index, MessageTemplates templates) {
        this.config = config;
        this.index = index;
        this.templates = templates;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean sendResolved() {
        return config.sendResolved();
    }

    @Override
    public void send(NotificationData data, long deadlineMillis) throws NotifyException {
        String host = config.smarthost().substring(0, config.smarthost().lastIndexOf(':'));
        String port = config.smarthost().substring(config.smarthost().lastIndexOf(':') + 1);
        boolean implicitTls = "465".equals(port);
        String proto = implicitTls ? "smtps" : "smtp";
        long timeout = Math.max(1000, deadlineMillis - System.currentTimeMillis());
        Properties p = new Properties();
        p.put("mail." + proto + ".host", host);
        p.put("mail." + proto + ".port", port);
        p.put("mail." + proto + ".localhost", config.hello());
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(timeout));
        p.put("mail." + proto + ".timeout", String.valueOf(timeout));
        p.put("mail." + proto + ".writetimeout", String.valueOf(timeout));
        if (!implicitTls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", String.valueOf(config.requireTls()));
        }
        if (config.tlsConfig().insecureSkipVerify()) {
            // Angus Mail 2 checks the server identity by default; insecure_skip_verify turns off both checks.
            p.put("mail." + proto + ".ssl.trust", "*");
            p.put("mail." + proto + ".ssl.checkserveridentity", "false");
        } else {
            p.put("mail." + proto + ".ssl.checkserveridentity", "true");
            if (!config.tlsConfig().caFile().isEmpty()) {
                try {
                    javax.net.ssl.SSLContext ssl = TlsContexts.of(config.tlsConfig());
                    p.put("mail." + proto + ".ssl.socketFactory", ssl.getSocketFactory());
                } catch (IOException e) {
                    throw new NotifyException(e.getMessage(), false, e);
                }
            }
        }
        String user = config.authUsername();
        String password = secret(config.authPassword(), config.authPasswordFile());
        String secret = secret(config.authSecret(), config.authSecretFile());
        boolean auth = !user.isEmpty();
        if (auth) {
            p.put("mail." + proto + ".auth", "true");
            if (!secret.isEmpty() && password.isEmpty()) {
                // Upstream uses CRAM-MD5 with auth_secret; Angus has no built-in CRAM-MD5, the JDK's SASL client does.
                p.put("mail." + proto + ".sasl.enable", "true");
                p.put("mail." + proto + ".sasl.mechanisms", "CRAM-MD5");
            } else {
                p.put("mail." + proto + ".auth.mechanisms", "PLAIN LOGIN");
            }
            if (!config.authIdentity().isEmpty()) {
                p.put("mail." + proto + ".sasl.authorizationid", config.authIdentity());
            }
        }
        p.put("mail.debug", System.getProperty("osprey.mail.debug", "false"));
        Session session = Session.getInstance(p);
        try {
            MimeMessage msg = message(session, data);
            try (Transport t = session.getTransport(proto)) {
                if (auth) {
                    t.connect(host, Integer.parseInt(port), user, password.isEmpty() ? secret : password);
                } else {
                    t.connect();
                }
                t.sendMessage(msg, msg.getAllRecipients());
            }
        } catch (MessagingException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            // Server 5xx replies (bad recipient, auth rejected) will not get better by retrying.
            boolean permanent = e instanceof jakarta.mail.AuthenticationFailedException
                    || m.contains("STARTTLS is required") || m.startsWith("5");
            throw new NotifyException("send email to " + config.to() + " via " + config.smarthost() + ": " + m, !permanent, e);
        } catch (TemplateFailure e) {
            throw new NotifyException(e.getMessage(), false, e);
        }
    }

    /** Builds the message: headers from config (templated), then text and HTML parts. */
    MimeMessage message(Session session, NotificationData data) throws MessagingException, TemplateFailure {
        MimeMessage msg = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (getHeader("Message-Id") == null) {
                    setHeader("Message-Id", "<" + System.currentTimeMillis() + "." + UUID.randomUUID() + "@osprey>");
                }
            }
        };
        Map<String, String> headers = config.headers();
        String subject = headers.containsKey("Subject") ? render(headers.get("Subject"), data)
                : render("{{ template \"email.default.subject\" . }}", data);
        String to = headers.containsKey("To") ? render(headers.get("To"), data) : render(config.to(), data);
        String from = headers.containsKey("From") ? render(headers.get("From"), data) : render(config.from(), data);
        msg.setFrom(new InternetAddress(from));
        msg.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        msg.setSubject(subject, "UTF-8");
        msg.setSentDate(new Date());
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().equals("Subject") && !h.getKey().equals("To") && !h.getKey().equals("From")) {
                msg.setHeader(h.getKey(), render(h.getValue(), data));
            }
        }
        MimeMultipart alt = new MimeMultipart("alternative");
        // Upstream sends only the HTML part unless text is configured; Osprey adds a default text part too.
        String text = render(config.text().isEmpty() ? "{{ template \"email.default.text\" . }}" : config.text(), data);
        String html = render(config.html().isEmpty() ? "{{ template \"email.default.html\" . }}" : config.html(), data);
        if (!text.isEmpty()) {
            MimeBodyPart tp = new MimeBodyPart();
            tp.setText(text, "UTF-8", "plain");
            alt.addBodyPart(tp);
        }
        if (!html.isEmpty()) {
            MimeBodyPart hp = new MimeBodyPart();
            hp.setText(html, "UTF-8", "html");
            alt.addBodyPart(hp);
        }
        msg.setContent(alt);
        msg.saveChanges();
        return msg;
    }

    private String render(String tmpl, NotificationData data) throws TemplateFailure {
        try {
            return templates.render(tmpl, data);
        } catch (Exception e) {
            throw new TemplateFailure("template error in email config of receiver " + data.receiver() + ": " + e.getMessage(), e);
        }
    }

    private static String secret(String inline, String file) throws NotifyException {
        if (!inline.isEmpty() || file.isEmpty()) {
            return inline;
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new NotifyException("read secret file " + file + ": " + e.getMessage(), false, e);
        }
    }

    /** A template that failed to render; not retried. */
    static final class TemplateFailure extends Exception {
        TemplateFailure(String m, Throwable cause) {
            super(m, cause);
        }
    }
}
