package org.osprey.promql;

import org.osprey.promql.parser.Expr;

/** A prepared query; execute once. Thread-safe: {@link #cancel()} may be called from any thread. */
public interface Query {
    /**
     * Runs the query.
     *
     * @throws PromqlException EXECUTION on evaluation errors, TIMEOUT, CANCELED
     */
    QueryResult execute();

    /** Asks a running (or queued) execution to stop with a CANCELED error. */
    void cancel();

    /** The parsed expression. */
    Expr expr();

    /** The query text. */
    String text();
}
