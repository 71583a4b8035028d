package org.osprey.tsdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.tsdb.head.HeadSnapshot;

/**
 * The conformance suite with reopen after a simulated crash: the shutdown snapshot is removed, so
 * the head comes back from the WAL alone (every value encoding path of the WAL is exercised).
 */
class TsdbWalReplayConformanceTest extends StorageConformanceTest {
    @TempDir
    Path dir;

    @Override
    protected Storage create() {
        return Tsdb.open(dir, TsdbOptions.defaults().withWal(true, false));
    }

    @Override
    protected Storage reopen(Storage s) {
        s.close();
        try {
            Files.delete(dir.resolve(HeadSnapshot.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return create();
    }
}
