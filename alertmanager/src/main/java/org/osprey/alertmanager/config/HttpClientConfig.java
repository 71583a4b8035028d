package org.osprey.alertmanager.config;

import java.util.Map;

/**
 * The parts of Prometheus common http_config that Osprey's webhook client honours. Thread-safe: immutable.
 *
 * @param followRedirects follow 3xx responses (default true)
 * @param bearerToken Authorization bearer credentials, "" when none
 * @param basicUser basic auth user, "" when none
 * @param basicPassword basic auth password
 * @param tls TLS client settings (insecure_skip_verify, ca_file, server_name)
 * @param headers extra request headers from {@code http_headers}
 */
public record HttpClientConfig(boolean followRedirects, String bearerToken, String basicUser, String basicPassword,
        TlsSettings tls, Map<String, String> headers) {
    public static final HttpClientConfig DEFAULT = new HttpClientConfig(true, "", "", "", TlsSettings.DEFAULT, Map.of());
}
