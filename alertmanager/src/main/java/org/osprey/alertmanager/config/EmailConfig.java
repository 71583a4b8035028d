package org.osprey.alertmanager.config;

import java.util.Map;

/**
 * One {@code email_configs} entry with global SMTP settings already filled in. Thread-safe: immutable.
 *
 * @param headers extra and overriding mail headers (Subject, To, From are defaults here); values are templates
 * @param html HTML body template, "" for none
 * @param text plain text body template, "" for none
 */
public record EmailConfig(boolean sendResolved, String to, String from, String hello, String smarthost,
        String authUsername, String authPassword, String authPasswordFile, String authSecret, String authSecretFile,
        String authIdentity, Map<String, String> headers, String html, String text, boolean requireTls,
        TlsSettings tlsConfig) {
}
