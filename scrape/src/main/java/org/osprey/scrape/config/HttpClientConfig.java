package org.osprey.scrape.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP client settings shared by scrape configs and discovery configs (upstream's inline
 * HTTPClientConfig): auth, TLS, proxy, redirects, extra headers. File paths are resolved against
 * the config file's folder. {@code bearer_token(_file)} are folded into {@link #authorization()}
 * as upstream does. Thread-safe: immutable.
 */
public record HttpClientConfig(BasicAuth basicAuth, Authorization authorization, boolean oauth2, TlsConfig tls,
                               String proxyUrl, boolean followRedirects, boolean enableHttp2,
                               Map<String, List<String>> httpHeaders) {
    public static final HttpClientConfig DEFAULT = new HttpClientConfig(null, null, false, TlsConfig.NONE, "", true, true, Map.of());

    static final List<String> KEYS = List.of("basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file",
            "tls_config", "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header", "follow_redirects",
            "enable_http2", "http_headers");

    public HttpClientConfig {
        httpHeaders = Map.copyOf(httpHeaders);
    }

    /** {@code username} plus either a password or a file holding it. */
    public record BasicAuth(String username, String usernameFile, String password, String passwordFile) {
    }

    /** {@code Authorization: <type> <credentials>}; credentials inline or read from a file at each request. */
    public record Authorization(String type, String credentials, String credentialsFile) {
    }

    /** True when any of the HTTP client keys is present (kubernetes_sd needs to know). */
    static boolean anyPresent(YamlNode.Fields f) {
        for (String k : List.of("basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file",
                "tls_config", "proxy_url")) {
            if (f.has(k)) {
                return true;
            }
        }
        return false;
    }

    /** Reads the inline HTTP client keys of a struct and validates them as upstream does. */
    static HttpClientConfig parse(YamlNode.Fields f, Path baseDir) throws ConfigException {
        YamlNode at = f.node();
        BasicAuth basic = null;
        YamlNode b = f.get("basic_auth");
        if (b != null && !b.isNull()) {
            YamlNode.Fields bf = b.fields("config.BasicAuth");
            basic = new BasicAuth(bf.string("username", ""), resolve(baseDir, bf.string("username_file", "")),
                    bf.string("password", ""), resolve(baseDir, bf.string("password_file", "")));
            bf.accept("username_ref", "password_ref");
            bf.done();
            if (!basic.username().isEmpty() && !basic.usernameFile().isEmpty()) {
                throw at.error("at most one of basic_auth username & username_file must be configured");
            }
            if (!basic.password().isEmpty() && !basic.passwordFile().isEmpty()) {
                throw at.error("at most one of basic_auth password & password_file must be configured");
            }
        }
        Authorization auth = null;
        YamlNode a = f.get("authorization");
        if (a != null && !a.isNull()) {
            YamlNode.Fields af = a.fields("config.Authorization");
            auth = new Authorization(af.string("type", "Bearer"), af.string("credentials", ""),
                    resolve(baseDir, af.string("credentials_file", "")));
            af.accept("credentials_ref");
            af.done();
            if (auth.type().isEmpty()) {
                auth = new Authorization("Bearer", auth.credentials(), auth.credentialsFile());
            }
            if (auth.type().equalsIgnoreCase("basic")) {
                throw at.error("authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            }
            if (!auth.credentials().isEmpty() && !auth.credentialsFile().isEmpty()) {
                throw at.error("at most one of authorization credentials & credentials_file must be configured");
            }
        }
        boolean oauth2 = false;
        YamlNode o = f.get("oauth2");
        if (o != null && !o.isNull()) {
            oauth2 = true;
            YamlNode.Fields of = o.fields("config.OAuth2");
            if (of.string("client_id", "").isEmpty()) {
                throw at.error("oauth2 client_id must be configured");
            }
            if (of.string("token_url", "").isEmpty()) {
                throw at.error("oauth2 token_url must be configured");
            }
            if (!of.string("client_secret", "").isEmpty() && !of.string("client_secret_file", "").isEmpty()) {
                throw at.error("at most one of oauth2 client_secret & client_secret_file must be configured");
            }
            of.accept("client_secret_ref", "scopes", "endpoint_params", "tls_config", "proxy_url", "no_proxy",
                    "proxy_from_environment", "proxy_connect_header", "client_certificate_key", "client_certificate_key_id",
                    "client_certificate_key_file", "client_certificate_key_ref", "grant_type", "iss", "audience", "claims",
                    "signature_algorithm");
            of.done();
        }
        String bearer = f.string("bearer_token", "");
        String bearerFile = resolve(baseDir, f.string("bearer_token_file", ""));
        if (!bearer.isEmpty() && !bearerFile.isEmpty()) {
            throw at.error("at most one of bearer_token & bearer_token_file must be configured");
        }
        boolean anyBearer = !bearer.isEmpty() || !bearerFile.isEmpty();
        if ((basic != null || oauth2) && anyBearer) {
            throw at.error("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        if (auth != null && anyBearer) {
            throw at.error("authorization is not compatible with bearer_token & bearer_token_file");
        }
        if ((basic != null && oauth2) || (auth != null && (basic != null || oauth2))) {
            throw at.error("at most one of basic_auth, oauth2 & authorization must be configured");
        }
        if (anyBearer) {
            auth = new Authorization("Bearer", bearer, bearerFile);
        }
        TlsConfig tls = TlsConfig.NONE;
        YamlNode t = f.get("tls_config");
        if (t != null && !t.isNull()) {
            tls = TlsConfig.parse(t, baseDir);
        }
        String proxy = f.string("proxy_url", "");
        if (!proxy.isEmpty() && f.bool("proxy_from_environment", false)) {
            throw at.error("if proxy_from_environment is configured, proxy_url must not be configured");
        }
        f.get("no_proxy");
        f.get("proxy_connect_header");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        YamlNode h = f.get("http_headers");
        if (h != null) {
            for (Map.Entry<YamlNode, YamlNode> e : h.entries("config.Headers")) {
                YamlNode.Fields hf = e.getValue().fields("config.Header");
                String name = e.getKey().asString();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (lower.equals("authorization") || lower.equals("user-agent") || lower.equals("content-type")
                        || lower.startsWith("x-prometheus-")) {
                    throw at.error("setting header \"" + name + "\" is not allowed");
                }
                List<String> vals = new java.util.ArrayList<>(hf.strings("values"));
                vals.addAll(hf.strings("secrets"));
                for (String file : hf.strings("files")) {
                    vals.add("@file:" + resolve(baseDir, file));
                }
                hf.done();
                headers.put(name, List.copyOf(vals));
            }
        }
        return new HttpClientConfig(basic, auth, oauth2, tls, proxy, f.bool("follow_redirects", true),
                f.bool("enable_http2", true), headers);
    }

    static String resolve(Path baseDir, String file) {
        if (file.isEmpty() || baseDir == null) {
            return file;
        }
        Path p = Path.of(file);
        return p.isAbsolute() ? file : baseDir.resolve(p).toString();
    }
}
