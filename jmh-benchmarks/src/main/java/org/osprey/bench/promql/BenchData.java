package org.osprey.bench.promql;

import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Storage;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;

/**
 * The benchmark data set: 10,000 series over one hour at a 15 s interval (240 samples each) in the
 * real TSDB head: 100 jobs x 10 instances x 10 {@code le} buckets of one histogram-shaped counter.
 * Not thread-safe while loading.
 */
final class BenchData {
    static final long HOUR = 3_600_000L;
    static final long INTERVAL = 15_000L;
    static final int JOBS = 100;
    static final int INSTANCES = 10;
    static final String[] LE = {"0.005", "0.01", "0.05", "0.1", "0.5", "1", "2.5", "5", "10", "+Inf"};

    private BenchData() {
    }

    static Storage load() {
        Tsdb db = Tsdb.inMemory(TsdbOptions.defaults().withCompaction(false).withWal(false, false)
                .withRetention(Long.MAX_VALUE / 4, 0));
        Labels[] series = new Labels[JOBS * INSTANCES * LE.length];
        long[] refs = new long[series.length];
        int k = 0;
        for (int j = 0; j < JOBS; j++) {
            for (int i = 0; i < INSTANCES; i++) {
                for (String le : LE) {
                    series[k++] = Labels.of("__name__", "http_request_duration_seconds_bucket", "job", "job" + j,
                            "instance", "host" + i + ":9090", "le", le);
                }
            }
        }
        for (long t = 0; t <= HOUR; t += INTERVAL) {
            Appender app = db.appender();
            for (int s = 0; s < series.length; s++) {
                int bucket = s % LE.length;
                double v = (t / INTERVAL) * (bucket + 1) * (1 + (s / LE.length) % 7);
                refs[s] = app.append(refs[s], series[s], t, v);
            }
            app.commit();
        }
        return db;
    }
}
