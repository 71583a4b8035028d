package org.osprey.probes.config;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.PromDuration;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a probe file: {@code global:} defaults and a {@code probes:} list (format in the module
 * README). Unknown keys, duplicate keys, bad durations and inconsistent settings are errors naming
 * file, line and key, so a typo never silently disables an assertion. Thread-safe: stateless.
 */
public final class ProbeConfigLoader {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESEND = Duration.ofMinutes(1);
    public static final String DEFAULT_SEVERITY = "warning";

    /** Labels the module sets itself; a probe may not override them through {@code labels}. */
    static final Set<String> RESERVED_LABELS = Set.of("alertname", "probe", "kind", "severity");

    private static final Set<String> TOP = Set.of("global", "probes");
    private static final Set<String> GLOBAL = Set.of("interval", "timeout", "failures_before_alert", "resend_interval");
    private static final Set<String> PROBE = Set.of("name", "kind", "interval", "timeout", "severity", "labels",
            "failures_before_alert", "http", "tcp", "kubernetes");
    private static final Set<String> HTTP = Set.of("url", "method", "headers", "body", "valid_status_codes",
            "body_regex", "json_equals", "max_latency", "insecure_skip_verify", "follow_redirects", "body_size_limit");
    private static final Set<String> TCP = Set.of("address", "send", "expect");
    private static final Set<String> KUBE = Set.of("namespace", "name_prefix");
    /** Headers the JDK client sets itself and refuses from callers; caught here rather than at run time. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private ProbeConfigLoader() {
    }

    /**
     * @throws IOException          when the file cannot be read
     * @throws ProbeConfigException when the content is not a valid probe file
     */
    public static ProbeConfig load(Path file) throws IOException, ProbeConfigException {
        return parse(Files.readString(file), file.toString());
    }

