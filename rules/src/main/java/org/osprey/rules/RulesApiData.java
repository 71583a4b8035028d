package org.osprey.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osprey.model.template.GoFormat;

/**
 * The {@code data} objects of {@code /api/v1/rules} and {@code /api/v1/alerts} as Prometheus
 * shapes them (field names, RFC 3339 times, {@code value} as a Go 'e' formatted string), built as
 * ordered maps and lists so the server serializes them with any JSON writer. Thread-safe: stateless.
 */
public final class RulesApiData {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private RulesApiData() {
    }

    /**
     * {@code {"groups":[...]}}.
     *
     * @param type "alert", "record" or null for both (the API's {@code type} parameter)
     */
    public static Map<String, Object> rules(RuleManager m, String type) {
        return filteredRules(m, new Filter(type, java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), false));
    }

    /**
     * The API's filters: {@code type}, {@code rule_name[]}, {@code rule_group[]}, {@code file[]} (empty
     * sets match all) and {@code exclude_alerts}.
     */
    public record Filter(String type, java.util.Set<String> ruleNames, java.util.Set<String> groupNames,
            java.util.Set<String> files, boolean excludeAlerts) {
    }

    /** {@code {"groups":[...]}} after the API filters; groups left without rules by a name filter are omitted. */
    public static Map<String, Object> filteredRules(RuleManager m, Filter f) {
        String type = f.type();
        List<Object> groups = new ArrayList<>();
        for (Group g : m.groups()) {
            if ((!f.groupNames().isEmpty() && !f.groupNames().contains(g.name()))
                    || (!f.files().isEmpty() && !f.files().contains(g.file()))) {
                continue;
            }
            List<Object> rules = new ArrayList<>();
            for (Rule r : g.rules()) {
                if (!f.ruleNames().isEmpty() && !f.ruleNames().contains(r.name())) {
                    continue;
                }
                if (r instanceof AlertingRule ar && !"record".equals(type)) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("state", ar.state().toString());
                    o.put("name", ar.name());
                    o.put("query", ar.query());
                    o.put("duration", ar.holdMillis() / 1000.0);
                    o.put("keepFiringFor", ar.keepFiringForMillis() / 1000.0);
                    o.put("labels", ar.labels().toMap());
                    o.put("annotations", ar.annotations().toMap());
                    List<Object> alerts = new ArrayList<>();
                    if (!f.excludeAlerts()) {
                        for (AlertSnapshot a : ar.activeAlerts()) {
                            alerts.add(alert(a));
                        }
                    }
                    o.put("alerts", alerts);
                    o.put("health", ar.health().toString());
                    o.put("lastError", ar.lastError());
                    o.put("evaluationTime", ar.evaluationSeconds());
                    o.put("lastEvaluation", time(ar.lastEvaluation()));
                    o.put("type", "alerting");
                    rules.add(o);
                } else if (r instanceof RecordingRule rr && !"alert".equals(type)) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("name", rr.name());
                    o.put("query", rr.query());
                    o.put("labels", rr.labels().toMap());
                    o.put("health", rr.health().toString());
                    o.put("lastError", rr.lastError());
                    o.put("evaluationTime", rr.evaluationSeconds());
                    o.put("lastEvaluation", time(rr.lastEvaluation()));
                    o.put("type", "recording");
                    rules.add(o);
                }
            }
            if (rules.isEmpty() && (!f.ruleNames().isEmpty() || type != null)) {
                continue;
            }
            Map<String, Object> go = new LinkedHashMap<>();
            go.put("name", g.name());
            go.put("file", g.file());
            go.put("rules", rules);
            go.put("interval", g.intervalMillis() / 1000.0);
            go.put("limit", g.limit());
            go.put("evaluationTime", g.lastDurationSeconds());
            go.put("lastEvaluation", time(g.lastEvaluationMillis()));
            groups.add(go);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groups", groups);
        return data;
    }

    /** {@code {"alerts":[...]}} of every pending and firing alert. */
    public static Map<String, Object> alerts(RuleManager m) {
        List<Object> alerts = new ArrayList<>();
        for (AlertSnapshot a : m.activeAlerts()) {
            alerts.add(alert(a));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alerts", alerts);
        return data;
    }

    static Map<String, Object> alert(AlertSnapshot a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("labels", a.labels().toMap());
        o.put("annotations", a.annotations().toMap());
        o.put("state", a.state().toString());
        o.put("activeAt", time(a.activeAt()));
        if (a.keepFiringSince() != 0) {
            o.put("keepFiringSince", time(a.keepFiringSince()));
        }
        o.put("value", GoFormat.formatFloat(a.value(), 'e', -1, 64));
        return o;
    }

    /** Go's RFC 3339 with nanoseconds form of a time ({@code 0001-01-01T00:00:00Z} for unset). */
    public static String time(long epochMillis) {
        if (epochMillis == 0) {
            return "0001-01-01T00:00:00Z";
        }
        Instant i = Instant.ofEpochMilli(epochMillis);
        StringBuilder sb = new StringBuilder(RFC3339.format(i));
        int ms = (int) Math.floorMod(epochMillis, 1000L);
        if (ms != 0) {
            sb.append('.').append(String.format("%03d", ms).replaceAll("0+$", ""));
        }
        return sb.append('Z').toString();
    }
}
