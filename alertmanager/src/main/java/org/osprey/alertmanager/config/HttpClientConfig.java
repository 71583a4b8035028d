package org.osprey.alertmanager.config;

import java.util.Map;

/**
 * The parts of Prometheus common http_config that Osprey's webhook client honours. Thread-safe: immutable.
 *
 * @param followRedirects follow 3xx responses (default true)
 * @param bearerToken Authorization bearer credentials, "" when none
 * @param basicUser basic auth user, "" when none
 * @param basicPassword basic auth password
 * @param insecureSkipVerify skip TLS certificate checks
 * @param headers extra request headers
 */
public record HttpClientConfig(boolean followRedirects, String bearerToken, String basicUser, String basicPassword,
        boolean insecureSkipVerify, Map<String, String> headers) {
    public static final HttpClientConfig DEFAULT = new HttpClientConfig(true, "", "", "", false, Map.of());
}
