package org.osprey.rules.notifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osprey.model.relabel.RelabelConfig;
import org.osprey.model.value.PromDuration;

/**
 * One {@code alerting.alertmanagers[]} entry reduced to plain values: how to reach the
 * Alertmanagers (scheme, path prefix, timeout, auth) and where they are (static targets and
 * file_sd files). Immutable.
 *
 * @param apiVersion only "v2" is supported, as in Prometheus 3
 */
public record AlertmanagerConfig(String scheme, String pathPrefix, long timeoutMillis, String apiVersion,
        List<String> staticTargets, List<Path> fileSdFiles, String basicAuthUsername, String basicAuthPassword,
        String bearerToken, List<RelabelConfig> alertRelabelConfigs, List<RelabelConfig> relabelConfigs) {
    public AlertmanagerConfig {
        relabelConfigs = List.copyOf(relabelConfigs);
        staticTargets = List.copyOf(staticTargets);
        fileSdFiles = List.copyOf(fileSdFiles);
        alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
        if (!apiVersion.equals("v2")) {
            throw new IllegalArgumentException("expected Alertmanager api version to be one of [v2] but got " + apiVersion);
        }
    }

    /** Without target relabeling ({@code relabel_configs}). */
    public AlertmanagerConfig(String scheme, String pathPrefix, long timeoutMillis, String apiVersion,
            List<String> staticTargets, List<Path> fileSdFiles, String basicAuthUsername, String basicAuthPassword,
            String bearerToken, List<RelabelConfig> alertRelabelConfigs) {
        this(scheme, pathPrefix, timeoutMillis, apiVersion, staticTargets, fileSdFiles, basicAuthUsername, basicAuthPassword,
                bearerToken, alertRelabelConfigs, List.of());
    }

    /** Static targets over http with upstream defaults (timeout 10s, api v2). */
    public static AlertmanagerConfig staticTargets(String... targets) {
        return new AlertmanagerConfig("http", "/", 10_000, "v2", List.of(targets), List.of(), null, null, null, List.of());
    }

    /**
     * From the YAML mapping of one {@code alertmanagers} entry as SnakeYAML loads it (keys
     * {@code scheme}, {@code path_prefix}, {@code timeout}, {@code api_version},
     * {@code static_configs[].targets}, {@code file_sd_configs[].files}, {@code basic_auth},
     * {@code authorization}, {@code alert_relabel_configs}, {@code relabel_configs}).
     *
     * @param baseDir resolves relative file_sd paths (the config file's directory)
     */
    @SuppressWarnings("unchecked")
    public static AlertmanagerConfig fromMap(Map<String, ?> m, Path baseDir) {
        String scheme = str(m.get("scheme"), "http");
        String prefix = str(m.get("path_prefix"), "/");
        long timeout = m.get("timeout") == null ? 10_000 : PromDuration.parseMillis(String.valueOf(m.get("timeout")));
        String api = str(m.get("api_version"), "v2");
        List<String> targets = new ArrayList<>();
        for (Object sc : list(m.get("static_configs"))) {
            for (Object t : list(((Map<String, ?>) sc).get("targets"))) {
                targets.add(String.valueOf(t));
            }
        }
        List<Path> files = new ArrayList<>();
        for (Object fc : list(m.get("file_sd_configs"))) {
            for (Object f : list(((Map<String, ?>) fc).get("files"))) {
                files.add(baseDir == null ? Path.of(String.valueOf(f)) : baseDir.resolve(String.valueOf(f)));
            }
        }
        String user = null;
        String pass = null;
        if (m.get("basic_auth") instanceof Map<?, ?> ba) {
            user = str(ba.get("username"), null);
            pass = str(ba.get("password"), null);
        }
        String bearer = null;
        if (m.get("authorization") instanceof Map<?, ?> au) {
            bearer = str(au.get("credentials"), null);
        }
        List<RelabelConfig> relabel = new ArrayList<>();
        for (Object rc : list(m.get("alert_relabel_configs"))) {
            relabel.add(RelabelConfig.fromMap((Map<String, ?>) rc));
        }
        List<RelabelConfig> targetRelabel = new ArrayList<>();
        for (Object rc : list(m.get("relabel_configs"))) {
            targetRelabel.add(RelabelConfig.fromMap((Map<String, ?>) rc));
        }
        return new AlertmanagerConfig(scheme, prefix, timeout, api, targets, files, user, pass, bearer, relabel, targetRelabel);
    }

    private static String str(Object o, String dflt) {
        return o == null ? dflt : String.valueOf(o);
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** The v2 alerts endpoint of one target address. */
    String alertsUrl(String address) {
        String p = pathPrefix == null ? "" : pathPrefix;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        return scheme + "://" + address + p + "/api/v2/alerts";
    }
}
