package org.osprey.tsdb;

import java.time.Duration;

/**
 * Settings of a {@link Tsdb}; names follow Prometheus's flags and config keys. Thread-safe:
 * immutable; change with the {@code with*} methods.
 *
 * @param blockRangeMillis         head chunk range and smallest block span (2 h upstream)
 * @param retentionMillis          {@code --storage.tsdb.retention.time}; 0 means no time limit
 * @param retentionBytes           {@code --storage.tsdb.retention.size}; 0 means no size limit
 * @param outOfOrderWindowMillis   {@code storage.tsdb.out_of_order_time_window}; 0 rejects late samples
 * @param walEnabled               false keeps everything in memory (tests, backfill)
 * @param walFsyncPerCommit        fsync the WAL before each commit returns
 * @param walSegmentBytes          WAL segment size before a new segment is cut
 * @param samplesPerChunk          target samples per head chunk
 * @param compactionEnabled        false stops automatic head compaction and block merging
 */
public record TsdbOptions(
        long blockRangeMillis,
        long retentionMillis,
        long retentionBytes,
        long outOfOrderWindowMillis,
        boolean walEnabled,
        boolean walFsyncPerCommit,
        int walSegmentBytes,
        int samplesPerChunk,
        boolean compactionEnabled) {

    public static final long DEFAULT_BLOCK_RANGE = Duration.ofHours(2).toMillis();
    /** Prometheus's default retention when neither time nor size is set. */
    public static final long DEFAULT_RETENTION = Duration.ofDays(15).toMillis();

    public static TsdbOptions defaults() {
        return new TsdbOptions(DEFAULT_BLOCK_RANGE, DEFAULT_RETENTION, 0, 0, true, true, 128 << 20, 120, true);
    }

    public TsdbOptions withBlockRange(long millis) {
        return new TsdbOptions(millis, retentionMillis, retentionBytes, outOfOrderWindowMillis, walEnabled, walFsyncPerCommit, walSegmentBytes, samplesPerChunk, compactionEnabled);
    }

    public TsdbOptions withRetention(long millis, long bytes) {
        return new TsdbOptions(blockRangeMillis, millis, bytes, outOfOrderWindowMillis, walEnabled, walFsyncPerCommit, walSegmentBytes, samplesPerChunk, compactionEnabled);
    }

    public TsdbOptions withOutOfOrderWindow(long millis) {
        return new TsdbOptions(blockRangeMillis, retentionMillis, retentionBytes, millis, walEnabled, walFsyncPerCommit, walSegmentBytes, samplesPerChunk, compactionEnabled);
    }

    public TsdbOptions withWal(boolean enabled, boolean fsyncPerCommit) {
        return new TsdbOptions(blockRangeMillis, retentionMillis, retentionBytes, outOfOrderWindowMillis, enabled, fsyncPerCommit, walSegmentBytes, samplesPerChunk, compactionEnabled);
    }

    public TsdbOptions withWalSegmentBytes(int bytes) {
        return new TsdbOptions(blockRangeMillis, retentionMillis, retentionBytes, outOfOrderWindowMillis, walEnabled, walFsyncPerCommit, bytes, samplesPerChunk, compactionEnabled);
    }

    public TsdbOptions withCompaction(boolean enabled) {
        return new TsdbOptions(blockRangeMillis, retentionMillis, retentionBytes, outOfOrderWindowMillis, walEnabled, walFsyncPerCommit, walSegmentBytes, samplesPerChunk, enabled);
    }
}
