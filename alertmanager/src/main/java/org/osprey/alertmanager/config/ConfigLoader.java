package org.osprey.alertmanager.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.MatchType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads alertmanager.yml with upstream's defaults, inheritance and validation rules (strict keys,
 * secrets inline or from a file, receivers and time intervals referenced by routes must exist).
 * Thread-safe: stateless; each call parses independently.
 */
public final class ConfigLoader {
    private static final long DEFAULT_GROUP_WAIT = 30_000;
    private static final long DEFAULT_GROUP_INTERVAL = 5 * 60_000;
    private static final long DEFAULT_REPEAT_INTERVAL = 4 * 3600_000;
    private static final Set<String> TOP = Set.of("global", "route", "inhibit_rules", "receivers", "templates",
            "time_intervals", "mute_time_intervals", "tracing");
    private static final Set<String> GLOBAL = Set.of("resolve_timeout", "http_config", "smtp_from", "smtp_hello",
            "smtp_smarthost", "smtp_auth_username", "smtp_auth_password", "smtp_auth_password_file",
            "smtp_auth_secret", "smtp_auth_secret_file", "smtp_auth_identity", "smtp_require_tls", "smtp_tls_config",
            "slack_api_url", "slack_api_url_file", "slack_app_token", "slack_app_token_file", "slack_app_url",
            "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key", "opsgenie_api_key_file", "wechat_api_url",
            "wechat_api_secret", "wechat_api_secret_file", "wechat_api_corp_id", "victorops_api_url",
            "victorops_api_key", "victorops_api_key_file", "telegram_api_url", "telegram_bot_token",
            "telegram_bot_token_file", "webex_api_url", "rocketchat_api_url", "rocketchat_token",
            "rocketchat_token_file", "rocketchat_token_id", "rocketchat_token_id_file", "mattermost_webhook_url",
            "mattermost_webhook_url_file", "jira_api_url");
    private static final Set<String> ROUTE = Set.of("receiver", "group_by", "match", "match_re", "matchers",
            "mute_time_intervals", "active_time_intervals", "continue", "routes", "group_wait", "group_interval",
            "repeat_interval");
    private static final Set<String> INHIBIT = Set.of("source_match", "source_match_re", "source_matchers",
            "target_match", "target_match_re", "target_matchers", "equal");
    private static final Set<String> EMAIL = Set.of("send_resolved", "to", "from", "hello", "smarthost",
            "auth_username", "auth_password", "auth_password_file", "auth_secret", "auth_secret_file", "auth_identity",
            "headers", "html", "text", "require_tls", "tls_config", "threading");
    private static final Set<String> WEBHOOK = Set.of("send_resolved", "url", "url_file", "http_config", "max_alerts",
            "timeout");
    private static final Set<String> HTTP = Set.of("authorization", "basic_auth", "oauth2", "bearer_token",
            "bearer_token_file", "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header",
            "tls_config", "follow_redirects", "enable_http2", "http_headers");
    private static final Set<String> TLS = Set.of("ca", "cert", "key", "ca_file", "cert_file", "key_file",
            "server_name", "insecure_skip_verify", "min_version", "max_version", "ca_ref", "cert_ref", "key_ref");

    private ConfigLoader() {
    }

