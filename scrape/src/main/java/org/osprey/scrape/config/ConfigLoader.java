package org.osprey.scrape.config;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.PromDuration;
import org.osprey.scrape.discovery.TargetGroup;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads {@code prometheus.yml} as upstream's {@code config.LoadFile} does: strict keys (an unknown
 * or repeated key names the file, line and key), upstream defaults, upstream validations and their
 * wording, {@code scrape_config_files} included, relative paths resolved against the file's folder.
 * Thread-safe: stateless (each call builds its own parser).
 */
public final class ConfigLoader {
    /** Discovery kinds upstream has and Osprey does not run: they load with a warning. */
    static final Set<String> UNSUPPORTED_SD = Set.of("azure", "consul", "digitalocean", "docker", "dockerswarm", "dns",
            "ec2", "eureka", "gce", "hetzner", "http", "ionos", "kuma", "lightsail", "linode", "marathon", "nerve",
            "nomad", "oci", "openstack", "outscale", "ovhcloud", "puppetdb", "scaleway", "serverset", "stackit",
            "triton", "uyuni", "vultr");
    private static final Pattern PATH_PATTERN = Pattern.compile("^[^*]*(\\*[^/]*)?$");
    private static final Set<String> RESERVED_HEADERS = Set.of("content-encoding", "content-length", "content-type",
            "user-agent", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "www-authenticate",
            "accept-encoding", "x-prometheus-remote-write-version", "x-prometheus-remote-read-version");

    private ConfigLoader() {
    }

