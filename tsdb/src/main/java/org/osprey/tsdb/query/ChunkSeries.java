package org.osprey.tsdb.query;

import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.chunkenc.ChunkMeta;

/**
 * A series as one source (head or block) holds it: labels, chunks in minTime order, and deleted
 * intervals. Thread-safe: immutable snapshot.
 *
 * @param deleted [from0,to0,from1,to1,...] ranges removed by tombstones, or null
 */
public record ChunkSeries(Labels labels, List<ChunkMeta> chunks, long[] deleted) {
}
