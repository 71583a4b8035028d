package org.osprey.server.api;

import java.util.List;

/** One API call: reads parameters, writes the {@code data} value, may add warnings. Implementations are thread-safe. */
@FunctionalInterface
interface Endpoint {
    void handle(ApiParams params, Json data, ApiNotes warnings) throws Exception;
}
