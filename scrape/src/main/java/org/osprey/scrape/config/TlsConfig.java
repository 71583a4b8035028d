package org.osprey.scrape.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * A {@code tls_config} block; files resolved against the config folder, inline PEM kept as text.
 * Thread-safe: immutable.
 */
public record TlsConfig(String caFile, String ca, String certFile, String cert, String keyFile, String key,
                        String serverName, boolean insecureSkipVerify, String minVersion, String maxVersion) {
    public static final TlsConfig NONE = new TlsConfig("", "", "", "", "", "", "", false, "", "");
    private static final Set<String> VERSIONS = Set.of("", "TLS10", "TLS11", "TLS12", "TLS13");

    static TlsConfig parse(YamlNode n, Path baseDir) throws ConfigException {
        YamlNode.Fields f = n.fields("config.TLSConfig");
        TlsConfig t = new TlsConfig(HttpClientConfig.resolve(baseDir, f.string("ca_file", "")), f.string("ca", ""),
                HttpClientConfig.resolve(baseDir, f.string("cert_file", "")), f.string("cert", ""),
                HttpClientConfig.resolve(baseDir, f.string("key_file", "")), f.string("key", ""),
                f.string("server_name", ""), f.bool("insecure_skip_verify", false),
                f.string("min_version", ""), f.string("max_version", ""));
        f.accept("ca_ref", "cert_ref", "key_ref");
        f.done();
        if (!t.ca.isEmpty() && !t.caFile.isEmpty()) {
            throw n.error("at most one of ca and ca_file must be configured");
        }
        if (!t.cert.isEmpty() && !t.certFile.isEmpty()) {
            throw n.error("at most one of cert and cert_file must be configured");
        }
        if (!t.key.isEmpty() && !t.keyFile.isEmpty()) {
            throw n.error("at most one of key and key_file must be configured");
        }
        boolean hasCert = !t.cert.isEmpty() || !t.certFile.isEmpty();
        boolean hasKey = !t.key.isEmpty() || !t.keyFile.isEmpty();
        if (hasCert && !hasKey) {
            throw n.error("exactly one of key or key_file must be configured when a client certificate is configured");
        }
        if (hasKey && !hasCert) {
            throw n.error("exactly one of cert or cert_file must be configured when a client key is configured");
        }
        if (!VERSIONS.contains(t.minVersion)) {
            throw n.error("unknown TLS version: " + t.minVersion);
        }
        if (!VERSIONS.contains(t.maxVersion)) {
            throw n.error("unknown TLS version: " + t.maxVersion);
        }
        return t;
    }
}
