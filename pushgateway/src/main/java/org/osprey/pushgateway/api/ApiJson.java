package org.osprey.pushgateway.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osprey.model.value.FloatFormat;
import org.osprey.pushgateway.exposition.TextWriter;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;
import org.osprey.pushgateway.store.MetricGroup;
import org.osprey.pushgateway.store.MetricStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies of upstream's {@code /api/v1/status} and {@code /api/v1/metrics}: the
 * {@code status}/{@code data} envelope, per group its {@code labels}, {@code last_push_successful}
 * and one object per family keyed by name (keys sorted, as Go's map encoding sorts them), values
 * as Go-formatted strings, times in RFC 3339 with trailing fraction zeros trimmed.
 * Thread-safe: the mapper is thread-safe and nothing else is shared.
 */
final class ApiJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn").withZone(ZoneOffset.UTC);

    private ApiJson() {
    }

    static String status(Map<String, String> flags, Instant startTime, String version) {
        Map<String, Object> build = new TreeMap<>();
        build.put("branch", "");
        build.put("buildDate", "");
        build.put("buildUser", "");
        build.put("goVersion", "java" + Runtime.version());
        build.put("revision", "");
        build.put("version", version);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("build_information", build);
        data.put("flags", new TreeMap<>(flags));
        data.put("start_time", rfc3339(startTime));
        return envelope(data);
    }

    static String metrics(List<MetricGroup> groups) {
        List<Object> data = new ArrayList<>();
        for (MetricGroup g : groups) {
            Map<String, Object> group = new TreeMap<>();
            group.put("labels", g.groupingKey().toMap());
            group.put("last_push_successful", g.lastPushSuccessful());
            String ts = rfc3339(Instant.ofEpochMilli(g.lastChangeMillis()));
            for (Family f : g.families().values()) {
                group.put(f.name(), family(f, ts));
            }
            LabelPairs keyLabels = g.exposedKeyLabels();
            group.put(MetricStore.PUSH_FAILURE_TIME, family(new Family(MetricStore.PUSH_FAILURE_TIME,
                    "Last Unix time when changing this group in the Pushgateway failed.", MetricType.GAUGE,
                    List.of(Metric.simple(keyLabels, g.pushFailureTimeSeconds(), Metric.NO_TIMESTAMP))), ts));
            group.put(MetricStore.PUSH_TIME, family(new Family(MetricStore.PUSH_TIME,
                    "Last Unix time when changing this group in the Pushgateway succeeded.", MetricType.GAUGE,
                    List.of(Metric.simple(keyLabels, g.pushTimeSeconds(), Metric.NO_TIMESTAMP))), ts));
            data.add(group);
        }
        return envelope(data);
    }

    static String error(String type, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "error");
        m.put("errorType", type);
        m.put("error", message);
        return MAPPER.writeValueAsString(m);
    }

    private static Map<String, Object> family(Family f, String ts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time_stamp", ts);
        m.put("type", f.type().name());
        if (f.help() != null && !f.help().isEmpty()) {
            m.put("help", f.help());
        }
        List<Object> metrics = new ArrayList<>();
        for (Metric metric : f.metrics()) {
            Map<String, Object> o = new TreeMap<>();
            o.put("labels", metric.labels().toMap());
            switch (f.type()) {
                case SUMMARY -> {
                    o.put("quantiles", pairs(metric.bounds(), metric.counts(), false));
                    o.put("count", TextWriter.formatCount(metric.sampleCount()));
                    o.put("sum", FloatFormat.format(metric.sampleSum()));
                }
                case HISTOGRAM -> {
                    o.put("buckets", pairs(metric.bounds(), metric.counts(), true));
                    o.put("count", TextWriter.formatCount(metric.sampleCount()));
                    o.put("sum", FloatFormat.format(metric.sampleSum()));
                }
                default -> o.put("value", jsonValue(metric.value()));
            }
            metrics.add(o);
        }
        m.put("metrics", metrics);
        return m;
    }

    /** As upstream's JSON, which uses strconv directly: unlike the text format it keeps the sign of -0. */
    private static String jsonValue(double v) {
        return FloatFormat.formatG(v);
    }

    private static Map<String, String> pairs(double[] keys, double[] values, boolean counts) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(FloatFormat.format(keys[i]), counts ? TextWriter.formatCount(values[i]) : FloatFormat.format(values[i]));
        }
        return m;
    }

    private static String envelope(Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "success");
        m.put("data", data);
        return MAPPER.writeValueAsString(m);
    }

    /** RFC 3339 with nanoseconds, trailing zeros (and a bare dot) trimmed, as Go's time marshaling does. */
    static String rfc3339(Instant t) {
        String s = NANOS.format(t).replaceAll("0+$", "");
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "Z";
    }
}
