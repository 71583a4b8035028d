package org.osprey.server.api;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.FloatFormat;
import org.osprey.server.BuildInfo;
import org.osprey.server.api.view.AlertView;
import org.osprey.server.api.view.DroppedTargetView;
import org.osprey.server.api.view.MetadataView;
import org.osprey.server.api.view.RuleGroupView;
import org.osprey.server.api.view.RuleView;
import org.osprey.server.api.view.TargetView;
import org.osprey.model.value.PromDuration;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SelectHints;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.Storage;

/** Targets, rules, alerts, alertmanagers and the {@code status/*} endpoints. Thread-safe. */
final class StatusEndpoints {
    private final ApiContext ctx;

    StatusEndpoints(ApiContext ctx) {
        this.ctx = ctx;
    }

    /** Go's RFC 3339 rendering of a time; the zero time for 0. */
    static String time(long ms) {
        return ms == 0 ? "0001-01-01T00:00:00Z" : Instant.ofEpochMilli(ms).toString();
    }

    void targets(ApiParams p, Json data, ApiNotes warnings) {
        String state = p.getOrEmpty("state").toLowerCase(java.util.Locale.ROOT);
        boolean active = state.isEmpty() || state.equals("any") || state.equals("active");
        boolean dropped = state.isEmpty() || state.equals("any") || state.equals("dropped");
        String pool = p.getOrEmpty("scrapePool");
        data.beginObject().name("activeTargets").beginArray();
        if (active) {
            List<TargetView> ts = new ArrayList<>(ctx.activeTargets());
            ts.sort(Comparator.comparing(TargetView::scrapePool).thenComparing(TargetView::scrapeUrl));
            for (TargetView t : ts) {
                if (!pool.isEmpty() && !pool.equals(t.scrapePool())) {
                    continue;
                }
                data.beginObject().name("discoveredLabels").stringMap(new TreeMap<>(t.discoveredLabels()));
                data.name("labels");
                QueryEndpoints.labels(data, t.labels());
                data.field("scrapePool", t.scrapePool()).field("scrapeUrl", t.scrapeUrl()).field("globalUrl", t.globalUrl())
                        .field("lastError", t.lastError()).field("lastScrape", time(t.lastScrapeMs()))
                        .name("lastScrapeDuration").number(t.lastScrapeSeconds())
                        .field("health", t.health()).field("scrapeInterval", t.scrapeInterval())
                        .field("scrapeTimeout", t.scrapeTimeout()).endObject();
            }
        }
        data.endArray().name("droppedTargets").beginArray();
        if (dropped) {
            for (DroppedTargetView t : ctx.droppedTargets()) {
                if (!pool.isEmpty() && !pool.equals(t.scrapePool())) {
                    continue;
                }
                data.beginObject().name("discoveredLabels").stringMap(new TreeMap<>(t.discoveredLabels())).endObject();
            }
        }
        data.endArray().endObject();
    }

    void targetsMetadata(ApiParams p, Json data, ApiNotes warnings) {
        int limit = SeriesEndpoints.limit(p);
        String metric = p.getOrEmpty("metric");
        String matchTarget = p.getOrEmpty("match_target");
        List<LabelMatcher> matchers = List.of();
        if (!matchTarget.isEmpty()) {
            if (ctx.queries() == null) {
                throw new ApiException(ErrorType.UNAVAILABLE, "the query engine is not available yet");
            }
            matchers = ctx.queries().parseSelector(matchTarget);
        }
        data.beginArray();
        int n = 0;
        for (MetadataView m : ctx.metadata()) {
            if (limit > 0 && n >= limit) {
                break;
            }
            if (!metric.isEmpty() && !metric.equals(m.metric())) {
                continue;
            }
            boolean ok = true;
            for (LabelMatcher lm : matchers) {
                ok &= lm.matches(m.target());
            }
            if (!ok) {
                continue;
            }
            data.beginObject().name("target");
            QueryEndpoints.labels(data, m.target());
            if (metric.isEmpty()) {
                data.field("metric", m.metric());
            }
            data.field("type", m.type()).field("help", m.help()).field("unit", m.unit()).endObject();
            n++;
        }
        data.endArray();
        if (n == 0 && !metric.isEmpty()) {
            throw new ApiException(ErrorType.NOT_FOUND, "specified metadata not found");
        }
    }

