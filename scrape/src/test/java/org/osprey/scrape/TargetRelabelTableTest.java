package org.osprey.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.memory.MemoryStorage;

/**
 * Every relabel action applied to a real target's discovered labels: each case runs a job against
 * a loopback target and checks the target's resulting labels (or that it was dropped), and for
 * kept targets that the scrape really happened at the relabeled URL.
 */
class TargetRelabelTableTest {
    private static FakeTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = new FakeTarget();
        target.body = "m 1\n";
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    static String addr() {
        return target.address();
    }

    static String host() {
        return "127.0.0.1";
    }

    /** Independent md5 of upstream's hashmod: low 64 bits big-endian, unsigned, mod m. */
    static String hashmod(String s, int m) throws Exception {
        byte[] h = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        java.math.BigInteger low = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(h, 8, 16));
        return low.mod(java.math.BigInteger.valueOf(m)).toString();
    }

    static Stream<Arguments> cases() throws Exception {
        return Stream.of(
                Arguments.of("replace with groups", "[{source_labels: [__address__], regex: '(.+):(\\d+)', target_label: host, replacement: '${1}'}]",
                        "host=" + host()),
                Arguments.of("replace default copies value", "[{source_labels: [env], target_label: stage}]", "env=prod,stage=prod"),
                Arguments.of("replace joins with separator", "[{source_labels: [env, zone], separator: '-', target_label: where}]",
                        "env=prod,where=prod-eu,zone=eu"),
                Arguments.of("replace $1x is Go's group named 1x (empty) so nothing is set",
                        "[{source_labels: [env], target_label: x, replacement: '$1x'}]", "env=prod"),
                Arguments.of("replace with unmatched regex leaves labels", "[{source_labels: [env], regex: dev, target_label: x, replacement: y}]",
                        "env=prod"),
                Arguments.of("keep matching", "[{source_labels: [env], regex: prod, action: keep}]", "env=prod"),
                Arguments.of("keep non-matching drops", "[{source_labels: [env], regex: dev, action: keep}]", null),
                Arguments.of("drop matching", "[{source_labels: [zone], regex: 'e.', action: drop}]", null),
                Arguments.of("keepequal equal", "[{source_labels: [env], target_label: env_copy, action: keepequal}]", "env=prod,env_copy=prod"),
                Arguments.of("keepequal unequal drops", "[{source_labels: [env], target_label: zone, action: keepequal}]", null),
                Arguments.of("dropequal equal drops", "[{source_labels: [env], target_label: env_copy, action: dropequal}]", null),
                Arguments.of("hashmod", "[{source_labels: [__address__], modulus: 8, target_label: shard, action: hashmod}]",
                        "shard=" + hashmod(addr(), 8)),
                Arguments.of("labelmap", "[{regex: '__meta_(.+)', action: labelmap}]", "env=prod,rack=r1"),
                Arguments.of("labelmap with replacement", "[{regex: '__meta_(.+)', replacement: 'm_$1', action: labelmap}]", "env=prod,m_rack=r1"),
                Arguments.of("labeldrop", "[{regex: 'env|zone', action: labeldrop}]", "env=,zone=,mixed=HeLLo"),
                Arguments.of("labelkeep", "[{regex: '__.*|env|job', action: labelkeep}]", "env=prod,zone="),
                Arguments.of("lowercase", "[{source_labels: [mixed], target_label: lower, action: lowercase}]", "lower=hello"),
                Arguments.of("uppercase", "[{source_labels: [mixed], target_label: upper, action: uppercase}]", "upper=HELLO"),
                Arguments.of("instance override survives", "[{target_label: instance, replacement: 'node-1'}]", "instance=node-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void action(String name, String rules, String expect) throws Exception {
        MemoryStorage storage = new MemoryStorage();
        try (ScrapeManager m = new ScrapeManager(storage)) {
            m.applyConfig(ScrapeLoopTest.config("""
                    scrape_configs:
                      - job_name: r
                        scrape_interval: 100ms
                        static_configs:
                          - targets: ['%s']
                            labels: {env: prod, env_copy: prod, zone: eu, mixed: HeLLo, __meta_rack: r1}
                        relabel_configs: %s
                        metric_relabel_configs: [{regex: 'env_copy|zone|mixed', action: labeldrop}]
                    """.formatted(addr(), rules)));
            if (expect == null) {
                assertEquals(List.of(), m.activeTargets(), name);
                assertEquals(1, m.droppedTargets().size());
                assertEquals("prod", m.droppedTargets().get(0).discoveredLabels().get("env"));
                return;
            }
            assertEquals(1, m.activeTargets().size(), name);
            Labels got = m.activeTargets().get(0).labels();
            for (String kv : expect.isEmpty() ? new String[0] : expect.split(",")) {
                String[] p = kv.split("=", 2);
                assertEquals(p[1], got.get(p[0]), name + ": " + p[0] + " in " + got);
            }
            assertTrue(got.get("instance").equals(addr()) || expect.contains("instance="), got.toString());
            assertEquals("r", got.get("job"));
            for (int i = 0; i < got.size(); i++) {
                assertTrue(!got.name(i).startsWith("__"), "no __ labels on the target: " + got);
            }
            StoredSamples.await("scraped", () -> !StoredSamples.metric(storage, "m").isEmpty());
            Labels series = StoredSamples.metric(storage, "m").get(0).labels();
            assertEquals(got.get("instance"), series.get("instance"));
        }
    }
}
