package org.osprey.promql;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osprey.promql.engine.Evaluator;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.PromqlParser;
import org.osprey.promql.value.ValueType;
import org.osprey.tsdb.Queryable;

/**
 * The PromQL engine: parses queries and evaluates them step by step against a {@link Queryable},
 * under the sample limit, the timeout and a cap on concurrent queries (extra queries wait).
 * Thread-safe.
 */
public final class Engine {
    private final EngineOptions options;
    private final Semaphore slots;

    public Engine(EngineOptions options) {
        this.options = options;
        this.slots = new Semaphore(options.maxConcurrency(), true);
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * Prepares an instant query at {@code timeMillis}.
     *
     * @throws PromqlException BAD_DATA when the expression does not parse or type-check
     */
    public Query instantQuery(Queryable storage, String expr, long timeMillis) {
        Expr e = PromqlParser.parse(expr, 0, 0);
        return new PreparedQuery(storage, expr, e, timeMillis, timeMillis, 0, false);
    }

    /**
     * Prepares a range query over [start, end] every step (all ms).
     *
     * @throws PromqlException BAD_DATA when the expression does not parse, or evaluates to something
     *                         other than a scalar or instant vector, or the step is not positive
     */
    public Query rangeQuery(Queryable storage, String expr, long startMillis, long endMillis, long stepMillis) {
        Expr e = PromqlParser.parse(expr, stepMillis, endMillis - startMillis);
        return rangeQuery(storage, e, expr, startMillis, endMillis, stepMillis);
    }

    /** Like {@link #rangeQuery(Queryable, String, long, long, long)} with an already parsed expression. */
    public Query rangeQuery(Queryable storage, Expr e, String text, long startMillis, long endMillis, long stepMillis) {
        if (PromqlParser.usesQueryDurations(text)) {
            e = PromqlParser.parse(text, stepMillis, endMillis - startMillis);
        }
        if (e.type() != ValueType.SCALAR && e.type() != ValueType.VECTOR) {
            throw new PromqlException(ErrorType.BAD_DATA, "invalid expression type \"" + e.type().documentedName()
                    + "\" for range query, must be Scalar or instant Vector");
        }
        if (stepMillis <= 0) {
            throw new PromqlException(ErrorType.BAD_DATA,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMillis < startMillis) {
            throw new PromqlException(ErrorType.BAD_DATA, "end timestamp must not be before start time");
        }
        return new PreparedQuery(storage, text, e, startMillis, endMillis, stepMillis, true);
    }

    /** Like {@link #instantQuery(Queryable, String, long)} with an already parsed expression. */
    public Query instantQuery(Queryable storage, Expr e, String text, long timeMillis) {
        if (PromqlParser.usesQueryDurations(text)) {
            e = PromqlParser.parse(text, 0, 0);
        }
        return new PreparedQuery(storage, text, e, timeMillis, timeMillis, 0, false);
    }

    private final class PreparedQuery implements Query {
        private final Queryable storage;
        private final String text;
        private final Expr expr;
        private final long start;
        private final long end;
        private final long step;
        private final boolean range;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        PreparedQuery(Queryable storage, String text, Expr expr, long start, long end, long step, boolean range) {
            this.storage = storage;
            this.text = text;
            this.expr = expr;
            this.start = start;
            this.end = end;
            this.step = step;
            this.range = range;
        }

        @Override
        public QueryResult execute() {
            long queued = System.nanoTime();
            long deadline = queued + options.timeout().toNanos();
            try {
                if (!slots.tryAcquire(options.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new PromqlException(ErrorType.TIMEOUT, "query timed out in query queue");
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new PromqlException(ErrorType.CANCELED, "query was canceled in query queue");
            }
            try {
                long queueNanos = System.nanoTime() - queued;
                Evaluator ev = new Evaluator(storage, options, start, end, range ? step : 0, deadline, cancelled);
                return ev.run(expr, range, queueNanos);
            } finally {
                slots.release();
            }
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }

        @Override
        public Expr expr() {
            return expr;
        }

        @Override
        public String text() {
            return text;
        }
    }
}
