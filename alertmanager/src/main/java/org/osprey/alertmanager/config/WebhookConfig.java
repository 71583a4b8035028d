package org.osprey.alertmanager.config;

/**
 * One {@code webhook_configs} entry. Thread-safe: immutable.
 *
 * @param url target URL, "" when {@code urlFile} is used
 * @param urlFile file whose content is the URL, read at send time
 * @param maxAlerts most alerts per payload, 0 for all
 * @param timeoutMillis request timeout, 0 for none beyond the group interval
 */
public record WebhookConfig(boolean sendResolved, String url, String urlFile, HttpClientConfig httpConfig, int maxAlerts,
        long timeoutMillis) {
}
