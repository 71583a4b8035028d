package org.osprey.server.api;

import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.FloatFormat;
import org.osprey.server.api.view.ExemplarView;

/** {@code query}, {@code query_range}, {@code query_exemplars}, {@code format_query}, {@code parse_query}. Thread-safe. */
final class QueryEndpoints {
    /** Upstream's limit on points per series in a range query. */
    static final long MAX_POINTS = 11_000;

    private final ApiContext ctx;

    QueryEndpoints(ApiContext ctx) {
        this.ctx = ctx;
    }

    private QueryService queries() {
        QueryService q = ctx.queries();
        if (q == null) {
            throw new ApiException(ErrorType.UNAVAILABLE, "the query engine is not available yet");
        }
        return q;
    }

    private static QueryService.QueryOptions options(ApiParams p) {
        long timeout = p.duration("timeout", 0);
        long lookback = p.duration("lookback_delta", 0);
        return new QueryService.QueryOptions(timeout, lookback, p.getOrEmpty("stats"));
    }

    void query(ApiParams p, Json data, ApiNotes warnings) {
        long t = p.time("time", System.currentTimeMillis());
        QueryService.QueryOptions opts = options(p);
        QueryService.QueryOutcome out = queries().instant(p.getOrEmpty("query"), t, opts);
        write(out, data, warnings);
    }

    void queryRange(ApiParams p, Json data, ApiNotes warnings) {
        long start = requiredTime(p, "start");
        long end = requiredTime(p, "end");
        if (end < start) {
            throw ApiException.invalidParam("end", "end timestamp must not be before start time");
        }
        long step;
        String stepText = p.getOrEmpty("step");
        try {
            step = ApiParams.parseDuration(stepText);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam("step", e.getMessage());
        }
        if (step <= 0) {
            throw ApiException.invalidParam("step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((end - start) / step > MAX_POINTS) {
            throw ApiException.badData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        QueryService.QueryOptions opts = options(p);
        QueryService.QueryOutcome out = queries().range(p.getOrEmpty("query"), start, end, step, opts);
        write(out, data, warnings);
    }

    private static long requiredTime(ApiParams p, String name) {
        String s = p.getOrEmpty(name);
        try {
            return ApiParams.parseTime(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam(name, e.getMessage());
        }
    }

    private static void write(QueryService.QueryOutcome out, Json data, ApiNotes warnings) {
        data.beginObject().field("resultType", out.resultType()).name("result");
        out.result().write(data);
        if (out.stats() != null) {
            data.name("stats");
            out.stats().write(data);
        }
        data.endObject();
        warnings.warnings.addAll(out.warnings());
        warnings.infos.addAll(out.infos());
    }

    void exemplars(ApiParams p, Json data, ApiNotes warnings) {
        long start = p.time("start", ApiParams.MIN_TIME_MS);
        long end = p.time("end", ApiParams.MAX_TIME_MS);
        if (end < start) {
            throw ApiException.invalidParam("end", "end timestamp must not be before start time");
        }
        String query = p.getOrEmpty("query");
        queries().format(query); // rejects an unparsable query as upstream does, with invalid parameter "query"
        data.beginArray();
        for (ExemplarView v : ctx.exemplars(query, start, end)) {
            data.beginObject().name("seriesLabels");
            labels(data, v.seriesLabels());
            data.name("exemplars").beginArray();
            for (ExemplarView.Exemplar e : v.exemplars()) {
                data.beginObject().name("labels");
                labels(data, e.labels());
                data.field("value", FloatFormat.formatPlain(e.value()));
                data.name("timestamp").raw(PromFloat.timestamp(e.timestampMs()));
                data.endObject();
            }
            data.endArray().endObject();
        }
        data.endArray();
    }

    void formatQuery(ApiParams p, Json data, ApiNotes warnings) {
        data.value(queries().format(p.getOrEmpty("query")));
    }

    void parseQuery(ApiParams p, Json data, ApiNotes warnings) {
        queries().writeSyntaxTree(p.getOrEmpty("query"), data);
    }

    static void labels(Json out, Labels l) {
        out.beginObject();
        for (int i = 0; i < l.size(); i++) {
            out.name(l.name(i)).value(l.value(i));
        }
        out.endObject();
    }
}
