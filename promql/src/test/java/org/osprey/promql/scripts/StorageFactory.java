package org.osprey.promql.scripts;

import org.osprey.tsdb.Storage;
import org.osprey.tsdb.memory.MemoryStorage;

/** The storage the script runner evaluates against. Stateless. */
final class StorageFactory {
    private StorageFactory() {
    }

    static Storage create() {
        return new MemoryStorage();
    }
}