    /** Loads and validates a file; relative paths inside resolve against its folder. */
    public static PrometheusConfig loadFile(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("open " + file + ": " + e.getMessage(), e);
        }
        Path abs = file.toAbsolutePath();
        return load(text, file.toString(), abs.getParent(), System::getenv);
    }

    /**
     * Loads from text.
     *
     * @param name    the name used in errors (usually the file path)
     * @param baseDir folder that relative paths resolve against, or null to keep them as written
     * @param env     environment lookup for {@code external_labels} expansion
     */
    public static PrometheusConfig load(String text, String name, Path baseDir, UnaryOperator<String> env)
            throws ConfigException {
        YamlNode root = compose(text, name);
        List<String> warnings = new ArrayList<>();
        GlobalConfig global = GlobalConfig.DEFAULT;
        List<String> ruleFiles = new ArrayList<>();
        List<ScrapeConfig> scrapeConfigs = new ArrayList<>();
        AlertingConfig alerting = AlertingConfig.EMPTY;
        List<RemoteConfig> rw = new ArrayList<>();
        List<RemoteConfig> rr = new ArrayList<>();
        PrometheusConfig.StorageSettings storage = PrometheusConfig.StorageSettings.DEFAULT;
        if (root == null || root.isNull()) {
            return new PrometheusConfig(global, ruleFiles, scrapeConfigs, alerting, rw, rr, storage, warnings, name);
        }
        YamlNode.Fields f = root.fields("config.plain");
        YamlNode g = f.get("global");
        if (g != null && !g.isNull()) {
            global = parseGlobal(g, env);
        }
        f.accept("runtime", "otlp");
        YamlNode runtime = f.get("runtime");
        if (runtime != null && !runtime.isNull()) {
            YamlNode.Fields rf = runtime.fields("config.RuntimeConfig");
            rf.integer("gogc", 75);
            rf.done();
        }
        for (String rf : f.strings("rule_files")) {
            if (!PATH_PATTERN.matcher(rf).matches()) {
                throw root.error("invalid rule file path \"" + rf + "\"");
            }
            ruleFiles.add(HttpClientConfig.resolve(baseDir, rf));
        }
        List<String> scrapeFiles = f.strings("scrape_config_files");
        for (String sf : scrapeFiles) {
            if (!PATH_PATTERN.matcher(sf).matches()) {
                throw root.error("invalid scrape config file path \"" + sf + "\"");
            }
        }
        for (YamlNode sc : f.list("scrape_configs")) {
            if (sc.isNull()) {
                throw root.error("empty or null scrape config section");
            }
            scrapeConfigs.add(parseScrapeConfig(sc, global, baseDir, warnings));
        }
        for (String sf : scrapeFiles) {
            for (Path p : glob(HttpClientConfig.resolve(baseDir, sf))) {
                scrapeConfigs.addAll(loadScrapeConfigFile(p, global, warnings));
            }
        }
        Set<String> jobs = new HashSet<>();
        for (ScrapeConfig sc : scrapeConfigs) {
            if (!jobs.add(sc.jobName())) {
                throw root.error("found multiple scrape configs with job name \"" + sc.jobName() + "\"");
            }
        }
        YamlNode al = f.get("alerting");
        if (al != null && !al.isNull()) {
            alerting = parseAlerting(al, baseDir, warnings);
        }
        Set<String> rwNames = new HashSet<>();
        for (YamlNode n : f.list("remote_write")) {
            RemoteConfig c = parseRemote(n, true, baseDir);
            if (!c.name().isEmpty() && !rwNames.add(c.name())) {
                throw root.error("found multiple remote write configs with job name \"" + c.name() + "\"");
            }
            rw.add(c);
        }
        Set<String> rrNames = new HashSet<>();
        for (YamlNode n : f.list("remote_read")) {
            RemoteConfig c = parseRemote(n, false, baseDir);
            if (!c.name().isEmpty() && !rrNames.add(c.name())) {
                throw root.error("found multiple remote read configs with job name \"" + c.name() + "\"");
            }
            rr.add(c);
        }
        YamlNode st = f.get("storage");
        if (st != null && !st.isNull()) {
            storage = parseStorage(st);
        }
        YamlNode tr = f.get("tracing");
        if (tr != null && !tr.isNull()) {
            parseTracing(tr, baseDir);
        }
        f.done();
        return new PrometheusConfig(global, ruleFiles, scrapeConfigs, alerting, rw, rr, storage, warnings, name);
    }

    static YamlNode compose(String text, String name) throws ConfigException {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(100);
        opts.setCodePointLimit(64 * 1024 * 1024);
        Yaml yaml = new Yaml(new SafeConstructor(opts));
        try {
            Node n = yaml.compose(new StringReader(text));
            return n == null ? null : new YamlNode(n, name);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException("parsing YAML file " + name + ": yaml: line " + line + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new ConfigException("parsing YAML file " + name + ": yaml: " + e.getMessage(), e);
        }
    }

    private static List<ScrapeConfig> loadScrapeConfigFile(Path p, GlobalConfig global, List<String> warnings)
            throws ConfigException {
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("open " + p + ": " + e.getMessage(), e);
        }
        YamlNode root = compose(text, p.toString());
        List<ScrapeConfig> out = new ArrayList<>();
        if (root == null || root.isNull()) {
            return out;
        }
        YamlNode.Fields f = root.fields("config.ScrapeConfigs");
        for (YamlNode sc : f.list("scrape_configs")) {
            if (sc.isNull()) {
                throw root.error("empty or null scrape config section");
            }
            out.add(parseScrapeConfig(sc, global, p.toAbsolutePath().getParent(), warnings));
        }
        f.done();
        return out;
    }

    static List<Path> glob(String pattern) {
        Path p = Path.of(pattern);
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        String base = p.getFileName().toString();
        if (!base.contains("*") && !base.contains("?") && !base.contains("[")) {
            return Files.exists(p) ? List.of(p) : List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + base);
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(x -> m.matches(x.getFileName()) && Files.isRegularFile(x)).sorted().forEach(out::add);
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private static GlobalConfig parseGlobal(YamlNode n, UnaryOperator<String> env) throws ConfigException {
        GlobalConfig d = GlobalConfig.DEFAULT;
        YamlNode.Fields f = n.fields("config.plain");
        long interval = f.durationMillis("scrape_interval", 0);
        long timeout = f.durationMillis("scrape_timeout", 0);
        long eval = f.durationMillis("evaluation_interval", 0);
        long offset = f.durationMillis("rule_query_offset", 0);
        Labels ext = parseLabelMap(f.get("external_labels"), env);
        String queryLog = f.string("query_log_file", "");
        String failLog = f.string("scrape_failure_log_file", "");
        long body = byteSize(f.get("body_size_limit"));
        long sample = f.integer("sample_limit", 0);
        long target = f.integer("target_limit", 0);
        long labelLimit = f.integer("label_limit", 0);
        long nameLen = f.integer("label_name_length_limit", 0);
        long valueLen = f.integer("label_value_length_limit", 0);
        long keepDropped = f.integer("keep_dropped_targets", 0);
        List<String> protocols = f.has("scrape_protocols") ? f.strings("scrape_protocols") : d.scrapeProtocols();
        String validation = f.string("metric_name_validation_scheme", "");
        String escaping = f.string("metric_name_escaping_scheme", "");
        for (String b : List.of("scrape_native_histograms", "always_scrape_classic_histograms",
                "convert_classic_histograms_to_nhcb")) {
            f.bool(b, false);
        }
        boolean extra = f.bool("extra_scrape_metrics", false);
        f.done();
        if (interval == 0) {
            interval = d.scrapeIntervalMillis();
        }
        if (timeout > interval) {
            throw n.error("global scrape timeout greater than scrape interval");
        }
        if (timeout == 0) {
            timeout = Math.min(d.scrapeTimeoutMillis(), interval);
        }
        if (eval == 0) {
            eval = d.evaluationIntervalMillis();
        }
        checkProtocols(n, protocols, "");
        switch (validation) {
            case "", "utf8", "legacy" -> {
            }
            default -> throw n.error("unknown global name validation method specified, must be either '', 'legacy' or 'utf8', got "
                    + validation);
        }
        if (validation.isEmpty()) {
            validation = "utf8";
        }
        escaping = checkEscaping(n, validation, escaping);
        return new GlobalConfig(interval, timeout, eval, offset, ext, queryLog, failLog, body, sample, target,
                labelLimit, nameLen, valueLen, keepDropped, protocols, validation, escaping, extra);
    }

    private static String checkEscaping(YamlNode n, String validation, String escaping) throws ConfigException {
        switch (escaping) {
            case "" -> {
                return validation.equals("legacy") ? "underscores" : "allow-utf-8";
            }
            case "allow-utf-8" -> {
                if (validation.equals("legacy")) {
                    throw n.error("utf8 metric names requested but validation scheme is not set to UTF8");
                }
                return escaping;
            }
            case "underscores", "dots", "values" -> {
                return escaping;
            }
            default -> throw n.error("unknown metric name escaping method specified, must be one of 'allow-utf-8', "
                    + "'underscores', 'dots', or 'values', got " + escaping);
        }
    }

    private static void checkProtocols(YamlNode n, List<String> protocols, String job) throws ConfigException {
        String suffix = job.isEmpty() ? "" : " for scrape config with job name \"" + job + "\"";
        for (String p : protocols) {
            if (!GlobalConfig.SUPPORTED_SCRAPE_PROTOCOLS.contains(p)) {
                throw n.error("scrape_protocols: unknown scrape protocol " + p + ", supported: "
                        + supportedProtocols() + suffix);
            }
        }
        if (new HashSet<>(protocols).size() != protocols.size()) {
            throw n.error("duplicated protocol in scrape_protocols, got [" + String.join(" ", protocols) + "]" + suffix);
        }
    }

    private static String supportedProtocols() {
        return "[" + String.join(" ", GlobalConfig.SUPPORTED_SCRAPE_PROTOCOLS) + "]";
    }

    /** Labels from a YAML map, each name and value checked; values go through os.Expand-style $VAR expansion. */
    private static Labels parseLabelMap(YamlNode n, UnaryOperator<String> env) throws ConfigException {
        if (n == null || n.isNull()) {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        for (Map.Entry<YamlNode, YamlNode> e : n.entries("labels.Labels")) {
            String k;
            try {
                k = e.getKey().asString();
            } catch (YamlNode.InvalidUtf8 bad) {
                throw n.error(bad.quoted + " is not a valid label name");
            }
            String v;
            try {
                v = e.getValue().asString();
            } catch (YamlNode.InvalidUtf8 bad) {
                throw n.error(bad.quoted + " is not a valid label value");
            }
            if (!LabelNames.isValidName(k) || k.equals(Labels.METRIC_NAME)) {
                throw n.error("\"" + k + "\" is not a valid label name");
            }
            b.set(k, env == null ? v : expandEnv(v, env));
        }
        return b.build();
    }

    /** Go's os.Expand: {@code $NAME} and {@code ${NAME}} from the environment, {@code $$} is a literal $. */
    static String expandEnv(String s, UnaryOperator<String> env) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            char n = s.charAt(i + 1);
            if (n == '{') {
                int end = s.indexOf('}', i + 2);
                if (end < 0) {
                    i += 2; // Go drops a dangling "${"
                    continue;
                }
                out.append(lookup(s.substring(i + 2, end), env));
                i = end + 1;
            } else if ("*#$@!?-".indexOf(n) >= 0 || Character.isDigit(n)) {
                out.append(n == '$' ? "$" : lookup(String.valueOf(n), env));
                i += 2;
            } else {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    out.append('$');
                    i++;
                    continue;
                }
                out.append(lookup(s.substring(i + 1, j), env));
                i = j;
            }
        }
        return out.toString();
    }

    private static String lookup(String name, UnaryOperator<String> env) {
        String v = env.apply(name);
        return v == null ? "" : v;
    }

    private static long byteSize(YamlNode n) throws ConfigException {
        if (n == null || n.isNull()) {
            return 0;
        }
        try {
            return ByteSizes.parse(n.asString());
        } catch (IllegalArgumentException e) {
            throw n.error("line " + n.line() + ": " + e.getMessage());
        }
    }

    static ScrapeConfig parseScrapeConfig(YamlNode n, GlobalConfig g, Path baseDir, List<String> warnings)
            throws ConfigException {
        YamlNode.Fields f = n.fields("config.plain");
        String job = f.string("job_name", "");
        long interval = f.durationMillis("scrape_interval", 0);
        long timeout = f.durationMillis("scrape_timeout", 0);
        String metricsPath = f.string("metrics_path", "/metrics");
        String scheme = f.string("scheme", "http");
        Map<String, List<String>> params = new LinkedHashMap<>();
        YamlNode pn = f.get("params");
        if (pn != null) {
            for (Map.Entry<YamlNode, YamlNode> e : pn.entries("url.Values")) {
                params.put(e.getKey().asString(), e.getValue().asStringList());
            }
        }
        boolean honorLabels = f.bool("honor_labels", false);
        boolean honorTimestamps = f.bool("honor_timestamps", true);
        boolean trackStaleness = f.bool("track_timestamps_staleness", false);
        boolean compression = f.bool("enable_compression", true);
        long sampleLimit = f.integer("sample_limit", 0);
        long labelLimit = f.integer("label_limit", 0);
        long nameLen = f.integer("label_name_length_limit", 0);
        long valueLen = f.integer("label_value_length_limit", 0);
        long body = byteSize(f.get("body_size_limit"));
        long targetLimit = f.integer("target_limit", 0);
        long keepDropped = f.integer("keep_dropped_targets", 0);
        List<String> protocols = f.has("scrape_protocols") ? f.strings("scrape_protocols") : g.scrapeProtocols();
        String fallback = "";
        YamlNode fb = f.get("fallback_scrape_protocol");
        if (fb != null) {
            if (!fb.isScalar()) {
                throw fb.typeError("config.ScrapeProtocol");
            }
            fallback = fb.asString();
        }
        String validation = f.string("metric_name_validation_scheme", "");
        String escaping = f.string("metric_name_escaping_scheme", "");
        for (String b : List.of("scrape_native_histograms", "always_scrape_classic_histograms",
                "convert_classic_histograms_to_nhcb")) {
            f.bool(b, false);
        }
        boolean extra = f.bool("extra_scrape_metrics", g.extraScrapeMetrics());
        f.accept("scrape_failure_log_file", "native_histogram_bucket_limit", "native_histogram_min_bucket_factor");
        HttpClientConfig http = HttpClientConfig.parse(f, baseDir);
        List<TargetGroup> statics = parseStaticConfigs(f.get("static_configs"), n);
        List<FileSdConfig> fileSd = new ArrayList<>();
        for (YamlNode fn : f.list("file_sd_configs")) {
            if (!fn.isNull()) {
                fileSd.add(FileSdConfig.parse(fn, baseDir));
            }
        }
        List<KubernetesSdConfig> kube = new ArrayList<>();
        for (YamlNode kn : f.list("kubernetes_sd_configs")) {
            if (!kn.isNull()) {
                kube.add(KubernetesSdConfig.parse(kn, baseDir));
            }
        }
        List<UnsupportedSdConfig> unsupported = parseUnsupported(f, "scrape config with job name \"" + job + "\"",
                baseDir, warnings);
        List<RelabelRule> relabel = parseRelabels(f.list("relabel_configs"), "target relabeling rule");
        List<RelabelRule> metricRelabel = parseRelabels(f.list("metric_relabel_configs"), "metric relabeling rule");
        f.done();
        // Upstream decodes the whole struct (sub-configs validate as they decode) before this check.
        if (job.isEmpty()) {
            throw n.error("job_name is empty");
        }
        if (interval == 0) {
            interval = g.scrapeIntervalMillis();
        }
        if (timeout > interval) {
            throw n.error("scrape timeout greater than scrape interval for scrape config with job name \"" + job + "\"");
        }
        if (timeout == 0) {
            timeout = Math.min(g.scrapeTimeoutMillis(), interval);
        }
        checkProtocols(n, protocols, job);
        if (!fallback.isEmpty() && !GlobalConfig.SUPPORTED_SCRAPE_PROTOCOLS.contains(fallback)) {
            throw n.error("invalid fallback_scrape_protocol for scrape config with job name \"" + job
                    + "\": unknown scrape protocol " + fallback + ", supported: " + supportedProtocols());
        }
        switch (validation) {
            case "" -> validation = g.metricNameValidationScheme();
            case "utf8", "legacy" -> {
            }
            default -> throw n.error("unknown scrape config name validation method specified, must be either '', "
                    + "'legacy' or 'utf8', got " + validation);
        }
        escaping = checkEscaping(n, validation, escaping.isEmpty() && validation.equals(g.metricNameValidationScheme())
                ? g.metricNameEscapingScheme() : escaping);
        return new ScrapeConfig(job, interval, timeout, metricsPath, scheme, params, honorLabels, honorTimestamps,
                trackStaleness, http, compression, or(sampleLimit, g.sampleLimit()), or(labelLimit, g.labelLimit()),
                or(nameLen, g.labelNameLengthLimit()), or(valueLen, g.labelValueLengthLimit()), or(body, g.bodySizeLimit()),
                or(targetLimit, g.targetLimit()), or(keepDropped, g.keepDroppedTargets()), protocols, fallback,
                validation, escaping, statics, fileSd, kube, unsupported, relabel, metricRelabel, extra);
    }

    private static long or(long v, long dflt) {
        return v == 0 ? dflt : v;
    }

    private static List<TargetGroup> parseStaticConfigs(YamlNode list, YamlNode owner) throws ConfigException {
        List<TargetGroup> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        int i = 0;
        for (YamlNode sn : list.asList()) {
            if (sn.isNull()) {
                throw owner.error("empty or null section in static_configs");
            }
            YamlNode.Fields sf = sn.fields("targetgroup.Group");
            List<String> targets = sf.strings("targets");
            Map<String, String> labels = new LinkedHashMap<>();
            YamlNode ln = sf.get("labels");
            if (ln != null) {
                for (Map.Entry<YamlNode, YamlNode> e : ln.entries("model.LabelSet")) {
                    try {
                        labels.put(e.getKey().asString(), e.getValue().asString());
                    } catch (YamlNode.InvalidUtf8 bad) {
                        throw sn.error(bad.quoted + " is not a valid label name");
                    }
                }
            }
            sf.done();
            try {
                out.add(TargetGroup.of(targets, labels, String.valueOf(i++)));
            } catch (IllegalArgumentException e) {
                throw sn.error("line " + sn.line() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static List<UnsupportedSdConfig> parseUnsupported(YamlNode.Fields f, String owner, Path baseDir,
                                                              List<String> warnings) throws ConfigException {
        List<UnsupportedSdConfig> out = new ArrayList<>();
        for (String kind : new TreeSet<>(UNSUPPORTED_SD)) {
            YamlNode list = f.get(kind + "_sd_configs");
            if (list == null) {
                continue;
            }
            int i = 0;
            for (YamlNode sd : list.asList()) {
                if (sd.isNull()) {
                    continue;
                }
                // Not run, but the shared HTTP client rules are still checked so a broken file fails
                // here as it would upstream; kind-specific keys are accepted as written.
                YamlNode.Fields sf = sd.fields(kind + ".SDConfig");
                HttpClientConfig.parse(sf, baseDir);
                if (kind.equals("http")) {
                    checkHttpSdUrl(sd, sf.string("url", ""));
                }
                out.add(new UnsupportedSdConfig(kind, i++));
            }
            if (i > 0) {
                warnings.add(kind + "_sd_configs in " + owner + " is not supported by Osprey and yields no targets");
            }
        }
        return out;
    }

    private static void checkHttpSdUrl(YamlNode n, String url) throws ConfigException {
        if (url.isEmpty()) {
            throw n.error("URL is missing");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            // Go's url.Parse accepts "http://" and fails later on the missing host; say so.
            if (url.matches("(?i)https?://")) {
                throw n.error("host is missing in URL");
            }
            throw n.error("parse \"" + url + "\": " + e.getMessage());
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw n.error("URL scheme must be 'http' or 'https'");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw n.error("host is missing in URL");
        }
    }

    private static List<RelabelRule> parseRelabels(List<YamlNode> nodes, String what) throws ConfigException {
        List<RelabelRule> out = new ArrayList<>(nodes.size());
        for (YamlNode r : nodes) {
            out.add(RelabelRule.parse(r, what));
        }
        return out;
    }

    private static AlertingConfig parseAlerting(YamlNode n, Path baseDir, List<String> warnings) throws ConfigException {
        YamlNode.Fields f = n.fields("config.AlertingConfig");
        List<RelabelRule> alertRelabel = parseRelabels(f.list("alert_relabel_configs"), "alert relabeling rule");
        List<AlertingConfig.Alertmanager> ams = new ArrayList<>();
        int i = 0;
        for (YamlNode an : f.list("alertmanagers")) {
            if (an.isNull()) {
                throw n.error("empty or null alert manager config");
            }
            YamlNode.Fields af = an.fields("config.AlertmanagerConfig");
            String scheme = af.string("scheme", "http");
            String prefix = af.string("path_prefix", "");
            long timeout = af.durationMillis("timeout", 10_000);
            String api = af.string("api_version", "v2");
            if (!api.equals("v2")) {
                throw an.error("expected Alertmanager api version to be one of [v2] but got " + api);
            }
            af.accept("sigv4");
            HttpClientConfig http = HttpClientConfig.parse(af, baseDir);
            List<TargetGroup> statics = parseStaticConfigs(af.get("static_configs"), an);
            List<FileSdConfig> fileSd = new ArrayList<>();
            for (YamlNode fn : af.list("file_sd_configs")) {
                if (!fn.isNull()) {
                    fileSd.add(FileSdConfig.parse(fn, baseDir));
                }
            }
            List<KubernetesSdConfig> kube = new ArrayList<>();
            for (YamlNode kn : af.list("kubernetes_sd_configs")) {
                if (!kn.isNull()) {
                    kube.add(KubernetesSdConfig.parse(kn, baseDir));
                }
            }
            parseUnsupported(af, "alertmanager config " + i++, baseDir, warnings);
            List<RelabelRule> rel = parseRelabels(af.list("relabel_configs"), "Alertmanager target relabeling rule");
            List<RelabelRule> arel = parseRelabels(af.list("alert_relabel_configs"), "Alertmanager alert relabeling rule");
            af.done();
            ams.add(new AlertingConfig.Alertmanager(scheme, prefix, timeout, api, http, statics, fileSd, kube, rel, arel));
        }
        f.done();
        return new AlertingConfig(alertRelabel, ams);
    }

    private static RemoteConfig parseRemote(YamlNode n, boolean write, Path baseDir) throws ConfigException {
        String kind = write ? "remote write" : "remote read";
        if (n.isNull()) {
            throw n.error("empty or null " + kind + " config section");
        }
        YamlNode.Fields f = n.fields(write ? "config.RemoteWriteConfig" : "config.RemoteReadConfig");
        String url = f.string("url", "");
        if (url.isEmpty()) {
            throw n.error("url for " + (write ? "remote_write" : "remote_read") + " is empty");
        }
        String name = f.string("name", "");
        long timeout = f.durationMillis("remote_timeout", write ? 30_000 : 60_000);
        YamlNode hn = f.get("headers");
        Map<String, String> headers = hn == null ? Map.of() : hn.asStringMap("map[string]string");
        for (String h : headers.keySet()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                throw n.error("authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, "
                        + "azuread or google_iam parameter");
            }
            if (RESERVED_HEADERS.contains(lower)) {
                throw n.error(h + " is a reserved header. It must not be changed");
            }
        }
        HttpClientConfig http = HttpClientConfig.parse(f, baseDir);
        String proto = "";
        List<RelabelRule> relabel = List.of();
        boolean readRecent = false;
        Map<String, String> required = Map.of();
        if (write) {
            proto = f.string("protobuf_message", "prometheus.WriteRequest");
            if (!proto.equals("prometheus.WriteRequest") && !proto.equals("io.prometheus.write.v2.Request")) {
                throw n.error("invalid protobuf_message value: unknown type for remote write protobuf message " + proto
                        + ", supported: prometheus.WriteRequest, io.prometheus.write.v2.Request");
            }
            relabel = parseRelabels(f.list("write_relabel_configs"), "relabeling rule in remote write config");
            YamlNode q = f.get("queue_config");
            if (q != null && !q.isNull()) {
                checkQueueConfig(q);
            }
            f.accept("send_exemplars", "send_native_histograms", "round_robin_dns", "metadata_config", "sigv4",
                    "azuread", "google_iam");
        } else {
            readRecent = f.bool("read_recent", false);
            YamlNode rm = f.get("required_matchers");
            required = rm == null ? Map.of() : rm.asStringMap("model.LabelSet");
            f.accept("filter_external_labels");
        }
        f.done();
        return new RemoteConfig(url, name, timeout, headers, http, proto, relabel, readRecent, required);
    }

    private static void checkQueueConfig(YamlNode q) throws ConfigException {
        YamlNode.Fields f = q.fields("config.QueueConfig");
        long capacity = f.integer("capacity", 10_000);
        long maxShards = f.integer("max_shards", 50);
        long minShards = f.integer("min_shards", 1);
        long maxSamples = f.integer("max_samples_per_send", 2000);
        long minBackoff = f.durationMillis("min_backoff", 30);
        long maxBackoff = f.durationMillis("max_backoff", 5000);
        f.accept("batch_send_deadline", "retry_on_http_429", "sample_age_limit");
        f.durationMillis("batch_send_deadline", 5000);
        f.bool("retry_on_http_429", false);
        f.durationMillis("sample_age_limit", 0);
        f.done();
        if (capacity <= 0) {
            throw q.error("queue_config: capacity must be greater than 0, got " + capacity);
        }
        if (maxShards <= 0) {
            throw q.error("queue_config: max_shards must be greater than 0, got " + maxShards);
        }
        if (minShards <= 0) {
            throw q.error("queue_config: min_shards must be greater than 0, got " + minShards);
        }
        if (minShards > maxShards) {
            throw q.error("queue_config: min_shards (" + minShards + ") must not be greater than max_shards (" + maxShards + ")");
        }
        if (maxSamples <= 0) {
            throw q.error("queue_config: max_samples_per_send must be greater than 0, got " + maxSamples);
        }
        if (maxBackoff < minBackoff) {
            throw q.error("queue_config: max_backoff (" + PromDuration.format(maxBackoff)
                    + ") must not be less than min_backoff (" + PromDuration.format(minBackoff) + ")");
        }
    }

    private static PrometheusConfig.StorageSettings parseStorage(YamlNode n) throws ConfigException {
        YamlNode.Fields f = n.fields("config.StorageConfig");
        long ooo = 0;
        long retTime = 0;
        long retSize = 0;
        double retPct = 0;
        String floats = "xor";
        long maxExemplars = 0;
        YamlNode t = f.get("tsdb");
        if (t != null && !t.isNull()) {
            YamlNode.Fields tf = t.fields("config.TSDBConfig");
            ooo = tf.durationMillis("out_of_order_time_window", 0);
            if (tf.has("stale_series_compaction_threshold")) {
                tf.get("stale_series_compaction_threshold").asDouble();
            }
            YamlNode r = tf.get("retention");
            if (r != null && !r.isNull()) {
                YamlNode.Fields rf = r.fields("config.TSDBRetentionConfig");
                retTime = rf.durationMillis("time", 0);
                retSize = byteSize(rf.get("size"));
                YamlNode p = rf.get("percentage");
                if (p != null) {
                    retPct = p.asDouble();
                    if (retPct < 0 || retPct > 100) {
                        throw p.error("line " + p.line() + ": retention percentage must be between 0 and 100, got " + p.asString());
                    }
                }
                rf.done();
            }
            YamlNode ce = tf.get("chunk_encoding");
            if (ce != null && !ce.isNull()) {
                YamlNode.Fields cf = ce.fields("config.TSDBChunkEncodingConfig");
                floats = cf.string("floats", "xor");
                if (!floats.equals("xor") && !floats.equals("xor2")) {
                    throw ce.error("line " + ce.line() + ": unknown chunk encoding for floats \"" + floats
                            + "\", supported: xor, xor2");
                }
                cf.done();
            }
            tf.done();
        }
        YamlNode ex = f.get("exemplars");
        if (ex != null && !ex.isNull()) {
            YamlNode.Fields ef = ex.fields("config.ExemplarsConfig");
            maxExemplars = ef.integer("max_exemplars", 100_000);
            ef.done();
        }
        f.done();
        return new PrometheusConfig.StorageSettings(ooo, retTime, retSize, retPct, floats, maxExemplars);
    }

    private static void parseTracing(YamlNode n, Path baseDir) throws ConfigException {
        YamlNode.Fields f = n.fields("config.TracingConfig");
        String endpoint = f.string("endpoint", "");
        String clientType = f.string("client_type", "grpc");
        String compression = f.string("compression", "");
        YamlNode hn = f.get("headers");
        Map<String, String> headers = hn == null ? Map.of() : hn.asStringMap("map[string]string");
        YamlNode tls = f.get("tls_config");
        if (tls != null && !tls.isNull()) {
            TlsConfig.parse(tls, baseDir);
        }
        f.durationMillis("timeout", 0);
        f.bool("insecure", false);
        if (f.has("sampling_fraction")) {
            f.get("sampling_fraction").asDouble();
        }
        f.done();
        if (endpoint.isEmpty()) {
            throw n.error("tracing endpoint must be set");
        }
        if (!clientType.equals("grpc") && !clientType.equals("http")) {
            throw n.error("expected tracing client type to be to be one of [grpc http] but got " + clientType);
        }
        if (!compression.isEmpty() && !compression.equals("gzip")) {
            throw n.error("invalid compression type " + compression + " provided, valid options: gzip");
        }
        for (String h : headers.keySet()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                throw n.error("custom authorization header configuration is not yet supported");
            }
            if (RESERVED_HEADERS.contains(lower)) {
                throw n.error(h + " is a reserved header. It must not be changed");
            }
        }
    }
}
