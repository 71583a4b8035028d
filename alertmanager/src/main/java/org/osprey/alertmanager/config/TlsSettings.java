package org.osprey.alertmanager.config;

/**
 * TLS client settings of an SMTP or HTTP connection. Thread-safe: immutable.
 *
 * @param insecureSkipVerify accept any server certificate
 * @param serverName expected server name, "" for the host name
 * @param caFile PEM file of trusted CAs, "" for the JVM defaults
 */
public record TlsSettings(boolean insecureSkipVerify, String serverName, String caFile) {
    public static final TlsSettings DEFAULT = new TlsSettings(false, "", "");
}
