package org.osprey.tsdb;

import java.nio.file.Path;
import org.osprey.model.labels.Labels;

/**
 * Child process for {@link KillDashNineTest}: appends batches as fast as it can and prints
 * "ack N" after batch N's commit returned. Killed with SIGKILL by the parent.
 */
public final class CrashChild {
    static final int SERIES = 50;

    static TsdbOptions options() {
        // short blocks so compaction, head truncation and WAL checkpoints happen during the run
        return TsdbOptions.defaults().withBlockRange(600_000).withWal(true, false).withWalSegmentBytes(256 << 10);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int start = Integer.parseInt(args[1]);
        try (Tsdb db = Tsdb.open(dir, options())) {
            long[] refs = new long[SERIES];
            for (int batch = start; ; batch++) {
                Appender a = db.appender();
                for (int s = 0; s < SERIES; s++) {
                    refs[s] = a.append(refs[s], Labels.of("__name__", "crash", "s", Integer.toString(s)), batch * 1000L, batch);
                }
                a.commit();
                System.out.println("ack " + batch);
                System.out.flush();
            }
        }
    }
}
