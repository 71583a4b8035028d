package org.osprey.promql.scripts;

import org.osprey.tsdb.Storage;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;

/**
 * The storage the script runner evaluates against: the real TSDB (head, Gorilla chunks, postings),
 * in memory, without WAL, retention or compaction so old script timestamps stay queryable. Stateless.
 */
final class StorageFactory {
    private StorageFactory() {
    }

    static Storage create() {
        TsdbOptions opts = TsdbOptions.defaults()
                .withRetention(Long.MAX_VALUE / 4, 0)
                .withCompaction(false)
                .withWal(false, false);
        return Tsdb.inMemory(opts);
    }
}