    /** Loads and validates a file. */
    public static AlertmanagerConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("open " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toAbsolutePath().getParent());
    }

    /** Parses and validates YAML text; relative template globs resolve against {@code baseDir}. */
    public static AlertmanagerConfig parse(String text, Path baseDir) throws ConfigException {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(opts)).load(text);
        } catch (RuntimeException e) {
            throw new ConfigException("yaml: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new ConfigException("no route provided in config");
        }
        YamlMap top = YamlMap.of(root, "config.plain", TOP);
        YamlMap g = YamlMap.of(top.raw("global"), "config.GlobalConfig", GLOBAL);
        IntegrationRules.checkGlobal(g);
        GlobalConfig global = global(g);

        List<ReceiverConfig> receivers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Object r : top.list("receivers")) {
            ReceiverConfig rc = receiver(r, g, global);
            if (!names.add(rc.name())) {
                throw new ConfigException("notification config name \"" + rc.name() + "\" is not unique");
            }
            receivers.add(rc);
        }

        Map<String, List<TimeInterval>> intervals = new LinkedHashMap<>();
        for (String key : List.of("mute_time_intervals", "time_intervals")) {
            for (Object ti : top.list(key)) {
                YamlMap t = YamlMap.of(ti, "config.TimeInterval", Set.of("name", "time_intervals"));
                String name = t.str("name");
                if (name.isEmpty()) {
                    throw new ConfigException("missing name in time interval");
                }
                if (intervals.containsKey(name)) {
                    throw new ConfigException("time interval \"" + name + "\" is not unique");
                }
                List<TimeInterval> parts = new ArrayList<>();
                for (Object p : t.list("time_intervals")) {
                    parts.add(TimeInterval.parse(p));
                }
                intervals.put(name, List.copyOf(parts));
            }
        }

        if (top.raw("route") == null) {
            throw new ConfigException("no routes provided");
        }
        YamlMap rootRoute = YamlMap.of(top.raw("route"), "config.Route", ROUTE);
        if (rootRoute.str("receiver").isEmpty()) {
            throw new ConfigException("root route must specify a default receiver");
        }
        if (rootRoute.has("match") || rootRoute.has("match_re") || rootRoute.has("matchers")) {
            throw new ConfigException("root route must not have any matchers");
        }
        if (rootRoute.has("mute_time_intervals")) {
            throw new ConfigException("root route must not have any mute time intervals");
        }
        if (rootRoute.has("active_time_intervals")) {
            throw new ConfigException("root route must not have any active time intervals");
        }
        if (rootRoute.has("continue")) {
            throw new ConfigException("cannot have continue in root route");
        }
        Route route = route(rootRoute, null, names, intervals);
        route.assignIds();

        List<InhibitRule> inhibit = new ArrayList<>();
        for (Object ir : top.list("inhibit_rules")) {
            inhibit.add(inhibitRule(ir));
        }
        List<String> templates = new ArrayList<>();
        for (String t : top.strings("templates")) {
            if (t == null || t.isEmpty()) {
                continue;
            }
            Path p = Path.of(t);
            templates.add(p.isAbsolute() || baseDir == null ? t : baseDir.resolve(t).toString());
        }
        return new AlertmanagerConfig(global, route, List.copyOf(receivers), List.copyOf(inhibit), intervals,
                List.copyOf(templates), text);
    }

    private static GlobalConfig global(YamlMap g) throws ConfigException {
        long resolve = g.durationMillis("resolve_timeout");
        HttpClientConfig http = http(g.raw("http_config"), HttpClientConfig.DEFAULT);
        String hello = g.str("smtp_hello");
        return new GlobalConfig(resolve < 0 ? GlobalConfig.DEFAULT_RESOLVE_TIMEOUT_MILLIS : resolve, http,
                g.str("smtp_from"), hello.isEmpty() ? "localhost" : hello, g.str("smtp_smarthost"),
                g.str("smtp_auth_username"), g.str("smtp_auth_password"), g.str("smtp_auth_password_file"),
                g.str("smtp_auth_secret"), g.str("smtp_auth_secret_file"), g.str("smtp_auth_identity"),
                g.bool("smtp_require_tls", true), tls(g.raw("smtp_tls_config")));
    }

    static HttpClientConfig http(Object node, HttpClientConfig inherited) throws ConfigException {
        if (node == null) {
            return inherited;
        }
        YamlMap h = YamlMap.of(node, "config.HTTPClientConfig", HTTP);
        String bearer = h.str("bearer_token");
        Object authz = h.raw("authorization");
        if (authz != null) {
            YamlMap a = YamlMap.of(authz, "config.Authorization", Set.of("type", "credentials", "credentials_file",
                    "credentials_ref"));
            String type = a.str("type");
            if (!type.isEmpty() && !"bearer".equalsIgnoreCase(type)) {
                bearer = "";
            } else {
                bearer = a.str("credentials");
            }
        }
        String user = "";
        String pass = "";
        if (h.raw("basic_auth") != null) {
            YamlMap b = YamlMap.of(h.raw("basic_auth"), "config.BasicAuth", Set.of("username", "password",
                    "password_file", "username_file", "username_ref", "password_ref"));
            user = b.str("username");
            pass = b.str("password");
        }
        if (!bearer.isEmpty() && !user.isEmpty()) {
            throw new ConfigException("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        String proxy = h.str("proxy_url");
        if (!proxy.isEmpty()) {
            try {
                URI.create(proxy);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("invalid proxy_url " + proxy + ": " + e.getMessage());
            }
        }
        TlsSettings tls = tls(h.raw("tls_config"));
        Map<String, String> headers = new LinkedHashMap<>();
        Object hh = h.raw("http_headers");
        if (hh instanceof Map<?, ?> hm) {
            for (Map.Entry<?, ?> e : hm.entrySet()) {
                // Each header holds {values: [...]} (or secrets/files, which Osprey does not read).
                if (e.getValue() instanceof Map<?, ?> spec && spec.get("values") instanceof java.util.List<?> vs && !vs.isEmpty()) {
                    headers.put(String.valueOf(e.getKey()), String.valueOf(vs.get(0)));
                }
            }
        }
        return new HttpClientConfig(h.bool("follow_redirects", true), bearer, user, pass, tls, Map.copyOf(headers));
    }

    private static TlsSettings tls(Object node) throws ConfigException {
        if (node == null) {
            return TlsSettings.DEFAULT;
        }
        YamlMap t = YamlMap.of(node, "config.TLSConfig", TLS);
        return new TlsSettings(t.bool("insecure_skip_verify", false), t.str("server_name"), t.str("ca_file"));
    }

    private static ReceiverConfig receiver(Object node, YamlMap g, GlobalConfig global) throws ConfigException {
        if (!(node instanceof Map<?, ?> raw)) {
            throw new ConfigException("cannot unmarshal receiver: expected a mapping");
        }
        Set<String> allowed = new HashSet<>(Set.of("name", "email_configs", "webhook_configs"));
        for (String k : IntegrationRules.FIELDS.keySet()) {
            allowed.add(k + "_configs");
        }
        YamlMap r = YamlMap.of(raw, "config.Receiver", allowed);
        String name = r.str("name");
        if (name.isEmpty()) {
            throw new ConfigException("missing name in receiver");
        }
        List<EmailConfig> emails = new ArrayList<>();
        for (Object e : r.list("email_configs")) {
            emails.add(email(e, global));
        }
        List<WebhookConfig> hooks = new ArrayList<>();
        for (Object w : r.list("webhook_configs")) {
            hooks.add(webhook(w, global));
        }
        List<OtherIntegration> others = new ArrayList<>();
        for (String kind : IntegrationRules.FIELDS.keySet().stream().sorted().toList()) {
            for (Object o : r.list(kind + "_configs")) {
                YamlMap c = YamlMap.of(o, "config." + kind + "Config", IntegrationRules.allowed(kind));
                http(c.raw("http_config"), global.httpConfig());
                IntegrationRules.check(kind, c, g);
                others.add(new OtherIntegration(kind, c.bool("send_resolved", !"webex".equals(kind) && !"pushover".equals(kind)
                        && !"telegram".equals(kind) ? defaultSendResolved(kind) : true)));
            }
        }
        return new ReceiverConfig(name, List.copyOf(emails), List.copyOf(hooks), List.copyOf(others));
    }

    private static boolean defaultSendResolved(String kind) {
        // Upstream defaults send_resolved to false only for slack, email-like chat tools and wechat.
        return !Set.of("slack", "wechat", "rocketchat", "pushover").contains(kind);
    }

    private static EmailConfig email(Object node, GlobalConfig global) throws ConfigException {
        YamlMap e = YamlMap.of(node, "config.EmailConfig", EMAIL);
        String to = e.str("to");
        if (to.isEmpty()) {
            throw new ConfigException("missing to address in email config");
        }
        if (!e.str("auth_password").isEmpty() && !e.str("auth_password_file").isEmpty()) {
            throw new ConfigException("at most one of auth_password & auth_password_file must be configured");
        }
        if (!e.str("auth_secret").isEmpty() && !e.str("auth_secret_file").isEmpty()) {
            throw new ConfigException("at most one of auth_secret & auth_secret_file must be configured");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> h : e.stringMap("headers").entrySet()) {
            String norm = canonicalHeader(h.getKey());
            if (!seen.add(norm)) {
                throw new ConfigException("duplicate header \"" + norm + "\" in email config");
            }
            headers.put(norm, h.getValue() == null ? "" : h.getValue());
        }
        String from = or(e.str("from"), global.smtpFrom());
        String smarthost = or(e.str("smarthost"), global.smtpSmarthost());
        if (smarthost.isEmpty()) {
            throw new ConfigException("no global SMTP smarthost set");
        }
        if (from.isEmpty()) {
            throw new ConfigException("no global SMTP from set");
        }
        if (!smarthost.contains(":")) {
            throw new ConfigException("address " + smarthost + ": missing port in address");
        }
        String pw = e.str("auth_password");
        String pwFile = e.str("auth_password_file");
        if (pw.isEmpty() && pwFile.isEmpty()) {
            pw = global.smtpAuthPassword();
            pwFile = global.smtpAuthPasswordFile();
        }
        String secret = e.str("auth_secret");
        String secretFile = e.str("auth_secret_file");
        if (secret.isEmpty() && secretFile.isEmpty()) {
            secret = global.smtpAuthSecret();
            secretFile = global.smtpAuthSecretFile();
        }
        Boolean requireTls = e.bool("require_tls");
        TlsSettings tls = e.raw("tls_config") == null ? global.smtpTlsConfig() : tls(e.raw("tls_config"));
        return new EmailConfig(e.bool("send_resolved", false), to, from, or(e.str("hello"), global.smtpHello()),
                smarthost, or(e.str("auth_username"), global.smtpAuthUsername()), pw, pwFile, secret, secretFile,
                or(e.str("auth_identity"), global.smtpAuthIdentity()), Map.copyOf(headers), e.str("html"),
                e.str("text"), requireTls == null ? global.smtpRequireTls() : requireTls, tls);
    }

    /** Go's textproto.CanonicalMIMEHeaderKey: "content-type" becomes "Content-Type". */
    static String canonicalHeader(String k) {
        StringBuilder sb = new StringBuilder(k.length());
        boolean upper = true;
        for (char c : k.toCharArray()) {
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    private static WebhookConfig webhook(Object node, GlobalConfig global) throws ConfigException {
        YamlMap w = YamlMap.of(node, "config.WebhookConfig", WEBHOOK);
        String url = w.str("url");
        String urlFile = w.str("url_file");
        if (url.isEmpty() && urlFile.isEmpty()) {
            throw new ConfigException("one of url or url_file must be configured");
        }
        if (!url.isEmpty() && !urlFile.isEmpty()) {
            throw new ConfigException("at most one of url & url_file must be configured");
        }
        if (!url.isEmpty()) {
            checkUrl(url);
        }
        int max = w.integer("max_alerts", 0);
        if (max < 0) {
            throw new ConfigException("max_alerts must not be negative");
        }
        long timeout = w.durationMillis("timeout");
        return new WebhookConfig(w.bool("send_resolved", true), url, urlFile, http(w.raw("http_config"), global.httpConfig()),
                max, Math.max(timeout, 0));
    }

    static void checkUrl(String url) throws ConfigException {
        URI u;
        try {
            u = new URI(url);
        } catch (Exception e) {
            throw new ConfigException("parse \"" + url + "\": " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException("unsupported scheme \"" + scheme + "\" for URL");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new ConfigException("host is missing in URL " + url);
        }
    }

    private static Route route(YamlMap r, Route parent, Set<String> receivers, Map<String, List<TimeInterval>> intervals)
            throws ConfigException {
        String receiver = r.str("receiver");
        if (receiver.isEmpty()) {
            receiver = parent.receiver();
        }
        if (!receivers.contains(receiver)) {
            throw new ConfigException("undefined receiver \"" + receiver + "\" used in route");
        }
        List<String> groupBy = new ArrayList<>();
        boolean all = false;
        if (r.raw("group_by") != null) {
            Set<String> seen = new HashSet<>();
            for (String l : r.strings("group_by")) {
                if ("...".equals(l)) {
                    all = true;
                    continue;
                }
                if (l == null || !LabelNames.isLegacyName(l)) {
                    throw new ConfigException("invalid label name \"" + l + "\" in group_by list");
                }
                if (!seen.add(l)) {
                    throw new ConfigException("duplicated label \"" + l + "\" in group_by");
                }
                groupBy.add(l);
            }
            if (all && !groupBy.isEmpty()) {
                throw new ConfigException("cannot have wildcard group_by (`...`) and other other labels at the same time");
            }
        } else if (parent != null) {
            groupBy.addAll(parent.groupBy());
            all = parent.groupByAll();
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        for (Map.Entry<String, String> m : r.stringMap("match").entrySet()) {
            checkLabelName(m.getKey());
            matchers.add(LabelMatcher.equal(m.getKey(), m.getValue() == null ? "" : m.getValue()));
        }
        for (Map.Entry<String, String> m : r.stringMap("match_re").entrySet()) {
            checkLabelName(m.getKey());
            if (m.getValue() == null) {
                throw new ConfigException("invalid regular expression for label \"" + m.getKey()
                        + "\" in match_re: value is empty (null)");
            }
            matchers.add(regex(m.getKey(), m.getValue()));
        }
        matchers.addAll(matcherList(r.strings("matchers"), "matchers"));
        matchers.sort(Comparator.comparing(LabelMatcher::name).thenComparing(LabelMatcher::value)
                .thenComparing(m -> m.type().ordinal()));
        long wait = inherit(r.durationMillis("group_wait"), parent == null ? DEFAULT_GROUP_WAIT : parent.groupWaitMillis());
        long interval = inherit(r.durationMillis("group_interval"),
                parent == null ? DEFAULT_GROUP_INTERVAL : parent.groupIntervalMillis());
        long repeat = inherit(r.durationMillis("repeat_interval"),
                parent == null ? DEFAULT_REPEAT_INTERVAL : parent.repeatIntervalMillis());
        if (interval == 0) {
            throw new ConfigException("group_interval cannot be zero");
        }
        if (repeat == 0) {
            throw new ConfigException("repeat_interval cannot be zero");
        }
        List<String> mute = names(r.strings("mute_time_intervals"), intervals);
        List<String> active = names(r.strings("active_time_intervals"), intervals);
        Route route = new Route(parent, receiver, groupBy, all, matchers, r.bool("continue", false), wait, interval,
                repeat, mute, active);
        for (Object child : r.list("routes")) {
            route.addChild(route(YamlMap.of(child, "config.Route", ROUTE), route, receivers, intervals));
        }
        return route;
    }

    private static List<String> names(List<String> refs, Map<String, List<TimeInterval>> intervals) throws ConfigException {
        for (String n : refs) {
            if (n == null || !intervals.containsKey(n)) {
                throw new ConfigException("undefined time interval \"" + n + "\" used in route");
            }
        }
        return refs;
    }

    private static long inherit(long own, long parent) {
        return own < 0 ? parent : own;
    }

    private static void checkLabelName(String name) throws ConfigException {
        if (!LabelNames.isLegacyName(name)) {
            throw new ConfigException("invalid label name \"" + name + "\"");
        }
    }

    private static LabelMatcher regex(String name, String value) throws ConfigException {
        try {
            return MatcherParser.matcher(MatchType.REGEX, name, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static List<LabelMatcher> matcherList(List<String> specs, String field) throws ConfigException {
        List<LabelMatcher> out = new ArrayList<>();
        for (String s : specs) {
            if (s == null) {
                throw new ConfigException("empty matcher in " + field);
            }
            try {
                out.addAll(MatcherParser.parseList(s));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        return out;
    }

    private static InhibitRule inhibitRule(Object node) throws ConfigException {
        YamlMap ir = YamlMap.of(node, "config.InhibitRule", INHIBIT);
        List<LabelMatcher> source = side(ir, "source");
        List<LabelMatcher> target = side(ir, "target");
        List<String> equal = new ArrayList<>();
        for (String l : ir.strings("equal")) {
            if (l == null || !LabelNames.isLegacyName(l)) {
                throw new ConfigException("invalid label name \"" + l + "\" in equal list");
            }
            equal.add(l);
        }
        return new InhibitRule(List.copyOf(source), List.copyOf(target), List.copyOf(equal));
    }

    private static List<LabelMatcher> side(YamlMap ir, String side) throws ConfigException {
        List<LabelMatcher> out = new ArrayList<>();
        for (Map.Entry<String, String> m : ir.stringMap(side + "_match").entrySet()) {
            if (!LabelNames.isLegacyName(m.getKey())) {
                throw new ConfigException("invalid label name \"" + m.getKey() + "\"");
            }
            out.add(LabelMatcher.equal(m.getKey(), m.getValue() == null ? "" : m.getValue()));
        }
        for (Map.Entry<String, String> m : ir.stringMap(side + "_match_re").entrySet()) {
            if (m.getValue() == null) {
                throw new ConfigException("invalid regular expression for label \"" + m.getKey() + "\" in " + side
                        + "_match_re: value is empty (null)");
            }
            if (!LabelNames.isLegacyName(m.getKey())) {
                throw new ConfigException("invalid label name \"" + m.getKey() + "\"");
            }
            out.add(regex(m.getKey(), m.getValue()));
        }
        out.addAll(matcherList(ir.strings(side + "_matchers"), side + "_matchers"));
        return out;
    }

    private static String or(String a, String b) {
        return a == null || a.isEmpty() ? b : a;
    }
}
