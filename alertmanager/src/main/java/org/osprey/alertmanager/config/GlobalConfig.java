package org.osprey.alertmanager.config;

/**
 * The {@code global:} block after defaults are applied. Secrets hold either the inline value or
 * the file name in the matching {@code *File} field. Thread-safe: immutable.
 */
public record GlobalConfig(long resolveTimeoutMillis, HttpClientConfig httpConfig, String smtpFrom, String smtpHello,
        String smtpSmarthost, String smtpAuthUsername, String smtpAuthPassword, String smtpAuthPasswordFile,
        String smtpAuthSecret, String smtpAuthSecretFile, String smtpAuthIdentity, boolean smtpRequireTls,
        TlsSettings smtpTlsConfig) {
    /** Upstream's default resolve_timeout. */
    public static final long DEFAULT_RESOLVE_TIMEOUT_MILLIS = 5 * 60_000L;
}