    /**
     * @param source name used in error messages
     * @throws ProbeConfigException when the content is not a valid probe file
     */
    public static ProbeConfig parse(String content, String source) throws ProbeConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        Node root;
        try {
            // First pass through SafeConstructor: refuses unsafe tags and duplicate keys with a mark.
            yaml.load(content);
            // Second pass keeps the node tree so each later error can name its line.
            root = yaml.compose(new StringReader(content));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String msg = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null) {
                msg = e.getContext() + ": " + msg;
            }
            throw new ProbeConfigException(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, msg);
        } catch (YAMLException e) {
            throw new ProbeConfigException(source, 0, 0, e.getMessage());
        }
        if (root == null) {
            return new ProbeConfig(List.of(), DEFAULT_RESEND);
        }
        YamlMapping top = new YamlMapping(source, root, "the probe file", TOP);
        Duration interval = DEFAULT_INTERVAL;
        Duration timeout = DEFAULT_TIMEOUT;
        int failures = 1;
        Duration resend = DEFAULT_RESEND;
        YamlMapping global = top.mapping("global", "global", GLOBAL);
        if (global != null) {
            interval = positive(global, "interval", global.duration("interval", interval));
            timeout = positive(global, "timeout", global.duration("timeout", timeout));
            failures = global.integer("failures_before_alert", failures);
            if (failures < 1) {
                throw global.error(global.value("failures_before_alert"), "failures_before_alert must be at least 1");
            }
            resend = positive(global, "resend_interval", global.duration("resend_interval", resend));
        }
        List<ProbeDefinition> probes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Node> items = top.list("probes");
        for (int i = 0; i < items.size(); i++) {
            ProbeDefinition p = probe(new YamlMapping(source, items.get(i), "probes[" + i + "]", null),
                    interval, timeout, failures);
            if (!names.add(p.name())) {
                throw new YamlMapping(source, items.get(i), "probes[" + i + "]", null)
                        .error(items.get(i), "duplicate probe name \"" + p.name() + "\"");
            }
            probes.add(p);
        }
        return new ProbeConfig(probes, resend);
    }

    private static Duration positive(YamlMapping m, String key, Duration d) throws ProbeConfigException {
        if (d.isZero()) {
            throw m.error(m.value(key), "\"" + key + "\" in " + m.context() + " must be greater than 0");
        }
        return d;
    }

    private static ProbeDefinition probe(YamlMapping raw, Duration dInterval, Duration dTimeout, int dFailures)
            throws ProbeConfigException {
        String name = raw.requiredString("name");
        // Name it first so every later error says which probe, not which list index.
        YamlMapping m = raw.withContext("probe \"" + name + "\"", PROBE);
        String kindText = m.requiredString("kind");
        ProbeKind kind;
        try {
            kind = ProbeKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw m.error(m.value("kind"), "unknown kind \"" + kindText + "\" in " + m.context() + " (want http, tcp or kubernetes)");
        }
        Duration interval = positive(m, "interval", m.duration("interval", dInterval));
        // Unset timeout follows the interval when the global default would exceed it, as a scrape does.
        Duration timeout = positive(m, "timeout", m.duration("timeout", dTimeout.compareTo(interval) > 0 ? interval : dTimeout));
        if (timeout.compareTo(interval) > 0) {
            throw m.error(m.value("timeout"), "timeout " + PromDuration.format(timeout) + " greater than interval "
                    + PromDuration.format(interval) + " in " + m.context());
        }
        String severity = m.string("severity", DEFAULT_SEVERITY);
        if (severity.isEmpty()) {
            throw m.error(m.keyNode("severity"), "empty severity in " + m.context());
        }
        Map<String, String> labelMap = m.stringMap("labels");
        for (String k : labelMap.keySet()) {
            if (RESERVED_LABELS.contains(k)) {
                throw m.error(m.value("labels"), "label \"" + k + "\" in " + m.context() + " is set by the probe itself");
            }
        }
        Labels labels = Labels.fromMap(labelMap);
        if (!labels.isValidLegacy()) {
            throw m.error(m.value("labels"), "invalid label name in " + m.context());
        }
        int failures = m.integer("failures_before_alert", dFailures);
        if (failures < 1) {
            throw m.error(m.value("failures_before_alert"), "failures_before_alert must be at least 1 in " + m.context());
        }
        for (ProbeKind other : ProbeKind.values()) {
            if (other != kind && m.has(other.label())) {
                throw m.error(m.keyNode(other.label()), "\"" + other.label() + "\" settings in " + m.context() + " of kind " + kind.label());
            }
        }
        HttpSettings http = null;
        TcpSettings tcp = null;
        KubernetesSettings kube = null;
        YamlMapping settings = m.mapping(kind.label(), kind.label() + " of " + m.context(),
                switch (kind) {
                    case HTTP -> HTTP;
                    case TCP -> TCP;
                    case KUBERNETES -> KUBE;
                });
        if (settings == null && kind != ProbeKind.KUBERNETES) {
            throw m.error(m.node(), "missing \"" + kind.label() + "\" settings in " + m.context());
        }
        switch (kind) {
            case HTTP -> http = http(settings);
            case TCP -> tcp = tcp(settings);
            case KUBERNETES -> kube = kubernetes(settings);
        }
        return new ProbeDefinition(name, kind, interval, timeout, severity, labels, failures, http, tcp, kube);
    }

    private static HttpSettings http(YamlMapping s) throws ProbeConfigException {
        String urlText = s.requiredString("url");
        URI url;
        try {
            url = new URI(urlText);
        } catch (URISyntaxException e) {
            throw s.error(s.value("url"), "invalid url in " + s.context() + ": " + e.getMessage());
        }
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
            throw s.error(s.value("url"), "url in " + s.context() + " must be an absolute http or https URL, got \"" + urlText + "\"");
        }
        String method = s.string("method", "GET").toUpperCase(Locale.ROOT);
        List<Integer> codes = new ArrayList<>();
        for (Node n : s.list("valid_status_codes")) {
            String t = s.scalar(n, "valid_status_codes item");
            try {
                int c = Integer.parseInt(t);
                if (c < 100 || c > 599) {
                    throw new NumberFormatException();
                }
                codes.add(c);
            } catch (NumberFormatException e) {
                throw s.error(n, "invalid status code \"" + t + "\" in " + s.context());
            }
        }
        Pattern bodyRegex = null;
        String regexText = s.string("body_regex", null);
        if (regexText != null) {
            try {
                bodyRegex = Pattern.compile(regexText);
            } catch (PatternSyntaxException e) {
                throw s.error(s.value("body_regex"), "invalid body_regex in " + s.context() + ": " + e.getDescription());
            }
        }
        Map<String, String> json = s.stringMap("json_equals");
        for (String pointer : json.keySet()) {
            if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                throw s.error(s.value("json_equals"), "JSON pointer \"" + pointer + "\" in " + s.context() + " must start with /");
            }
        }
        Map<String, String> headers = s.stringMap("headers");
        for (String h : headers.keySet()) {
            if (RESTRICTED_HEADERS.contains(h.toLowerCase(Locale.ROOT)) || !h.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw s.error(s.value("headers"), "header \"" + h + "\" in " + s.context() + " cannot be set by a probe");
            }
        }
        if (!method.matches("[A-Z]+")) {
            throw s.error(s.value("method"), "invalid method \"" + method + "\" in " + s.context());
        }
        Duration maxLatency = s.duration("max_latency", null);
        long bodyLimit = HttpSettings.DEFAULT_BODY_SIZE_LIMIT;
        String limitText = s.string("body_size_limit", null);
        if (limitText != null) {
            bodyLimit = byteSize(limitText);
            if (bodyLimit < 0) {
                throw s.error(s.value("body_size_limit"), "invalid body_size_limit \"" + limitText + "\" in " + s.context()
                        + " (want bytes, e.g. 512KB or 4MiB)");
            }
        }
        return new HttpSettings(url, method, headers, s.string("body", null), codes, bodyRegex, json,
                maxLatency, s.bool("insecure_skip_verify", false), s.bool("follow_redirects", true), bodyLimit);
    }

    /**
     * A byte size as the Blackbox exporter writes it: digits with an optional B, KB/KiB, MB/MiB or
     * GB/GiB suffix, all powers of 1024 (Go's {@code units.Base2Bytes}). Returns -1 when malformed.
     */
    static long byteSize(String text) {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 15) {
            return -1;
        }
        long n = Long.parseLong(text.substring(0, i));
        int shift = switch (text.substring(i)) {
            case "", "B" -> 0;
            case "KB", "KiB" -> 10;
            case "MB", "MiB" -> 20;
            case "GB", "GiB" -> 30;
            default -> -1;
        };
        return shift < 0 || n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
    }

    private static TcpSettings tcp(YamlMapping s) throws ProbeConfigException {
        String address = s.requiredString("address");
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw s.error(s.value("address"), "address in " + s.context() + " must be host:port, got \"" + address + "\"");
        }
        Pattern expect = null;
        String expectText = s.string("expect", null);
        if (expectText != null) {
            try {
                expect = Pattern.compile(expectText);
            } catch (PatternSyntaxException e) {
                throw s.error(s.value("expect"), "invalid expect regex in " + s.context() + ": " + e.getDescription());
            }
        }
        return new TcpSettings(host, port, s.string("send", null), expect);
    }

    private static KubernetesSettings kubernetes(YamlMapping s) throws ProbeConfigException {
        if (s == null) {
            return new KubernetesSettings("default", "osprey-probe-");
        }
        String ns = s.string("namespace", "default");
        if (!DNS_LABEL.matcher(ns).matches() || ns.length() > 63) {
            throw s.error(s.value("namespace"), "namespace \"" + ns + "\" in " + s.context() + " is not a valid DNS label");
        }
        String prefix = s.string("name_prefix", "osprey-probe-");
        // The generated name appends 10 characters; keep the whole name a valid DNS subdomain.
        if (prefix.length() > 200 || !prefix.matches("[a-z0-9]([-.a-z0-9]*)?")) {
            throw s.error(s.value("name_prefix"), "name_prefix \"" + prefix + "\" in " + s.context() + " must be lower-case letters, digits, '-' or '.'");
        }
        return new KubernetesSettings(ns, prefix);
    }
}
