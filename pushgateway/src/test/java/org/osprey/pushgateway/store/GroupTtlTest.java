package org.osprey.pushgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.pushgateway.PushgatewayOptions;
import org.osprey.pushgateway.RunningPushgateway;
import org.osprey.pushgateway.api.PushgatewayHandler;
import org.osprey.pushgateway.api.SelfMetrics;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/** Group expiry: --push.group-ttl, the per-push header, and what expiry removes. */
class GroupTtlTest {
    private static WriteRequest push(String job, long at, long ttl) {
        return new WriteRequest(LabelPairs.of("job", job),
                List.of(new Family("m", null, MetricType.GAUGE, List.of(Metric.simple(LabelPairs.EMPTY, 1, Metric.NO_TIMESTAMP)))),
                true, at, ttl);
    }

    @Test
    void storeExpiresByDefaultTtlAndPerPushOverride() throws Exception {
        MetricStore store = new MetricStore(SelfMetrics.familyTypes(), 1000);
        store.submit(push("default", 0, 0));
        store.submit(push("short", 0, 100));
        store.submit(push("never", 0, -1));
        assertEquals(3, store.liveGroups(99).size());
        assertEquals(List.of("default", "never"), store.liveGroups(100).stream().map(g -> g.groupingKey().get("job")).toList(),
                "expired groups vanish from reads at once, before any sweep");
        store.submit(push("default", 900, 0)); // a new push renews the lease
        List<MetricGroup> expired = store.expire(1500);
        assertEquals(List.of("short"), expired.stream().map(g -> g.groupingKey().get("job")).toList());
        assertEquals(1, store.expiredTotal());
        assertEquals(2, store.expire(1_000_000).size() + store.liveGroups(1_000_000).size(), "default expired, never stays");
        assertEquals(2, store.expiredTotal());
        // Expired groups no longer hold their family's type; the remaining "never" group still does.
        WriteRequest counter = new WriteRequest(LabelPairs.of("job", "x"),
                List.of(new Family("m", null, MetricType.COUNTER, List.of(Metric.simple(LabelPairs.EMPTY, 1, Metric.NO_TIMESTAMP)))),
                true, 2_000_000, -1);
        assertThrows(PushRejectedException.class, () -> store.submit(counter));
        store.delete(LabelPairs.of("job", "never"));
        store.submit(counter);
        assertEquals(MetricType.COUNTER, store.liveGroups(2_000_000).getFirst().families().get("m").type());
    }

    @Test
    void eachPushDecidesItsGroupsExpiryAgain() throws Exception {
        MetricStore store = new MetricStore(SelfMetrics.familyTypes(), 1000);
        store.submit(push("x", 0, 100));
        assertEquals(100, store.liveGroups(0).getFirst().expiresAtMillis());
        store.submit(push("x", 50, 0)); // no header: back to the flag's TTL
        assertEquals(1050, store.liveGroups(50).getFirst().expiresAtMillis());
        store.submit(push("x", 60, -1)); // "0s" in the header: never
        assertEquals(MetricGroup.NEVER, store.liveGroups(60).getFirst().expiresAtMillis());
    }

    @Test
    void expiredGroupsDisappearFromScrapesAndAreCounted() throws Exception {
        try (RunningPushgateway pg = new RunningPushgateway(PushgatewayOptions.defaults().withGroupTtl(60_000))) {
            assertEquals(200, pg.send("PUT", "/metrics/job/brief", "m 1\n", PushgatewayHandler.GROUP_TTL_HEADER, "300ms").statusCode());
            assertEquals(200, pg.send("PUT", "/metrics/job/lasting", "m 2\n").statusCode());
            assertTrue(pg.pushedMetrics().contains("m{instance=\"\",job=\"brief\"} 1"));
            Thread.sleep(400);
            String s = pg.pushedMetrics();
            assertFalse(s.contains("job=\"brief\""), s);
            assertTrue(s.contains("m{instance=\"\",job=\"lasting\"} 2"), s);
            assertFalse(pg.get("/api/v1/metrics").body().contains("brief"));
            long deadline = System.currentTimeMillis() + 5000;
            String own = "";
            while (System.currentTimeMillis() < deadline) {
                own = pg.get("/metrics").body();
                if (own.contains("osprey_pushgateway_groups_expired_total 1\n")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(own.contains("osprey_pushgateway_groups_expired_total 1\n"), own);
            assertEquals(400, pg.send("PUT", "/metrics/job/x", "m 1\n", PushgatewayHandler.GROUP_TTL_HEADER, "soon").statusCode());
        }
    }
}
