package org.osprey.server.api;

import java.util.ArrayList;
import java.util.List;

/** Warnings and infos collected while answering one call; the envelope writes them when non-empty. Not thread-safe. */
final class ApiNotes {
    final List<String> warnings = new ArrayList<>();
    final List<String> infos = new ArrayList<>();

    void warn(String w) {
        warnings.add(w);
    }
}
