package org.osprey.tsdb;

import org.osprey.tsdb.memory.MemoryStorage;

class MemoryStorageConformanceTest extends StorageConformanceTest {
    @Override
    protected Storage create() {
        return new MemoryStorage();
    }
}
