package org.osprey.tsdb;

class TsdbInMemoryConformanceTest extends StorageConformanceTest {
    @Override
    protected Storage create() {
        return Tsdb.inMemory(TsdbOptions.defaults());
    }
}
