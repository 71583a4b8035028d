package org.osprey.tsdb.block;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which blocks to merge next: overlapping blocks first (vertical compaction), then blocks
 * that together fill an aligned window of the next range level (2 h → 6 h → 18 h → …), as
 * Prometheus's leveled compactor does. Thread-safe: stateless.
 */
public final class CompactionPlanner {
    private CompactionPlanner() {
    }

    /** Range levels: base × 3^i, capped at {@code maxRange}. */
    public static long[] ranges(long base, long maxRange) {
        List<Long> out = new ArrayList<>();
        for (long r = base; r <= Math.max(base, maxRange) && out.size() < 10; r *= 3) {
            out.add(r);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** The next group to compact, or an empty list. Metas may come in any order. */
    public static List<BlockMeta> plan(List<BlockMeta> metas, long[] ranges) {
        List<BlockMeta> sorted = new ArrayList<>(metas);
        sorted.sort(Comparator.comparingLong(BlockMeta::minTime));
        // overlapping blocks merge first, whatever their size
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).minTime() < sorted.get(i - 1).maxTime()) {
                List<BlockMeta> group = new ArrayList<>();
                group.add(sorted.get(i - 1));
                long end = sorted.get(i - 1).maxTime();
                for (int j = i; j < sorted.size() && sorted.get(j).minTime() < end; j++) {
                    group.add(sorted.get(j));
                    end = Math.max(end, sorted.get(j).maxTime());
                }
                return group;
            }
        }
        if (sorted.size() < 2) {
            return List.of();
        }
        long newest = sorted.get(sorted.size() - 1).maxTime();
        for (int level = 1; level < ranges.length; level++) {
            long r = ranges[level];
            int i = 0;
            while (i < sorted.size()) {
                long window = Math.floorDiv(sorted.get(i).minTime(), r) * r;
                List<BlockMeta> group = new ArrayList<>();
                int j = i;
                while (j < sorted.size() && sorted.get(j).minTime() >= window && sorted.get(j).maxTime() <= window + r) {
                    group.add(sorted.get(j));
                    j++;
                }
                if (j == i) {
                    i++;
                    continue;
                }
                // Merge once the window is over (newer data exists beyond it) or already full.
                boolean complete = window + r <= newest || spans(group) == r;
                if (group.size() >= 2 && complete) {
                    return group;
                }
                i = j;
            }
        }
        return List.of();
    }

    private static long spans(List<BlockMeta> g) {
        return g.get(g.size() - 1).maxTime() - g.get(0).minTime();
    }
}