    void rules(ApiParams p, Json data, ApiNotes warnings) {
        String type = p.getOrEmpty("type").toLowerCase(java.util.Locale.ROOT);
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            throw ApiException.invalidParam("type", "not supported value \"" + type + "\"");
        }
        boolean excludeAlerts = p.getOrEmpty("exclude_alerts").equals("true");
        Set<String> names = new HashSet<>(p.all("rule_name[]"));
        Set<String> groups = new HashSet<>(p.all("rule_group[]"));
        Set<String> files = new HashSet<>(p.all("file[]"));
        data.beginObject().name("groups").beginArray();
        for (RuleGroupView g : ctx.ruleGroups()) {
            if ((!groups.isEmpty() && !groups.contains(g.name())) || (!files.isEmpty() && !files.contains(g.file()))) {
                continue;
            }
            List<RuleView> rules = new ArrayList<>();
            for (RuleView r : g.rules()) {
                if ((type.equals("alert") && !r.alerting()) || (type.equals("record") && r.alerting())
                        || (!names.isEmpty() && !names.contains(r.name()))) {
                    continue;
                }
                rules.add(r);
            }
            if (rules.isEmpty() && (!type.isEmpty() || !names.isEmpty())) {
                continue;
            }
            data.beginObject().field("name", g.name()).field("file", g.file()).name("rules").beginArray();
            for (RuleView r : rules) {
                writeRule(data, r, excludeAlerts);
            }
            data.endArray().name("interval").number(g.intervalSeconds()).field("limit", g.limit())
                    .name("evaluationTime").number(g.evaluationSeconds())
                    .field("lastEvaluation", time(g.lastEvaluationMs())).endObject();
        }
        data.endArray().endObject();
    }

    private static void writeRule(Json data, RuleView r, boolean excludeAlerts) {
        data.beginObject();
        if (r.alerting()) {
            data.field("state", r.state()).field("name", r.name()).field("query", r.query())
                    .name("duration").number(r.forSeconds()).name("keepFiringFor").number(r.keepFiringForSeconds());
            data.name("labels");
            QueryEndpoints.labels(data, r.labels());
            data.name("annotations");
            QueryEndpoints.labels(data, r.annotations());
            if (!excludeAlerts) {
                data.name("alerts").beginArray();
                for (AlertView a : r.alerts()) {
                    writeAlert(data, a);
                }
                data.endArray();
            }
        } else {
            data.field("name", r.name()).field("query", r.query()).name("labels");
            QueryEndpoints.labels(data, r.labels());
        }
        data.field("health", r.health()).field("lastError", r.lastError());
        data.name("evaluationTime").number(r.evaluationSeconds()).field("lastEvaluation", time(r.lastEvaluationMs()))
                .field("type", r.alerting() ? "alerting" : "recording").endObject();
    }

    private static void writeAlert(Json data, AlertView a) {
        data.beginObject().name("labels");
        QueryEndpoints.labels(data, a.labels());
        data.name("annotations");
        QueryEndpoints.labels(data, a.annotations());
        data.field("state", a.state()).field("activeAt", time(a.activeAtMs()));
        if (a.keepFiringSinceMs() != 0) {
            data.field("keepFiringSince", time(a.keepFiringSinceMs()));
        }
        data.field("value", FloatFormat.formatExponent(a.value())).endObject();
    }

    void alerts(ApiParams p, Json data, ApiNotes warnings) {
        data.beginObject().name("alerts").beginArray();
        for (AlertView a : ctx.activeAlerts()) {
            writeAlert(data, a);
        }
        data.endArray().endObject();
    }

    void alertmanagers(ApiParams p, Json data, ApiNotes warnings) {
        data.beginObject().name("activeAlertmanagers").beginArray();
        for (String url : ctx.alertmanagers()) {
            data.beginObject().field("url", url).endObject();
        }
        data.endArray().name("droppedAlertmanagers").beginArray().endArray().endObject();
    }

    void config(ApiParams p, Json data, ApiNotes warnings) {
        data.beginObject().field("yaml", ctx.configYaml()).endObject();
    }

    void flags(ApiParams p, Json data, ApiNotes warnings) {
        data.stringMap(new TreeMap<>(ctx.options().flags()));
    }

    void runtimeInfo(ApiParams p, Json data, ApiNotes warnings) {
        ApiContext.RuntimeFacts rt = ctx.runtime();
        var opts = ctx.options();
        String retention = "";
        if (opts.retentionMillis() > 0) {
            retention = PromDuration.format(opts.retentionMillis());
        }
        if (opts.retentionBytes() > 0) {
            String size = humanBytes(opts.retentionBytes());
            retention = retention.isEmpty() ? size : retention + " or " + size;
        }
        data.beginObject()
                .field("startTime", time(rt.startMs()))
                .field("CWD", System.getProperty("user.dir"))
                .field("reloadConfigSuccess", rt.reloadSuccess())
                .field("lastConfigTime", time(rt.lastConfigMs()))
                .field("corruptionCount", 0)
                .field("goroutineCount", ManagementFactory.getThreadMXBean().getThreadCount())
                .field("GOMAXPROCS", Runtime.getRuntime().availableProcessors())
                .field("GOMEMLIMIT", Runtime.getRuntime().maxMemory())
                .field("GOGC", "")
                .field("GODEBUG", "")
                .field("storageRetention", retention)
                .endObject();
    }

    private static String humanBytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        double v = b;
        while (v >= 1024 && u < units.length - 1 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return FloatFormat.formatPlain(v) + units[u];
    }

    void buildInfo(ApiParams p, Json data, ApiNotes warnings) {
        data.beginObject()
                .field("version", BuildInfo.PROMETHEUS_VERSION)
                .field("revision", BuildInfo.REVISION)
                .field("branch", BuildInfo.BRANCH)
                .field("buildUser", BuildInfo.BUILD_USER)
                .field("buildDate", BuildInfo.BUILD_DATE)
                .field("goVersion", BuildInfo.runtimeVersion())
                .name("features").beginObject().endObject()
                .endObject();
    }

    void walReplay(ApiParams p, Json data, ApiNotes warnings) {
        data.beginObject().field("min", 0).field("max", 0).field("current", 0).endObject();
    }

    /** Head statistics and the top-N cardinality tables, computed by walking the head's series. */
    void tsdb(ApiParams p, Json data, ApiNotes warnings) {
        int limit = 10;
        String l = p.get("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw ApiException.badData("limit must be a positive number");
            }
            if (limit < 1) {
                throw ApiException.badData("limit must be a positive number");
            }
        }
        Storage storage = ctx.storage();
        if (storage == null) {
            throw new ApiException(ErrorType.UNAVAILABLE, "TSDB not ready");
        }
        org.osprey.tsdb.TsdbStatus indexed = ctx.tsdbStatus(limit);
        if (indexed != null) {
            data.beginObject().name("headStats").beginObject()
                    .field("numSeries", indexed.numSeries()).field("numLabelPairs", indexed.numLabelPairs())
                    .field("chunkCount", indexed.chunkCount())
                    .field("minTime", indexed.minTime()).field("maxTime", indexed.maxTime()).endObject();
            stats(data, "seriesCountByMetricName", indexed.seriesCountByMetricName());
            stats(data, "labelValueCountByLabelName", indexed.labelValueCountByLabelName());
            stats(data, "memoryInBytesByLabelName", indexed.memoryInBytesByLabelName());
            stats(data, "seriesCountByLabelValuePair", indexed.seriesCountByLabelValuePair());
            data.endObject();
            return;
        }
        Map<String, Long> byMetric = new HashMap<>();
        Map<String, Set<String>> valuesByName = new HashMap<>();
        Map<String, Long> bytesByName = new HashMap<>();
        Map<String, Long> byPair = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        long series = 0;
        long minT = Long.MAX_VALUE;
        long maxT = Long.MIN_VALUE;
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet ss = q.select(false, new SelectHints(Long.MIN_VALUE, Long.MAX_VALUE, 0, ""), LabelMatcher.regex("__name__", ".+"));
            SampleIterator reuse = null;
            while (ss.next()) {
                var s = ss.at();
                Labels ls = s.labels();
                series++;
                byMetric.merge(ls.metricName(), 1L, Long::sum);
                for (int i = 0; i < ls.size(); i++) {
                    String n = ls.name(i);
                    String v = ls.value(i);
                    if (valuesByName.computeIfAbsent(n, k -> new HashSet<>()).add(v)) {
                        bytesByName.merge(n, (long) v.length(), Long::sum);
                    }
                    String pair = n + "=" + v;
                    pairs.add(pair);
                    byPair.merge(pair, 1L, Long::sum);
                }
                SampleIterator it = s.iterator(reuse);
                reuse = it;
                if (it.next()) {
                    minT = Math.min(minT, it.atT());
                    long last = it.atT();
                    while (it.next()) {
                        last = it.atT();
                    }
                    maxT = Math.max(maxT, last);
                }
            }
        }
        Map<String, Long> valueCounts = new HashMap<>();
        valuesByName.forEach((k, v) -> valueCounts.put(k, (long) v.size()));
        data.beginObject().name("headStats").beginObject()
                .field("numSeries", series).field("numLabelPairs", pairs.size())
                .field("chunkCount", ctx.headStats().getOrDefault("chunkCount", 0L))
                .field("minTime", series == 0 ? Long.MAX_VALUE : minT)
                .field("maxTime", series == 0 ? Long.MIN_VALUE : maxT).endObject();
        top(data, "seriesCountByMetricName", byMetric, limit);
        top(data, "labelValueCountByLabelName", valueCounts, limit);
        top(data, "memoryInBytesByLabelName", bytesByName, limit);
        top(data, "seriesCountByLabelValuePair", byPair, limit);
        data.endObject();
    }

    private static void stats(Json data, String name, List<org.osprey.tsdb.TsdbStatus.Stat> list) {
        data.name(name).beginArray();
        for (var st : list) {
            data.beginObject().field("name", st.name()).field("value", st.value()).endObject();
        }
        data.endArray();
    }

    private static void top(Json data, String name, Map<String, Long> counts, int limit) {
        List<Map.Entry<String, Long>> list = new ArrayList<>(counts.entrySet());
        list.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        data.name(name).beginArray();
        for (int i = 0; i < Math.min(limit, list.size()); i++) {
            data.beginObject().field("name", list.get(i).getKey()).field("value", list.get(i).getValue()).endObject();
        }
        data.endArray();
    }
}
