package org.osprey.tsdb;

import java.util.concurrent.atomic.LongAdder;

/**
 * The storage's event counters (gauges are read live by {@link Tsdb#forEachMetric}). Thread-safe:
 * striped adders, so counting on the append path costs no contention.
 */
public final class TsdbCounters {
    private final LongAdder samplesAppended = new LongAdder();
    private final LongAdder seriesCreated = new LongAdder();
    private final LongAdder seriesRemoved = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder tooOld = new LongAdder();
    private final LongAdder outOfBounds = new LongAdder();
    private final LongAdder oooAccepted = new LongAdder();
    private final LongAdder walCorruptions = new LongAdder();
    private final LongAdder walRecordsLost = new LongAdder();
    private final LongAdder walFsyncs = new LongAdder();
    private final LongAdder walTruncations = new LongAdder();
    private final LongAdder checkpoints = new LongAdder();
    private final LongAdder compactions = new LongAdder();
    private final LongAdder compactionsFailed = new LongAdder();
    private final LongAdder headTruncations = new LongAdder();
    private final LongAdder blocksQuarantined = new LongAdder();
    private final LongAdder retentionTimeDeletions = new LongAdder();
    private final LongAdder retentionSizeDeletions = new LongAdder();
    private final LongAdder commits = new LongAdder();

    public void samplesAppended(long n) {
        samplesAppended.add(n);
    }

    public void seriesCreated() {
        seriesCreated.increment();
    }

    public void seriesRemoved(long n) {
        seriesRemoved.add(n);
    }

    /** Counts one rejected sample under its reason. */
    public void rejected(SampleRejectedException.Reason reason) {
        switch (reason) {
            case OUT_OF_ORDER -> outOfOrder.increment();
            case DUPLICATE -> duplicate.increment();
            case TOO_OLD -> tooOld.increment();
            case OUT_OF_BOUNDS -> outOfBounds.increment();
        }
    }

    public void outOfOrderAccepted() {
        oooAccepted.increment();
    }

    public void walCorruption(long recordsLost) {
        walCorruptions.increment();
        walRecordsLost.add(recordsLost);
    }

    public void walFsync() {
        walFsyncs.increment();
    }

    public void walTruncation() {
        walTruncations.increment();
    }

    public void checkpoint() {
        checkpoints.increment();
    }

    public void compaction(boolean ok) {
        (ok ? compactions : compactionsFailed).increment();
    }

    public void headTruncation() {
        headTruncations.increment();
    }

    public void blockQuarantined() {
        blocksQuarantined.increment();
    }

    public void retentionDeletion(boolean bySize) {
        (bySize ? retentionSizeDeletions : retentionTimeDeletions).increment();
    }

    public void commit() {
        commits.increment();
    }

    public long samplesAppended() {
        return samplesAppended.sum();
    }

    public long rejectedCount(SampleRejectedException.Reason reason) {
        return switch (reason) {
            case OUT_OF_ORDER -> outOfOrder.sum();
            case DUPLICATE -> duplicate.sum();
            case TOO_OLD -> tooOld.sum();
            case OUT_OF_BOUNDS -> outOfBounds.sum();
        };
    }

    public long walCorruptions() {
        return walCorruptions.sum();
    }

    public long compactions() {
        return compactions.sum();
    }

    public long blocksQuarantined() {
        return blocksQuarantined.sum();
    }

    /** Visits every counter in the text-format shape. */
    void visit(MetricVisitor v) {
        org.osprey.model.labels.Labels none = org.osprey.model.labels.Labels.EMPTY;
        org.osprey.model.labels.Labels flt = org.osprey.model.labels.Labels.of("type", "float");
        v.metric("osprey_tsdb_head_samples_appended_total", "Total number of appended samples.", "counter", flt, samplesAppended.sum());
        v.metric("osprey_tsdb_head_series_created_total", "Total number of series created in the head", "counter", none, seriesCreated.sum());
        v.metric("osprey_tsdb_head_series_removed_total", "Total number of series removed in the head", "counter", none, seriesRemoved.sum());
        v.metric("osprey_tsdb_out_of_order_samples_total", "Total number of out of order samples ingestion failed attempts due to out of order being disabled.", "counter", flt, outOfOrder.sum());
        v.metric("osprey_tsdb_duplicate_samples_total", "Total number of samples rejected as a duplicate sample for a timestamp with a different value.", "counter", flt, duplicate.sum());
        v.metric("osprey_tsdb_too_old_samples_total", "Total number of out of order samples ingestion failed attempts with out of order support enabled, but sample outside of time window.", "counter", flt, tooOld.sum());
        v.metric("osprey_tsdb_out_of_bound_samples_total", "Total number of out of bound samples ingestion failed attempts with out of order support disabled.", "counter", flt, outOfBounds.sum());
        v.metric("osprey_tsdb_head_out_of_order_samples_appended_total", "Total number of appended out of order samples.", "counter", flt, oooAccepted.sum());
        v.metric("osprey_tsdb_wal_corruptions_total", "Total number of WAL corruptions.", "counter", none, walCorruptions.sum());
        v.metric("osprey_tsdb_wal_records_lost_total", "Total number of WAL records dropped while repairing a corrupt or torn WAL.", "counter", none, walRecordsLost.sum());
        v.metric("osprey_tsdb_wal_fsyncs_total", "Total number of WAL fsync calls.", "counter", none, walFsyncs.sum());
        v.metric("osprey_tsdb_wal_truncations_total", "Total number of WAL truncations.", "counter", none, walTruncations.sum());
        v.metric("osprey_tsdb_checkpoint_creations_total", "Total number of checkpoint creations.", "counter", none, checkpoints.sum());
        v.metric("osprey_tsdb_compactions_total", "Total number of compactions that were executed for the partition.", "counter", none, compactions.sum());
        v.metric("osprey_tsdb_compactions_failed_total", "Total number of compactions that failed for the partition.", "counter", none, compactionsFailed.sum());
        v.metric("osprey_tsdb_head_truncations_total", "Total number of head truncations.", "counter", none, headTruncations.sum());
        v.metric("osprey_tsdb_blocks_quarantined_total", "Total number of blocks moved aside because they failed validation.", "counter", none, blocksQuarantined.sum());
        v.metric("osprey_tsdb_time_retentions_total", "The number of times that blocks were deleted because the maximum time limit was exceeded.", "counter", none, retentionTimeDeletions.sum());
        v.metric("osprey_tsdb_size_retentions_total", "The number of times that blocks were deleted because the maximum number of bytes was exceeded.", "counter", none, retentionSizeDeletions.sum());
        v.metric("osprey_tsdb_head_commits_total", "Total number of committed append batches.", "counter", none, commits.sum());
    }
}
