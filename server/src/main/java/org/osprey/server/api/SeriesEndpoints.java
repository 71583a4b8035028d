package org.osprey.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.server.api.view.MetadataView;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SelectHints;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.Storage;

/** {@code series}, {@code labels}, {@code label/<name>/values}, {@code metadata}. Thread-safe. */
final class SeriesEndpoints {
    static final String TRUNCATED = "results truncated due to limit";

    private final ApiContext ctx;

    SeriesEndpoints(ApiContext ctx) {
        this.ctx = ctx;
    }

    private Storage storage() {
        Storage s = ctx.storage();
        if (s == null) {
            throw new ApiException(ErrorType.UNAVAILABLE, "TSDB not ready");
        }
        return s;
    }

    static int limit(ApiParams p) {
        String s = p.get("limit");
        if (s == null || s.isEmpty()) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiException.invalidParam("limit", "strconv.Atoi: parsing \"" + s + "\": invalid syntax");
        }
        if (n < 0) {
            throw ApiException.invalidParam("limit", "limit must be non-negative");
        }
        return n;
    }

    private List<LabelMatcher[]> matcherSets(ApiParams p) {
        List<LabelMatcher[]> sets = new ArrayList<>();
        QueryService q = ctx.queries();
        for (String m : p.all("match[]")) {
            if (q == null) {
                throw new ApiException(ErrorType.UNAVAILABLE, "the query engine is not available yet");
            }
            List<LabelMatcher> ms = q.parseSelector(m);
            boolean nonEmpty = false;
            for (LabelMatcher x : ms) {
                nonEmpty |= !x.matchesEmpty();
            }
            if (!nonEmpty) {
                throw ApiException.badData("match[] must contain at least one non-empty matcher");
            }
            sets.add(ms.toArray(new LabelMatcher[0]));
        }
        return sets;
    }

    void labels(ApiParams p, Json data, ApiNotes warnings) {
        long start = p.time("start", ApiParams.MIN_TIME_MS);
        long end = p.time("end", ApiParams.MAX_TIME_MS);
        int limit = limit(p);
        List<LabelMatcher[]> sets = matcherSets(p);
        TreeSet<String> names = new TreeSet<>();
        try (Querier q = storage().querier(start, end)) {
            if (sets.isEmpty() || sets.stream().anyMatch(SeriesEndpoints::matchesEverySeries)) {
                names.addAll(q.labelNames());
            } else {
                for (LabelMatcher[] set : sets) {
                    names.addAll(q.labelNames(set));
                }
            }
        }
        writeLimited(names, limit, data, warnings);
    }

    /**
     * True for Grafana's metrics-browser selector {@code {__name__=~".+"}} (or {@code ".*"} with a
     * name): every stored series has a metric name, so it selects all series and the label index
     * answers without visiting each series.
     */
    static boolean matchesEverySeries(LabelMatcher[] set) {
        for (LabelMatcher m : set) {
            boolean all = m.name().equals(Labels.METRIC_NAME) && m.type() == org.osprey.model.labels.MatchType.REGEX
                    && (m.value().equals(".+") || m.value().equals(".*"));
            if (!all) {
                return false;
            }
        }
        return true;
    }

    void labelValues(String name, ApiParams p, Json data, ApiNotes warnings) {
        String labelName = name;
        if (labelName.startsWith("U__")) {
            labelName = unescapeUtf8Name(labelName.substring(3));
        }
        if (labelName.isEmpty() || !labelName.equals(new String(labelName.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8))) {
            throw ApiException.badData("invalid label name: \"" + name + "\"");
        }
        long start = p.time("start", ApiParams.MIN_TIME_MS);
        long end = p.time("end", ApiParams.MAX_TIME_MS);
        int limit = limit(p);
        List<LabelMatcher[]> sets = matcherSets(p);
        TreeSet<String> values = new TreeSet<>();
        try (Querier q = storage().querier(start, end)) {
            if (sets.isEmpty() || sets.stream().anyMatch(SeriesEndpoints::matchesEverySeries)) {
                values.addAll(q.labelValues(labelName));
            } else {
                for (LabelMatcher[] set : sets) {
                    values.addAll(q.labelValues(labelName, set));
                }
            }
        }
        writeLimited(values, limit, data, warnings);
    }

    /** Prometheus 3's {@code U__} escaping: {@code _XX_} hex code points, {@code __} an underscore. */
    private static String unescapeUtf8Name(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' && i + 1 < s.length() && s.charAt(i + 1) == '_') {
                sb.append('_');
                i++;
            } else if (c == '_') {
                int close = s.indexOf('_', i + 1);
                if (close < 0) {
                    return s;
                }
                try {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, close), 16));
                } catch (IllegalArgumentException e) {
                    return s;
                }
                i = close;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void writeLimited(TreeSet<String> values, int limit, Json data, ApiNotes warnings) {
        data.beginArray();
        int n = 0;
        for (String v : values) {
            if (limit > 0 && n == limit) {
                warnings.warn(TRUNCATED);
                break;
            }
            data.value(v);
            n++;
        }
        data.endArray();
    }

    void series(ApiParams p, Json data, ApiNotes warnings) {
        if (p.all("match[]").isEmpty()) {
            throw ApiException.badData("no match[] parameter provided");
        }
        long start = p.time("start", ApiParams.MIN_TIME_MS);
        long end = p.time("end", ApiParams.MAX_TIME_MS);
        int limit = limit(p);
        List<LabelMatcher[]> sets = matcherSets(p);
        TreeSet<Labels> found = new TreeSet<>();
        try (Querier q = storage().querier(start, end)) {
            SelectHints hints = new SelectHints(start, end, 0, "series");
            for (LabelMatcher[] set : sets) {
                SeriesSet ss = q.select(false, hints, set);
                while (ss.next()) {
                    found.add(ss.at().labels());
                }
            }
        }
        data.beginArray();
        int n = 0;
        for (Labels l : found) {
            if (limit > 0 && n == limit) {
                warnings.warn(TRUNCATED);
                break;
            }
            QueryEndpoints.labels(data, l);
            n++;
        }
        data.endArray();
    }

    void metadata(ApiParams p, Json data, ApiNotes warnings) {
        int limit = limit(p);
        String perMetricText = p.get("limit_per_metric");
        int perMetric = 0;
        if (perMetricText != null && !perMetricText.isEmpty()) {
            try {
                perMetric = Integer.parseInt(perMetricText);
            } catch (NumberFormatException e) {
                throw ApiException.invalidParam("limit_per_metric", "strconv.Atoi: parsing \"" + perMetricText + "\": invalid syntax");
            }
        }
        String metric = p.getOrEmpty("metric");
        TreeMap<String, LinkedHashMap<String, MetadataView>> byMetric = new TreeMap<>();
        for (MetadataView m : ctx.metadata()) {
            if (!metric.isEmpty() && !metric.equals(m.metric())) {
                continue;
            }
            byMetric.computeIfAbsent(m.metric(), k -> new LinkedHashMap<>())
                    .putIfAbsent(m.type() + "\u0000" + m.help() + "\u0000" + m.unit(), m);
        }
        data.beginObject();
        int n = 0;
        for (Map.Entry<String, LinkedHashMap<String, MetadataView>> e : byMetric.entrySet()) {
            if (limit > 0 && n == limit) {
                break;
            }
            data.name(e.getKey()).beginArray();
            int k = 0;
            for (MetadataView m : e.getValue().values()) {
                if (perMetric > 0 && k == perMetric) {
                    break;
                }
                data.beginObject().field("type", m.type()).field("help", m.help()).field("unit", m.unit()).endObject();
                k++;
            }
            data.endArray();
            n++;
        }
        data.endObject();
    }
}
