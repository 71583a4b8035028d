package org.osprey.tsdb;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against a Tsdb with a WAL, reopened (replayed) in the middle of tests. */
class TsdbDiskConformanceTest extends StorageConformanceTest {
    @TempDir
    Path dir;

    @Override
    protected Storage create() {
        return Tsdb.open(dir, TsdbOptions.defaults().withWal(true, false));
    }

    @Override
    protected Storage reopen(Storage s) {
        s.close();
        return create();
    }
}
