package org.osprey.pushgateway.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;
import org.osprey.pushgateway.store.MetricStore;
import org.osprey.pushgateway.store.WriteRequest;

class ScrapeCacheTest {
    private static final List<Family> OWN = List.of(
            new Family("m_own", "Own.", MetricType.GAUGE, List.of(Metric.simple(LabelPairs.EMPTY, 7, Metric.NO_TIMESTAMP))));

    private static WriteRequest push(String job, String family, double v, long at, long ttl) {
        return new WriteRequest(LabelPairs.of("job", job),
                List.of(new Family(family, null, MetricType.GAUGE, List.of(Metric.simple(LabelPairs.EMPTY, v, Metric.NO_TIMESTAMP)))),
                true, at, ttl);
    }

    /** The reference: everything gathered and written afresh. */
    private static String uncached(MetricStore store, long now) {
        StringBuilder sb = new StringBuilder();
        TextWriter.write(Gatherer.gather(store.liveGroups(now), OWN), sb);
        return sb.toString();
    }

    @Test
    void reusesTheRenderingUntilTheStoreChangesAndMergesOwnFamiliesInOrder() throws Exception {
        MetricStore store = new MetricStore(Map.of("m_own", MetricType.GAUGE), 0);
        ScrapeCache cache = new ScrapeCache(store);
        store.submit(push("a", "a_metric", 1, 1000, 0));
        store.submit(push("b", "z_metric", 2, 1000, 0));
        String first = cache.scrape(2000, OWN);
        assertEquals(uncached(store, 2000), first);
        assertTrue(first.indexOf("m_own") > first.indexOf("a_metric") && first.indexOf("m_own") < first.indexOf("push_time_seconds"), first);
        assertEquals(first, cache.scrape(3000, OWN));
        assertEquals(1, cache.renders(), "unchanged store, one rendering");
        store.submit(push("a", "a_metric", 5, 4000, 0));
        String after = cache.scrape(5000, OWN);
        assertEquals(uncached(store, 5000), after);
        assertTrue(after.contains("a_metric{instance=\"\",job=\"a\"} 5\n"), after);
        assertEquals(2, cache.renders());
    }

    @Test
    void anExpiringGroupVanishesWithoutAStoreChange() throws Exception {
        MetricStore store = new MetricStore(Map.of(), 0);
        ScrapeCache cache = new ScrapeCache(store);
        store.submit(push("brief", "b_metric", 1, 1000, 500));
        store.submit(push("lasting", "l_metric", 1, 1000, -1));
        assertTrue(cache.scrape(1400, OWN).contains("job=\"brief\""));
        String later = cache.scrape(1500, OWN);
        assertFalse(later.contains("job=\"brief\""), later);
        assertEquals(uncached(store, 1500), later);
    }

    @Test
    void aPushedFamilySharingAnOwnNameFallsBackToAFullMerge() throws Exception {
        MetricStore store = new MetricStore(Map.of("m_own", MetricType.GAUGE), 0);
        ScrapeCache cache = new ScrapeCache(store);
        store.submit(new WriteRequest(LabelPairs.of("job", "x"), List.of(new Family("m_own", null, MetricType.GAUGE,
                List.of(Metric.simple(LabelPairs.of("pushed", "yes"), 1, Metric.NO_TIMESTAMP)))), true, 1000, 0));
        String s = cache.scrape(2000, OWN);
        assertEquals(uncached(store, 2000), s);
        assertEquals(1, s.split("# TYPE m_own ", -1).length - 1, "one family block:\n" + s);
    }
}
