package org.osprey.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.scrape.config.ConfigLoader;
import org.osprey.scrape.config.PrometheusConfig;
import org.osprey.tsdb.memory.MemoryStorage;

/** file_sd changes, vanished targets, and reloads, against real loopback targets and real files. */
class DiscoveryAndReloadTest {
    @TempDir
    Path dir;

    private final MemoryStorage storage = new MemoryStorage();
    private final ScrapeManager manager = new ScrapeManager(storage);
    private final FakeTarget a;
    private final FakeTarget b;

    DiscoveryAndReloadTest() throws Exception {
        a = new FakeTarget();
        b = new FakeTarget();
        a.body = "from_a 1\n";
        b.body = "from_b 1\n";
    }

    @AfterEach
    void tearDown() {
        manager.close();
        a.close();
        b.close();
        storage.close();
    }

    private PrometheusConfig load(String yaml) throws Exception {
        Path f = dir.resolve("prometheus.yml");
        Files.writeString(f, yaml);
        return ConfigLoader.loadFile(f);
    }

    private List<String> instances() {
        return manager.activeTargets().stream().map(t -> t.labels().get("instance")).sorted().toList();
    }

    @Test
    void fileSdChangesAreSeenAndVanishedTargetsGoStale() throws Exception {
        Path sd = dir.resolve("targets.json");
        Files.writeString(sd, "[{\"targets\": [\"" + a.address() + "\"], \"labels\": {\"env\": \"prod\"}}]");
        manager.applyConfig(load("""
                scrape_configs:
                  - job_name: files
                    scrape_interval: 100ms
                    file_sd_configs: [{files: ['*.json'], refresh_interval: 1h}]
                """));
        StoredSamples.await("target a scraped", () -> !StoredSamples.metric(storage, "from_a").isEmpty());
        TargetStatus st = manager.activeTargets().get(0);
        assertEquals(Labels.of("env", "prod", "instance", a.address(), "job", "files"), st.labels());
        assertEquals(sd.toString(), st.discoveredLabels().get("__meta_filepath"));

        // The watcher (not the 1h refresh) must pick up the rewrite.
        Files.writeString(sd, "[{\"targets\": [\"" + b.address() + "\"]}]");
        StoredSamples.await("target b scraped", () -> !StoredSamples.metric(storage, "from_b").isEmpty());
        StoredSamples.await("a gone", () -> instances().equals(List.of(b.address())));
        StoredSamples.await("a's series stale", () -> StoredSamples.metric(storage, "from_a").get(0).last().stale());
        var upA = StoredSamples.select(storage, LabelMatcher.equal("__name__", "up"), LabelMatcher.equal("instance", a.address()));
        assertTrue(upA.get(0).last().stale(), "the vanished target's up goes stale too");
        int hitsAfter = a.hits.get();
        Thread.sleep(300);
        assertEquals(hitsAfter, a.hits.get(), "a is no longer scraped");
    }

    @Test
    void yamlFileSdKeepsLastGoodTargetsWhileTheFileIsBrokenAndDropsThemWhenDeleted() throws Exception {
        Path sd = dir.resolve("t.yml");
        Files.writeString(sd, "- targets: ['" + a.address() + "']\n");
        manager.applyConfig(load("""
                scrape_configs:
                  - job_name: files
                    scrape_interval: 100ms
                    file_sd_configs: [{files: ['t.yml', 'u.yml'], refresh_interval: 1h}]
                """));
        StoredSamples.await("a", () -> instances().equals(List.of(a.address())));
        // Invalid content (unknown key): the last good groups stay, as upstream keeps them.
        Files.writeString(sd, "- targets: ['" + b.address() + "']\n  lables: {x: y}\n");
        Path other = dir.resolve("u.yml");
        Files.writeString(other, "- targets: ['" + b.address() + "']\n");
        StoredSamples.await("b from the second file", () -> instances().size() == 2);
        assertEquals(List.of(a.address(), b.address()).stream().sorted().toList(), instances());
        Files.delete(sd);
        StoredSamples.await("a gone with its file", () -> instances().equals(List.of(b.address())));
    }

