package org.osprey.alertmanager.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.alertmanager.config.AlertmanagerConfig;
import org.osprey.alertmanager.config.MatcherParser;
import org.osprey.alertmanager.config.ReceiverConfig;
import org.osprey.alertmanager.config.Route;
import org.osprey.alertmanager.core.AlertStatus;
import org.osprey.alertmanager.core.AlertmanagerCore;
import org.osprey.alertmanager.dispatch.AggregationGroup;
import org.osprey.alertmanager.notify.GoTime;
import org.osprey.alertmanager.silence.Silence;
import org.osprey.alertmanager.silence.SilenceException;
import org.osprey.alertmanager.silence.SilenceState;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;
import org.osprey.model.labels.MatchType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alertmanager's HTTP API v2 plus {@code /-/healthy}, {@code /-/ready}, {@code /-/reload} and
 * {@code /metrics}, with the JSON shapes of upstream's OpenAPI spec so {@code amtool} works.
 * Requests run on virtual threads and may block. Thread-safe: stateless apart from the core.
 */
public final class AlertmanagerApi implements HttpHandler {
    public static final String VERSION = "0.25.0";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SILENCE_PATH = Pattern.compile("/api/v2/silence/([^/]+)");
    private final AlertmanagerCore core;
    private final Callable<String> reload;
    private final String prefix;
    private final long startedAt;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param reload reloads the config file; returns null on success or the error text
     * @param routePrefix path prefix the API is served under ("" or "/alertmanager")
     */
    public AlertmanagerApi(AlertmanagerCore core, Callable<String> reload, String routePrefix) {
        this.core = core;
        this.reload = reload;
        this.prefix = routePrefix.endsWith("/") ? routePrefix.substring(0, routePrefix.length() - 1) : routePrefix;
        this.startedAt = System.currentTimeMillis();
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isInIoThread()) {
            ex.dispatch(workers, this);
            return;
        }
        ex.startBlocking();
        String path = ex.getRequestPath();
        if (!prefix.isEmpty()) {
            if (!path.startsWith(prefix)) {
                text(ex, 404, "Not Found\n");
                return;
            }
            path = path.substring(prefix.length());
        }
        HttpString m = ex.getRequestMethod();
        try {
            route(ex, path, m);
        } catch (ApiException e) {
            json(ex, e.status(), JSON.getNodeFactory().stringNode(e.getMessage()));
        } catch (JacksonException e) {
            json(ex, 400, JSON.getNodeFactory().stringNode("invalid JSON: " + e.getOriginalMessage()));
        }
    }

    private void route(HttpServerExchange ex, String path, HttpString m) throws Exception {
        boolean get = m.equals(Methods.GET) || m.equals(Methods.HEAD);
        switch (path) {
            case "/-/healthy", "/-/ready" -> {
                if (!get) {
                    throw new ApiException(405, "method not allowed");
                }
                text(ex, 200, "OK");
            }
            case "/-/reload" -> {
                if (!m.equals(Methods.POST) && !m.equals(Methods.PUT)) {
                    throw new ApiException(405, "method not allowed; use POST");
                }
                String err = reload.call();
                if (err == null) {
                    text(ex, 200, "");
                } else {
                    text(ex, 500, "failed to reload config: " + err + "\n");
                }
            }
            case "/metrics" -> {
                ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                ex.setStatusCode(200);
                ex.getOutputStream().write(core.metrics().expose().getBytes(StandardCharsets.UTF_8));
            }
            case "/api/v2/status" -> json(ex, 200, status());
            case "/api/v2/receivers" -> {
                ArrayNode a = JSON.createArrayNode();
                for (ReceiverConfig r : core.config().receivers()) {
                    a.addObject().put("name", r.name());
                }
                json(ex, 200, a);
            }
            case "/api/v2/alerts" -> {
                if (m.equals(Methods.POST)) {
                    postAlerts(readBody(ex));
                    json(ex, 200, null);
                } else if (get) {
                    json(ex, 200, getAlerts(ex.getQueryParameters()));
                } else {
                    throw new ApiException(405, "method not allowed");
                }
            }
            case "/api/v2/alerts/groups" -> json(ex, 200, getGroups(ex.getQueryParameters()));
            case "/api/v2/silences" -> {
                if (m.equals(Methods.POST)) {
                    json(ex, 200, JSON.createObjectNode().put("silenceID", postSilence(readBody(ex))));
                } else {
                    json(ex, 200, getSilences(ex.getQueryParameters()));
                }
            }
            default -> {
                var sm = SILENCE_PATH.matcher(path);
                if (sm.matches()) {
                    String id = sm.group(1);
                    if (m.equals(Methods.DELETE)) {
                        try {
                            core.silences().expire(id, core.now());
                        } catch (SilenceException e) {
                            throw new ApiException(e.notFound() ? 404 : 500, e.getMessage());
                        }
                        json(ex, 200, null);
                    } else {
                        Silence s = core.silences().get(id);
                        if (s == null) {
                            throw new ApiException(404, "silence " + id + " not found");
                        }
                        json(ex, 200, silenceJson(s));
                    }
                    return;
                }
                text(ex, 404, "404 page not found\n");
            }
        }
    }

    private static JsonNode readBody(HttpServerExchange ex) throws IOException {
        byte[] body = ex.getInputStream().readAllBytes();
        return JSON.readTree(body);
    }

    private ObjectNode status() {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode cluster = o.putObject("cluster");
        cluster.put("status", "disabled");
        cluster.putArray("peers");
        ObjectNode v = o.putObject("versionInfo");
        v.put("branch", "osprey");
        v.put("buildDate", "");
        v.put("buildUser", "osprey");
        v.put("goVersion", "java" + Runtime.version().feature());
        v.put("revision", "osprey");
        v.put("version", VERSION);
        o.putObject("config").put("original", ConfigRedactor.redact(core.config().original()));
        o.put("uptime", GoTime.formatApi(startedAt));
        return o;
    }

    private void postAlerts(JsonNode body) throws ApiException {
        if (!body.isArray()) {
            throw new ApiException(400, "expected a JSON array of alerts");
        }
        long now = core.now();
        long resolveTimeout = core.config().global().resolveTimeoutMillis();
        List<Alert> valid = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode a : body) {
            try {
                valid.add(alert(a, now, resolveTimeout));
            } catch (ApiException e) {
                core.metrics().alertInvalid();
                errors.add(e.getMessage());
            }
        }
        core.putAlerts(valid);
        if (!errors.isEmpty()) {
            throw new ApiException(400, String.join(";", errors));
        }
    }

    /** Applies upstream's defaults (startsAt now, endsAt now + resolve_timeout) and validation. */
    private static Alert alert(JsonNode a, long now, long resolveTimeout) throws ApiException {
        Map<String, String> labels = stringMap(a.get("labels"), "labels");
        Map<String, String> annotations = stringMap(a.get("annotations"), "annotations");
        long starts;
        long ends;
        try {
            starts = GoTime.parse(text(a, "startsAt"));
            ends = GoTime.parse(text(a, "endsAt"));
        } catch (RuntimeException e) {
            throw new ApiException(400, "invalid time: " + e.getMessage());
        }
        if (starts == 0) {
            starts = ends == 0 ? now : ends;
        }
        boolean timeout = false;
        if (ends == 0) {
            timeout = true;
            ends = now + resolveTimeout;
        }
        if (labels.isEmpty()) {
            throw new ApiException(400, "at least one label pair required");
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!LabelNames.isValidName(e.getKey())) {
                throw new ApiException(400, "invalid label set: invalid name \"" + e.getKey() + "\"");
            }
        }
        for (String k : annotations.keySet()) {
            if (!LabelNames.isValidName(k)) {
                throw new ApiException(400, "invalid annotations: invalid name \"" + k + "\"");
            }
        }
        if (ends < starts) {
            throw new ApiException(400, "start time must be before end time");
        }
        return new Alert(Labels.fromMap(labels), annotations, starts, ends, text(a, "generatorURL"), now, timeout);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? "" : n.asString();
    }

    private static Map<String, String> stringMap(JsonNode n, String what) throws ApiException {
        Map<String, String> m = new TreeMap<>();
        if (n == null || n.isNull()) {
            return m;
        }
        if (!n.isObject()) {
            throw new ApiException(400, what + " must be an object");
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            m.put(e.getKey(), e.getValue().asString());
        }
        return m;
    }

    private static boolean flag(Map<String, Deque<String>> q, String name) throws ApiException {
        Deque<String> d = q.get(name);
        if (d == null || d.isEmpty()) {
            return true;
        }
        String v = d.getFirst();
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0")) {
            return false;
        }
        throw new ApiException(400, name + " in query must be of type boolean: \"" + v + "\"");
    }

    private static List<LabelMatcher> filters(Map<String, Deque<String>> q) throws ApiException {
        List<LabelMatcher> out = new ArrayList<>();
        Deque<String> d = q.get("filter");
        if (d == null) {
            return out;
        }
        for (String f : d) {
            try {
                out.addAll(MatcherParser.parseList(f));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage());
            }
        }
        return out;
    }

    private static Pattern receiverFilter(Map<String, Deque<String>> q) throws ApiException {
        Deque<String> d = q.get("receiver");
        if (d == null || d.isEmpty() || d.getFirst().isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile("^(?:" + d.getFirst() + ")$");
        } catch (RuntimeException e) {
            throw new ApiException(400, "failed to parse receiver param: " + e.getMessage());
        }
    }

    private ArrayNode getAlerts(Map<String, Deque<String>> q) throws ApiException {
        boolean active = flag(q, "active");
        boolean silenced = flag(q, "silenced");
        boolean inhibited = flag(q, "inhibited");
        boolean unprocessed = flag(q, "unprocessed");
        List<LabelMatcher> filter = filters(q);
        Pattern receiver = receiverFilter(q);
        long now = core.now();
        AlertmanagerConfig cfg = core.config();
        List<Alert> list = core.alerts().all();
        list.sort(Comparator.comparing(a -> Alert.fingerprintHex(a.fingerprint())));
        ArrayNode out = JSON.createArrayNode();
        for (Alert a : list) {
            if (a.resolvedAt(now) || !matchesAll(filter, a.labels())) {
                continue;
            }
            List<String> receivers = new ArrayList<>(new LinkedHashSet<>(cfg.route().match(a.labels()).stream().map(Route::receiver).toList()));
            if (receiver != null && receivers.stream().noneMatch(r -> receiver.matcher(r).matches())) {
                continue;
            }
            AlertStatus st = core.status(a.labels());
            if (!include(st, active, silenced, inhibited, unprocessed)) {
                continue;
            }
            out.add(alertJson(a, st, receivers, now));
        }
        return out;
    }

    private static boolean include(AlertStatus st, boolean active, boolean silenced, boolean inhibited, boolean unprocessed) {
        return switch (st.state()) {
            case "active" -> active;
            case "unprocessed" -> unprocessed;
            default -> (silenced || st.silencedBy().isEmpty()) && (inhibited || st.inhibitedBy().isEmpty());
        };
    }

    private static boolean matchesAll(List<LabelMatcher> ms, Labels l) {
        for (LabelMatcher m : ms) {
            if (!m.matches(l)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode alertJson(Alert a, AlertStatus st, List<String> receivers, long now) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode ann = o.putObject("annotations");
        new TreeMap<>(a.annotations()).forEach(ann::put);
        o.put("endsAt", GoTime.formatApi(a.endsAt()));
        o.put("fingerprint", Alert.fingerprintHex(a.fingerprint()));
        ArrayNode rs = o.putArray("receivers");
        for (String r : receivers) {
            rs.addObject().put("name", r);
        }
        o.put("startsAt", GoTime.formatApi(a.startsAt()));
        ObjectNode s = o.putObject("status");
        ArrayNode inh = s.putArray("inhibitedBy");
        st.inhibitedBy().forEach(inh::add);
        s.putArray("mutedBy");
        ArrayNode sil = s.putArray("silencedBy");
        st.silencedBy().forEach(sil::add);
        s.put("state", st.state());
        o.put("updatedAt", GoTime.formatApi(a.updatedAt()));
        if (!a.generatorUrl().isEmpty()) {
            o.put("generatorURL", a.generatorUrl());
        }
        ObjectNode l = o.putObject("labels");
        a.labels().forEach(l::put);
        return o;
    }

    private ArrayNode getGroups(Map<String, Deque<String>> q) throws ApiException {
        boolean active = flag(q, "active");
        boolean silenced = flag(q, "silenced");
        boolean inhibited = flag(q, "inhibited");
        List<LabelMatcher> filter = filters(q);
        Pattern receiver = receiverFilter(q);
        long now = core.now();
        List<AggregationGroup> groups = core.dispatcher().groups();
        groups.sort(Comparator.comparing((AggregationGroup g) -> g.labels().toString()).thenComparing(g -> g.route().receiver()));
        ArrayNode out = JSON.createArrayNode();
        for (AggregationGroup g : groups) {
            String recv = g.route().receiver();
            if (receiver != null && !receiver.matcher(recv).matches()) {
                continue;
            }
            ArrayNode alerts = JSON.createArrayNode();
            for (Alert a : g.alerts()) {
                if (a.resolvedAt(now) || !matchesAll(filter, a.labels())) {
                    continue;
                }
                AlertStatus st = core.status(a.labels());
                if (!include(st, active, silenced, inhibited, true)) {
                    continue;
                }
                alerts.add(alertJson(a, st, List.of(recv), now));
            }
            if (alerts.isEmpty()) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.set("alerts", alerts);
            ObjectNode l = o.putObject("labels");
            g.labels().forEach(l::put);
            o.putObject("receiver").put("name", recv);
            ObjectNode rl = o.putObject("routeLabels");
            for (LabelMatcher m : g.route().matchers()) {
                if (m.type() == MatchType.EQUAL) {
                    rl.put(m.name(), m.value());
                }
            }
        }
        return out;
    }

    private String postSilence(JsonNode b) throws ApiException {
        List<LabelMatcher> matchers = new ArrayList<>();
        JsonNode ms = b.get("matchers");
        if (ms == null || !ms.isArray()) {
            throw new ApiException(400, "matchers in body is required");
        }
        for (JsonNode m : ms) {
            boolean regex = m.has("isRegex") && m.get("isRegex").asBoolean();
            boolean equal = !m.has("isEqual") || m.get("isEqual").isNull() || m.get("isEqual").asBoolean();
            MatchType t = regex ? (equal ? MatchType.REGEX : MatchType.NOT_REGEX) : (equal ? MatchType.EQUAL : MatchType.NOT_EQUAL);
            String name = text(m, "name");
            if (name.isEmpty()) {
                throw new ApiException(400, "matcher name must not be empty");
            }
            try {
                matchers.add(MatcherParser.matcher(t, name, text(m, "value")));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage());
            }
        }
        long starts;
        long ends;
        try {
            starts = GoTime.parse(text(b, "startsAt"));
            ends = GoTime.parse(text(b, "endsAt"));
        } catch (RuntimeException e) {
            throw new ApiException(400, "invalid time: " + e.getMessage());
        }
        if (starts == 0 || ends == 0) {
            throw new ApiException(400, "startsAt and endsAt are required");
        }
        if (ends < starts) {
            throw new ApiException(400, "Failed to create silence: start time must be before end time");
        }
        long now = core.now();
        if (ends < now) {
            throw new ApiException(400, "Failed to create silence: end time can't be in the past");
        }
        Silence s = new Silence(text(b, "id"), matchers, starts, ends, now, text(b, "createdBy"), text(b, "comment"));
        try {
            return core.silences().set(s, now);
        } catch (SilenceException e) {
            throw new ApiException(e.notFound() ? 404 : 400, e.getMessage());
        }
    }

    private ArrayNode getSilences(Map<String, Deque<String>> q) throws ApiException {
        List<LabelMatcher> filter = filters(q);
        long now = core.now();
        List<Silence> all = core.silences().all();
        Map<SilenceState, List<Silence>> byState = new HashMap<>();
        for (Silence s : all) {
            if (matchesFilter(s, filter)) {
                byState.computeIfAbsent(s.stateAt(now), k -> new ArrayList<>()).add(s);
            }
        }
        // Upstream's order: active by end time, pending by start time, expired most recent first.
        List<Silence> sorted = new ArrayList<>();
        List<Silence> act = byState.getOrDefault(SilenceState.ACTIVE, new ArrayList<>());
        act.sort(Comparator.comparingLong(Silence::endsAt));
        List<Silence> pend = byState.getOrDefault(SilenceState.PENDING, new ArrayList<>());
        pend.sort(Comparator.comparingLong(Silence::startsAt));
        List<Silence> exp = byState.getOrDefault(SilenceState.EXPIRED, new ArrayList<>());
        exp.sort(Comparator.comparingLong(Silence::endsAt).reversed());
        sorted.addAll(act);
        sorted.addAll(pend);
        sorted.addAll(exp);
        ArrayNode out = JSON.createArrayNode();
        for (Silence s : sorted) {
            out.add(silenceJson(s));
        }
        return out;
    }

    /** Upstream's CheckSilenceMatchesFilterLabels: each filter must accept the silence's value for that name. */
    private static boolean matchesFilter(Silence s, List<LabelMatcher> filter) {
        for (LabelMatcher f : filter) {
            boolean found = false;
            for (LabelMatcher m : s.matchers()) {
                if (m.name().equals(f.name()) && f.matches(m.value())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode silenceJson(Silence s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        o.putObject("status").put("state", s.stateAt(core.now()).apiName());
        o.put("updatedAt", GoTime.formatApi(s.updatedAt()));
        o.put("comment", s.comment());
        o.put("createdBy", s.createdBy());
        o.put("endsAt", GoTime.formatApi(s.endsAt()));
        ArrayNode ms = o.putArray("matchers");
        for (LabelMatcher m : s.matchers()) {
            ms.addObject().put("isEqual", m.type() == MatchType.EQUAL || m.type() == MatchType.REGEX)
                    .put("isRegex", m.type() == MatchType.REGEX || m.type() == MatchType.NOT_REGEX)
                    .put("name", m.name()).put("value", m.value());
        }
        o.put("startsAt", GoTime.formatApi(s.startsAt()));
        return o;
    }

    private static void json(HttpServerExchange ex, int status, JsonNode body) throws IOException {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        if (body != null) {
            ex.getOutputStream().write(JSON.writeValueAsBytes(body));
        }
    }

    private static void text(HttpServerExchange ex, int status, String body) throws IOException {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops the request threads. */
    public void close() {
        workers.shutdownNow();
    }
}
