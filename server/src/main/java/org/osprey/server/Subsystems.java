package org.osprey.server;

import org.osprey.server.api.QueryService;
import org.osprey.server.cli.ServerOptions;

/** Builds the engines behind the API from the options. Thread-safe: stateless. */
final class Subsystems {
    private Subsystems() {
    }

    static QueryService queryService(ServerOptions options) {
        return null;
    }
}