    @Test
    void reloadRestartsOnlyChangedJobs() throws Exception {
        String keep = "  - job_name: keep\n    scrape_interval: 100ms\n    static_configs: [{targets: ['" + a.address() + "']}]\n";
        manager.applyConfig(load("scrape_configs:\n" + keep
                + "  - job_name: change\n    scrape_interval: 100ms\n    static_configs: [{targets: ['" + b.address() + "']}]\n"
                + "  - job_name: remove\n    scrape_interval: 100ms\n    static_configs: [{targets: ['" + b.address() + "']}]\n"));
        StoredSamples.await("all up", () -> manager.activeTargets().size() == 3
                && manager.activeTargets().stream().allMatch(t -> t.health().equals("up")));
        ScrapeTarget keptBefore = manager.pool("keep").target(a.address());
        ScrapePool changedBefore = manager.pool("change");

        manager.applyConfig(load("scrape_configs:\n" + keep
                + "  - job_name: change\n    scrape_interval: 200ms\n    static_configs: [{targets: ['" + b.address() + "']}]\n"));
        assertSame(keptBefore, manager.pool("keep").target(a.address()), "unchanged job keeps its running target");
        assertNotSame(changedBefore, manager.pool("change"));
        assertEquals(List.of("keep", "change"), manager.scrapePools());
        var removedUp = StoredSamples.select(storage, LabelMatcher.equal("__name__", "up"), LabelMatcher.equal("job", "remove"));
        assertTrue(removedUp.get(0).last().stale(), "removed job's series are marked stale");
        var keptA = StoredSamples.select(storage, LabelMatcher.equal("__name__", "from_a"));
        assertFalse(keptA.get(0).samples().stream().anyMatch(StoredSamples.Sample::stale), "kept job never went stale");
        StoredSamples.await("changed job scraped at 200ms", () -> manager.activeTargets().stream()
                .anyMatch(t -> t.scrapePool().equals("change") && t.scrapeInterval().equals("200ms") && t.health().equals("up")));
        var changedB = StoredSamples.select(storage, LabelMatcher.equal("__name__", "from_b"), LabelMatcher.equal("job", "change"));
        assertFalse(changedB.get(0).samples().stream().anyMatch(StoredSamples.Sample::stale),
                "a target that lives on in the restarted job does not go stale");

        // A reload whose relabeling renames the target: the old identity's series go stale.
        manager.applyConfig(load("scrape_configs:\n" + keep
                + "  - job_name: change\n    scrape_interval: 200ms\n    static_configs: [{targets: ['" + b.address() + "']}]\n"
                + "    relabel_configs: [{target_label: instance, replacement: renamed}]\n"));
        var oldIdentity = StoredSamples.select(storage, LabelMatcher.equal("__name__", "from_b"), LabelMatcher.equal("job", "change"),
                LabelMatcher.equal("instance", b.address()));
        assertTrue(oldIdentity.get(0).last().stale());
        StoredSamples.await("renamed target scraped", () -> !StoredSamples.select(storage,
                LabelMatcher.equal("__name__", "from_b"), LabelMatcher.equal("instance", "renamed")).isEmpty());
    }

    @Test
    void brokenFileOnReloadKeepsTheRunningConfig() throws Exception {
        Path f = dir.resolve("prometheus.yml");
        Files.writeString(f, "scrape_configs:\n  - job_name: keep\n    scrape_interval: 100ms\n"
                + "    static_configs: [{targets: ['" + a.address() + "']}]\n");
        ConfigReloader reloader = new ConfigReloader(f, manager);
        assertTrue(reloader.reload());
        StoredSamples.await("up", () -> !manager.activeTargets().isEmpty() && manager.activeTargets().get(0).health().equals("up"));
        ScrapeTarget before = manager.pool("keep").target(a.address());

        Files.writeString(f, "scrape_configs:\n  - job_name: keep\n    scrape_interval: 100ms\n    scrape_timeout: 1s\n");
        assertFalse(reloader.reload());
        assertFalse(reloader.lastReloadSuccessful());
        assertTrue(reloader.lastError().contains("scrape timeout greater than scrape interval"), reloader.lastError());
        assertSame(before, manager.pool("keep").target(a.address()), "old config keeps running");
        int hits = a.hits.get();
        StoredSamples.await("still scraping", () -> a.hits.get() > hits + 1);
        assertEquals(1, reloader.current().scrapeConfigs().size());
    }
}
