package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Load check from the issue: 10,000 active alerts in 500 groups, then 50 alert updates per second
 * (half new alerts, half re-sent ones) while every group keeps its group_interval schedule.
 * Prints notification lateness and heap use. Runs only with {@code -Dosprey.am.load=true} (about a
 * minute), so it stays out of the normal test budget.
 */
class LoadCheckTest {
    private static final int GROUPS = 500;
    private static final int PER_GROUP = 20;
    private static final long GROUP_INTERVAL = 5000;

    @TempDir
    Path dir;

    @Test
    void tenThousandAlertsStayOnSchedule() throws Exception {
        assumeTrue(Boolean.getBoolean("osprey.am.load"), "load check runs only with -Dosprey.am.load=true");
        long seed = Long.getLong("osprey.am.seed", System.nanoTime());
        System.out.println("load check seed " + seed);
        Random rnd = new Random(seed);
        try (WebhookSink sink = new WebhookSink();
                AmHarness am = new AmHarness(dir, """
                        route:
                          receiver: hook
                          group_by: [group]
                          group_wait: 2s
                          group_interval: %dms
                          repeat_interval: 1h
                        receivers:
                          - name: hook
                            webhook_configs:
                              - url: %s
                        """.formatted(GROUP_INTERVAL, sink.url()))) {
            System.gc();
            Thread.sleep(200);
            long baseMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            long t0 = System.currentTimeMillis();
            for (int g = 0; g < GROUPS; g++) {
                StringBuilder batch = new StringBuilder("[");
                for (int i = 0; i < PER_GROUP; i++) {
                    batch.append(i == 0 ? "" : ",").append(alert(g, i, 0));
                }
                am.postAlerts(batch.append(']').toString());
            }
            long posted = System.currentTimeMillis() - t0;
            Map<String, Long> lastSeen = new HashMap<>();
            int firstRound = 0;
            long firstDeadline = System.currentTimeMillis() + 15_000;
            while (firstRound < GROUPS && System.currentTimeMillis() < firstDeadline) {
                WebhookSink.Received r = sink.next(1000);
                if (r != null) {
                    lastSeen.put(r.body().get("groupLabels").get("group").asString(), r.atMillis());
                    assertEquals(PER_GROUP, r.body().get("alerts").size());
                    firstRound++;
                }
            }
            long firstAll = System.currentTimeMillis() - t0;
            assertEquals(GROUPS, firstRound, "every group notified once after group_wait");
            System.gc();
            Thread.sleep(200);
            long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;

            // 50 updates/s for 20 s: every second, 25 new alerts (each makes its group due) and 25 re-sent ones.
            Map<String, Long> dueSince = new HashMap<>();
            List<Long> lateness = new ArrayList<>();
            int next = PER_GROUP;
            long end = System.currentTimeMillis() + 20_000;
            long tick = System.currentTimeMillis();
            while (System.currentTimeMillis() < end) {
                StringBuilder batch = new StringBuilder("[");
                for (int k = 0; k < 50; k++) {
                    int g = rnd.nextInt(GROUPS);
                    boolean fresh = k < 25;
                    batch.append(k == 0 ? "" : ",").append(alert(g, fresh ? next++ : rnd.nextInt(PER_GROUP), k));
                    if (fresh) {
                        dueSince.putIfAbsent("g" + g, System.currentTimeMillis());
                    }
                }
                am.postAlerts(batch.append(']').toString());
                tick += 1000;
                long wait;
                while ((wait = tick - System.currentTimeMillis()) > 0) {
                    WebhookSink.Received r = sink.next(wait);
                    if (r != null) {
                        record(r, dueSince, lastSeen, lateness);
                    }
                }
            }
            WebhookSink.Received r;
            while ((r = sink.next(GROUP_INTERVAL + 1500)) != null) {
                record(r, dueSince, lastSeen, lateness);
            }
            lateness.sort(null);
            long p50 = lateness.get(lateness.size() / 2);
            long p99 = lateness.get(lateness.size() * 99 / 100);
            long max = lateness.get(lateness.size() - 1);
            JsonNode groups = am.getJson("/api/v2/alerts/groups");
            System.out.printf("load: posted 10000 alerts in %d ms; all %d groups notified %d ms after start; heap after GC %d MiB (%d MiB before the alerts);"
                    + " %d follow-up notifications, gap to previous notification of the group minus group_interval:"
                    + " p50 %d ms, p99 %d ms, max %d ms; %d groups still due; API lists %d groups%n", posted, GROUPS, firstAll,
                    heapMb, baseMb, lateness.size(), p50, p99, max, dueSince.size(), groups.size());
            assertTrue(dueSince.isEmpty(), "every group with new alerts was notified");
            assertTrue(max < 1500, "no follow-up notification more than 1.5 s off its group_interval tick");
        }
    }

    /** Records how far a follow-up notification is from its group's interval tick. */
    private static void record(WebhookSink.Received r, Map<String, Long> dueSince, Map<String, Long> lastSeen, List<Long> lateness) {
        String g = r.body().get("groupLabels").get("group").asString();
        Long prev = lastSeen.put(g, r.atMillis());
        if (prev != null) {
            long gap = r.atMillis() - prev;
            // A due group is sent at the first tick after it became due: gap is a multiple of the interval.
            long off = gap % GROUP_INTERVAL;
            lateness.add(Math.min(off, GROUP_INTERVAL - off));
        }
        dueSince.remove(g);
    }

    private static String alert(int group, int i, int version) {
        return "{\"labels\":{\"alertname\":\"Load\",\"group\":\"g" + group + "\",\"i\":\"" + i + "\"},"
                + "\"annotations\":{\"v\":\"" + version + "\"}}";
    }
}
