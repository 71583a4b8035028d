package org.osprey.scrape;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.PromDuration;
import org.osprey.scrape.config.RelabelRules;
import org.osprey.scrape.config.ScrapeConfig;

/**
 * Turns one discovered target into a scrape target as upstream's PopulateLabels does: group and
 * target labels merged, job/interval/timeout/path/scheme/params defaulted as {@code __} labels,
 * relabel_configs applied, address and interval checked, {@code __meta_*} removed,
 * {@code instance} defaulted from {@code __address__}. Thread-safe: stateless.
 */
final class TargetPopulator {
    private TargetPopulator() {
    }

    /**
     * The outcome for one target: {@code labels == null} means dropped by relabeling (when
     * {@code error} is null) or rejected (error says why).
     */
    record Result(Labels discovered, Labels labels, String error) {
    }

    static Labels discoveredLabels(ScrapeConfig cfg, Labels target, Labels group) {
        Labels.Builder b = group.toBuilder();
        target.forEach(b::set);
        setIfAbsent(b, "job", cfg.jobName());
        setIfAbsent(b, "__scrape_interval__", PromDuration.format(cfg.scrapeIntervalMillis()));
        setIfAbsent(b, "__scrape_timeout__", PromDuration.format(cfg.scrapeTimeoutMillis()));
        setIfAbsent(b, "__metrics_path__", cfg.metricsPath());
        setIfAbsent(b, "__scheme__", cfg.scheme());
        for (Map.Entry<String, List<String>> p : cfg.params().entrySet()) {
            if (!p.getValue().isEmpty()) {
                setIfAbsent(b, "__param_" + p.getKey(), p.getValue().get(0));
            }
        }
        return b.build();
    }

    private static void setIfAbsent(Labels.Builder b, String name, String value) {
        if (b.get(name).isEmpty()) {
            b.set(name, value);
        }
    }

    static Result populate(ScrapeConfig cfg, RelabelRules relabel, Labels target, Labels group) {
        Labels discovered = discoveredLabels(cfg, target, group);
        Labels l = relabel.process(discovered);
        if (l == null) {
            return new Result(discovered, null, null);
        }
        String addr = l.get("__address__");
        if (addr.isEmpty()) {
            return new Result(discovered, null, "no address");
        }
        if (addr.contains("/")) {
            return new Result(discovered, null, "\"" + addr + "\" is not a valid hostname");
        }
        long interval;
        long timeout;
        try {
            interval = PromDuration.parseMillis(l.get("__scrape_interval__"));
        } catch (IllegalArgumentException e) {
            return new Result(discovered, null, "error parsing scrape interval: " + e.getMessage());
        }
        if (interval == 0) {
            return new Result(discovered, null, "scrape interval cannot be 0");
        }
        try {
            timeout = PromDuration.parseMillis(l.get("__scrape_timeout__"));
        } catch (IllegalArgumentException e) {
            return new Result(discovered, null, "error parsing scrape timeout: " + e.getMessage());
        }
        if (timeout == 0) {
            return new Result(discovered, null, "scrape timeout cannot be 0");
        }
        if (timeout > interval) {
            return new Result(discovered, null, "scrape timeout cannot be greater than scrape interval (\""
                    + l.get("__scrape_timeout__") + "\" > \"" + l.get("__scrape_interval__") + "\")");
        }
        Labels.Builder b = l.toBuilder();
        for (int i = 0; i < l.size(); i++) {
            if (l.name(i).startsWith("__meta_")) {
                b.del(l.name(i));
            }
        }
        if (b.get("instance").isEmpty()) {
            b.set("instance", addr);
        }
        return new Result(discovered, b.build(), null);
    }

    /** scheme://address/path?params, params from the config overridden by {@code __param_*} labels. */
    static URI url(ScrapeConfig cfg, Labels l) {
        Map<String, List<String>> params = new TreeMap<>(cfg.params());
        for (int i = 0; i < l.size(); i++) {
            if (l.name(i).startsWith("__param_")) {
                params.put(l.name(i).substring(8), List.of(l.value(i)));
            }
        }
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            for (String v : p.getValue()) {
                q.append(q.isEmpty() ? "" : "&").append(enc(p.getKey())).append('=').append(enc(v));
            }
        }
        String path = l.get("__metrics_path__");
        return URI.create(l.get("__scheme__") + "://" + l.get("__address__") + (path.startsWith("/") ? "" : "/") + path
                + (q.isEmpty() ? "" : "?" + q));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The labels a target puts on its series: everything without the {@code __} prefix. */
    static Labels seriesLabels(Labels l) {
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < l.size(); i++) {
            if (!l.name(i).startsWith("__")) {
                b.set(l.name(i), l.value(i));
            }
        }
        return b.build();
    }
}
