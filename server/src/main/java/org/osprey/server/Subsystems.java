package org.osprey.server;

import java.util.function.Supplier;
import org.osprey.server.cli.ServerOptions;
import org.osprey.server.query.PromqlQueries;
import org.osprey.tsdb.Queryable;

/** Builds the engines behind the API from the options. Thread-safe: stateless. */
final class Subsystems {
    private Subsystems() {
    }

    static PromqlQueries queryService(ServerOptions options, long evalIntervalMs, Supplier<Queryable> storage) {
        return new PromqlQueries(PromqlQueries.options(options.lookbackDeltaMillis(), options.queryMaxSamples(),
                options.queryTimeoutMillis(), options.queryMaxConcurrency(), evalIntervalMs), storage);
    }
}
