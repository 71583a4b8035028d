package org.osprey.server.query;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.promql.Engine;
import org.osprey.promql.EngineOptions;
import org.osprey.promql.PromqlException;
import org.osprey.promql.Query;
import org.osprey.promql.QueryResult;
import org.osprey.promql.QueryStats;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.PromqlParser;
import org.osprey.promql.value.Matrix;
import org.osprey.promql.value.Sample;
import org.osprey.promql.value.Scalar;
import org.osprey.promql.value.Series;
import org.osprey.promql.value.StringValue;
import org.osprey.promql.value.Value;
import org.osprey.promql.value.Vector;
import org.osprey.server.api.ApiException;
import org.osprey.server.api.ErrorType;
import org.osprey.server.api.Json;
import org.osprey.server.api.PromFloat;
import org.osprey.server.api.QueryService;
import org.osprey.tsdb.Queryable;

/**
 * The API's {@link QueryService} on the {@code promql} engine: maps engine errors to the API's
 * error types with upstream wording ({@code invalid parameter "query": ...} for parse errors),
 * applies per-request timeout and lookback, and writes results straight to JSON.
 * Thread-safe: the engines are thread-safe; per-lookback engines are cached.
 */
public final class PromqlQueries implements QueryService {
    private final Engine engine;
    private final EngineOptions defaults;
    private final Supplier<Queryable> storage;
    private final Map<Long, Engine> byLookback = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "osprey-query-timeouts");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param storage where queries read; supplied per query so it can be swapped after startup
     */
    public PromqlQueries(EngineOptions options, Supplier<Queryable> storage) {
        this.defaults = options;
        this.engine = new Engine(options);
        this.storage = storage;
    }

    /** The engine (rules evaluate on the same one so the concurrency limit is shared). */
    public Engine engine() {
        return engine;
    }

    private Engine engineFor(QueryOptions o) {
        if (o.lookbackMs() <= 0 || o.lookbackMs() == defaults.lookbackDelta()) {
            return engine;
        }
        return byLookback.computeIfAbsent(o.lookbackMs(), lb -> new Engine(defaults.withLookbackDelta(lb)));
    }

    private Queryable queryable() {
        Queryable q = storage.get();
        if (q == null) {
            throw new ApiException(ErrorType.UNAVAILABLE, "TSDB not ready");
        }
        return q;
    }

    @Override
    public QueryOutcome instant(String query, long timeMs, QueryOptions options) {
        Query q;
        try {
            q = engineFor(options).instantQuery(queryable(), query, timeMs);
        } catch (PromqlException e) {
            throw invalidQuery(e);
        }
        return run(q, options);
    }

    @Override
    public QueryOutcome range(String query, long startMs, long endMs, long stepMs, QueryOptions options) {
        Query q;
        try {
            q = engineFor(options).rangeQuery(queryable(), query, startMs, endMs, stepMs);
        } catch (PromqlException e) {
            throw invalidQuery(e);
        }
        return run(q, options);
    }

    private static ApiException invalidQuery(PromqlException e) {
        if (e.type() == org.osprey.promql.ErrorType.BAD_DATA) {
            return ApiException.invalidParam("query", e.getMessage());
        }
        return map(e);
    }

    private static ApiException map(PromqlException e) {
        ErrorType t = switch (e.type()) {
            case BAD_DATA -> ErrorType.BAD_DATA;
            case EXECUTION -> ErrorType.EXECUTION;
            case TIMEOUT -> ErrorType.TIMEOUT;
            case CANCELED -> ErrorType.CANCELED;
            case INTERNAL -> ErrorType.INTERNAL;
            case UNAVAILABLE -> ErrorType.UNAVAILABLE;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
        };
        return new ApiException(t, e.getMessage());
    }

    private QueryOutcome run(Query q, QueryOptions options) {
        ScheduledFuture<?> deadline = null;
        boolean[] timedOut = {false};
        long timeout = options.timeoutMs();
        if (timeout > 0 && timeout < defaults.timeout().toMillis()) {
            deadline = timer.schedule(() -> {
                timedOut[0] = true;
                q.cancel();
            }, timeout, TimeUnit.MILLISECONDS);
        }
        QueryResult r;
        try {
            r = q.execute();
        } catch (PromqlException e) {
            if (timedOut[0]) {
                throw new ApiException(ErrorType.TIMEOUT, "query timed out in expression evaluation");
            }
            throw map(e);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
        Value v = r.value();
        String type = switch (v) {
            case Matrix m -> "matrix";
            case Vector vec -> "vector";
            case Scalar s -> "scalar";
            case StringValue s -> "string";
        };
        JsonPart stats = options.stats().isEmpty() || r.stats() == null ? null : out -> writeStats(out, r.stats());
        return new QueryOutcome(type, out -> writeValue(out, v), r.warnings(), r.infos(), stats);
    }

    static void writeValue(Json out, Value v) {
        switch (v) {
            case Vector vec -> {
                out.beginArray();
                for (Sample s : vec.samples()) {
                    out.beginObject().name("metric");
                    labels(out, s.labels());
                    out.name("value").samplePair(s.t(), s.v()).endObject();
                }
                out.endArray();
            }
            case Matrix m -> {
                out.beginArray();
                for (Series s : m.series()) {
                    out.beginObject().name("metric");
                    labels(out, s.labels());
                    out.name("values").beginArray();
                    long[] ts = s.timestamps();
                    double[] vs = s.values();
                    for (int i = 0; i < s.size(); i++) {
                        out.samplePair(ts[i], vs[i]);
                    }
                    out.endArray().endObject();
                }
                out.endArray();
            }
            case Scalar s -> out.samplePair(s.t(), s.v());
            case StringValue s -> {
                StringBuilder sb = out.buffer();
                out.raw("");
                sb.append('[');
                PromFloat.appendTimestamp(sb, s.t());
                sb.append(',');
                Json.quote(sb, s.v());
                sb.append(']');
            }
        }
    }

    private static void labels(Json out, Labels l) {
        out.beginObject();
        for (int i = 0; i < l.size(); i++) {
            out.name(l.name(i)).value(l.value(i));
        }
        out.endObject();
    }

    private static void writeStats(Json out, QueryStats s) {
        out.beginObject().name("timings").beginObject()
                .name("evalTotalTime").number(s.evalNanos() / 1e9)
                .name("resultSortTime").number(0)
                .name("queryPreparationTime").number(s.prepareNanos() / 1e9)
                .name("innerEvalTime").number(Math.max(0, s.evalNanos() - s.prepareNanos()) / 1e9)
                .name("execQueueTime").number(s.queueNanos() / 1e9)
                .name("execTotalTime").number((s.evalNanos() + s.queueNanos()) / 1e9)
                .endObject()
                .name("samples").beginObject()
                .field("totalQueryableSamples", s.totalSamples())
                .field("peakSamples", s.peakSamples())
                .endObject().endObject();
    }

    @Override
    public List<LabelMatcher> parseSelector(String selector) {
        try {
            return PromqlParser.parseMetricSelector(selector);
        } catch (PromqlException e) {
            throw new ApiException(ErrorType.BAD_DATA, e.getMessage());
        }
    }

    @Override
    public String format(String query) {
        try {
            return PromqlParser.parse(query).toString();
        } catch (PromqlException e) {
            throw ApiException.invalidParam("query", e.getMessage());
        }
    }

    @Override
    public void writeSyntaxTree(String query, Json out) {
        Expr e;
        try {
            e = PromqlParser.parse(query);
        } catch (PromqlException ex) {
            throw ApiException.invalidParam("query", ex.getMessage());
        }
        writeNode(out, e);
    }

    /** Writes a syntax node generically: its kind, then each record component (positions left out). */
    private static void writeNode(Json out, Object node) {
        if (node == null) {
            out.nullValue();
        } else if (node instanceof Record r) {
            out.beginObject();
            if (r instanceof Expr) {
                String n = r.getClass().getSimpleName();
                out.field("type", Character.toLowerCase(n.charAt(0)) + n.substring(1));
            }
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getName().equals("pos")) {
                    continue;
                }
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException ex) {
                    continue;
                }
                out.name(c.getName());
                writeNode(out, v);
            }
            out.endObject();
        } else if (node instanceof List<?> list) {
            out.beginArray();
            for (Object o : list) {
                writeNode(out, o);
            }
            out.endArray();
        } else if (node instanceof LabelMatcher m) {
            out.beginObject().field("type", m.type().operator()).field("name", m.name()).field("value", m.value()).endObject();
        } else if (node instanceof Number n) {
            out.number(n.doubleValue());
        } else if (node instanceof Boolean b) {
            out.value(b);
        } else {
            out.value(node.toString());
        }
    }

    /** Stops the timeout timer. */
    public void close() {
        timer.shutdownNow();
    }

    /** Engine options from the server's flags. */
    public static EngineOptions options(long lookbackMs, long maxSamples, long timeoutMs, int maxConcurrency, long evalIntervalMs) {
        return new EngineOptions(lookbackMs, maxSamples, Duration.ofMillis(timeoutMs), maxConcurrency, evalIntervalMs);
    }
}
