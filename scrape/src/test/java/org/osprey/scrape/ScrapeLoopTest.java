package org.osprey.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.scrape.config.ConfigLoader;
import org.osprey.scrape.config.PrometheusConfig;
import org.osprey.tsdb.memory.MemoryStorage;

/** Scrape loops against real HTTP targets on loopback, read back through the storage. */
class ScrapeLoopTest {
    private final MemoryStorage storage = new MemoryStorage();
    private final ScrapeManager manager = new ScrapeManager(storage);
    private final FakeTarget target;

    ScrapeLoopTest() throws Exception {
        target = new FakeTarget();
    }

    @AfterEach
    void tearDown() {
        manager.close();
        target.close();
        storage.close();
    }

    static PrometheusConfig config(String yaml) throws Exception {
        return ConfigLoader.load(yaml, "test.yml", Path.of("."), k -> null);
    }

    private void scrape(String jobYaml) throws Exception {
        manager.applyConfig(config("scrape_configs:\n" + jobYaml));
    }

    private String job(String extra) {
        return "  - job_name: test\n    scrape_interval: 100ms\n    scrape_timeout: 90ms\n"
                + "    static_configs: [{targets: ['" + target.address() + "']}]\n" + extra;
    }

    private double lastValue(String metric) {
        List<StoredSamples.SeriesSamples> s = StoredSamples.metric(storage, metric);
        return s.isEmpty() ? Double.NaN : s.get(0).last().v();
    }

    private void awaitError(String error) throws InterruptedException {
        StoredSamples.await("error " + error, () -> !manager.activeTargets().isEmpty()
                && manager.activeTargets().get(0).lastError().startsWith(error));
    }

    private void awaitScrapes(int n) throws InterruptedException {
        StoredSamples.await(n + " scrapes", () -> {
            var up = StoredSamples.metric(storage, "up");
            return !up.isEmpty() && up.get(0).samples().size() >= n;
        });
    }

    @Test
    void scrapesSeriesWithTargetLabelsAndSyntheticSeries() throws Exception {
        target.body = "# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n"
                + "http_requests_total{code=\"200\"} 7\nhttp_requests_total{code=\"500\"} 1\ntemp 21.5\n";
        scrape(job(""));
        awaitScrapes(2);
        var reqs = StoredSamples.select(storage, LabelMatcher.equal("__name__", "http_requests_total"),
                LabelMatcher.equal("code", "200"));
        assertEquals(Labels.of("__name__", "http_requests_total", "code", "200", "job", "test",
                "instance", target.address()), reqs.get(0).labels());
        assertEquals(7, reqs.get(0).last().v());
        assertEquals(1.0, lastValue("up"));
        assertEquals(3.0, lastValue("scrape_samples_scraped"));
        assertEquals(3.0, lastValue("scrape_samples_post_metric_relabeling"));
        assertTrue(lastValue("scrape_duration_seconds") > 0);
        var added = StoredSamples.metric(storage, "scrape_series_added").get(0).samples();
        assertEquals(3.0, added.get(0).v(), "first scrape adds 3 series");
        assertEquals(0.0, added.get(added.size() - 1).v(), "later scrapes add none");

        TargetStatus st = manager.activeTargets().get(0);
        assertEquals("up", st.health());
        assertEquals("", st.lastError());
        assertEquals("test", st.scrapePool());
        assertEquals("http://" + target.address() + "/metrics", st.scrapeUrl());
        assertEquals("100ms", st.scrapeInterval());
        assertEquals("http://" + java.net.InetAddress.getLocalHost().getHostName() + ":"
                + target.server.getAddress().getPort() + "/metrics", st.globalUrl());
        assertEquals(Labels.of("job", "test", "instance", target.address()), st.labels());
        assertEquals(target.address(), st.discoveredLabels().get("__address__"));
        assertTrue(target.lastAccept.startsWith("application/openmetrics-text;version=1.0.0"), target.lastAccept);
        assertEquals("gzip", target.lastAcceptEncoding);

        StoredSamples.await("metadata", () -> !manager.metadata().isEmpty());
        assertEquals(List.of(new MetricMetadata("http_requests_total", "counter", "Requests.", "")),
                manager.metadata().get("http_requests_total"));
        assertTrue(manager.targetMetadata().stream().anyMatch(m -> m.metadata().metric().equals("http_requests_total")
                && m.target().get("instance").equals(target.address())));
    }

    @Test
    void gzipAndOpenMetricsBodiesParse() throws Exception {
        target.gzip = true;
        target.contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
        target.body = "# TYPE jobs counter\n# UNIT jobs \njobs_total 3\n# EOF\n";
        scrape(job(""));
        awaitScrapes(1);
        assertEquals(3.0, lastValue("jobs_total"));
    }

    @Test
    void conflictingLabelsArePrefixedWithExported() throws Exception {
        target.body = "m{job=\"other\",instance=\"x\",exported_job=\"y\"} 1\n";
        scrape(job(""));
        awaitScrapes(1);
        assertEquals(Labels.of("__name__", "m", "job", "test", "instance", target.address(),
                "exported_instance", "x", "exported_job", "y", "exported_exported_job", "other"),
                StoredSamples.metric(storage, "m").get(0).labels());
    }

    @Test
    void honorLabelsKeepsScrapedValues() throws Exception {
        target.body = "m{job=\"other\"} 1\n";
        scrape(job("    honor_labels: true\n"));
        awaitScrapes(1);
        assertEquals(Labels.of("__name__", "m", "job", "other", "instance", target.address()),
                StoredSamples.metric(storage, "m").get(0).labels());
    }

    @Test
    void honorTimestampsControlsExposedTimestamps() throws Exception {
        target.body = "m 1 1000\n";
        scrape(job(""));
        awaitScrapes(1);
        assertEquals(1000, StoredSamples.metric(storage, "m").get(0).samples().get(0).t());
        manager.close();
        MemoryStorage other = new MemoryStorage();
        try (ScrapeManager m2 = new ScrapeManager(other)) {
            m2.applyConfig(config("scrape_configs:\n" + job("    honor_timestamps: false\n")));
            StoredSamples.await("scrape", () -> !StoredSamples.metric(other, "m").isEmpty());
            assertTrue(StoredSamples.metric(other, "m").get(0).samples().get(0).t() > 1_000_000_000_000L);
        }
    }

    @Test
    void vanishedSeriesGetStaleMarkers() throws Exception {
        target.body = "a 1\nb 2\n";
        scrape(job(""));
        awaitScrapes(2);
        target.body = "a 1\n";
        StoredSamples.await("b stale", () -> StoredSamples.metric(storage, "b").get(0).last().stale());
        var b = StoredSamples.metric(storage, "b").get(0).samples();
        assertFalse(b.get(b.size() - 2).stale(), "real samples before the marker");
        assertEquals(1, b.stream().filter(StoredSamples.Sample::stale).count(), "one marker, not one per scrape");
        awaitScrapes(StoredSamples.metric(storage, "up").get(0).samples().size() + 2);
        assertFalse(StoredSamples.metric(storage, "a").get(0).last().stale());
        assertEquals(1, StoredSamples.metric(storage, "b").get(0).samples().stream().filter(StoredSamples.Sample::stale).count());
    }

    @Test
    void failedScrapeMakesEverythingStaleAndReportsDown() throws Exception {
        target.body = "a 1\n";
        scrape(job(""));
        awaitScrapes(1);
        target.status = 500;
        StoredSamples.await("a stale", () -> StoredSamples.metric(storage, "a").get(0).last().stale());
        StoredSamples.await("up 0", () -> lastValue("up") == 0.0);
        TargetStatus st = manager.activeTargets().get(0);
        assertEquals("down", st.health());
        assertEquals("server returned HTTP status 500 Internal Server Error", st.lastError());
    }

    @Test
    void timeoutFailsTheScrape() throws Exception {
        target.body = "a 1\n";
        target.delayMillis = 300;
        scrape(job(""));
        StoredSamples.await("down", () -> !manager.activeTargets().isEmpty()
                && manager.activeTargets().get(0).health().equals("down"));
        assertTrue(manager.activeTargets().get(0).lastError().contains("context deadline exceeded"),
                manager.activeTargets().get(0).lastError());
        assertEquals(0.0, lastValue("up"));
    }

    @Test
    void sampleLimitFailsWholeScrape() throws Exception {
        target.body = "a 1\nb 2\nc 3\n";
        scrape(job("    sample_limit: 2\n"));
        awaitError("sample limit exceeded");
        assertEquals(0.0, lastValue("up"));
        assertTrue(StoredSamples.metric(storage, "a").isEmpty(), "nothing of the failed scrape is stored");
        assertEquals("sample limit exceeded", manager.activeTargets().get(0).lastError());
    }

    @Test
    void metricRelabelingDropsBeforeTheSampleLimitCounts() throws Exception {
        target.body = "a 1\nb 2\nc 3\n";
        scrape(job("    sample_limit: 2\n    metric_relabel_configs: [{source_labels: [__name__], regex: c, action: drop}]\n"));
        awaitScrapes(1);
        assertEquals(1.0, lastValue("up"));
        assertEquals(3.0, lastValue("scrape_samples_scraped"));
        assertEquals(2.0, lastValue("scrape_samples_post_metric_relabeling"));
        assertTrue(StoredSamples.metric(storage, "c").isEmpty());
    }

    @Test
    void labelLimitsFailTheScrape() throws Exception {
        target.body = "a{x=\"1\",y=\"2\"} 1\n";
        scrape(job("    label_limit: 3\n"));
        awaitError("label_limit exceeded");
        assertEquals(0.0, lastValue("up"));
        assertEquals("label_limit exceeded (metric: a, number of labels: 5, limit: 3)",
                manager.activeTargets().get(0).lastError());
    }

    @Test
    void labelValueLengthLimit() throws Exception {
        target.body = "a{x=\"toolongvalue\"} 1\n";
        scrape(job("    label_value_length_limit: 5\n"));
        awaitError("label_value_length_limit exceeded");
        assertEquals(0.0, lastValue("up"));
        assertTrue(manager.activeTargets().get(0).lastError().startsWith("label_value_length_limit exceeded"));
    }

    @Test
    void bodySizeLimitFailsTheScrape() throws Exception {
        target.body = "a 1\n".repeat(1000);
        scrape(job("    body_size_limit: 1KB\n"));
        awaitError("body size limit exceeded");
        assertEquals(0.0, lastValue("up"));
        assertEquals("body size limit exceeded", manager.activeTargets().get(0).lastError());
    }

    @Test
    void parseErrorFailsTheScrape() throws Exception {
        target.body = "a 1\nthis is not a sample\n";
        scrape(job(""));
        awaitError("line 2");
        assertEquals(0.0, lastValue("up"));
        assertTrue(manager.activeTargets().get(0).lastError().startsWith("line 2"), manager.activeTargets().get(0).lastError());
    }

    @Test
    void targetLimitFailsEveryTarget() throws Exception {
        scrape("  - job_name: test\n    scrape_interval: 100ms\n    target_limit: 1\n"
                + "    static_configs: [{targets: ['" + target.address() + "', '127.0.0.1:1']}]\n");
        StoredSamples.await("down", () -> manager.activeTargets().size() == 2
                && manager.activeTargets().stream().allMatch(t -> t.health().equals("down")));
        assertEquals("target_limit exceeded (number of targets: 2, limit: 1)", manager.activeTargets().get(0).lastError());
        assertEquals(0, target.hits.get());
    }

    @Test
    void paramsAndPathReachTheTarget() throws Exception {
        target.body = "a 1\n";
        scrape(job("    metrics_path: /probe\n    params: {module: [http_2xx], target: [example.com]}\n"));
        awaitScrapes(1);
        assertEquals("module=http_2xx&target=example.com", target.lastQuery);
        assertEquals("http://" + target.address() + "/probe?module=http_2xx&target=example.com",
                manager.activeTargets().get(0).scrapeUrl());
    }

    @Test
    void offsetsSpreadTargetsAcrossTheInterval() {
        long now = 1_000_000;
        long a = ScrapeLoop.offsetMillis(15_000, 1234567, 0, now);
        long b = ScrapeLoop.offsetMillis(15_000, 7654321, 0, now);
        assertTrue(a >= 0 && a <= 15_000 && b >= 0 && b <= 15_000);
        assertTrue(a != b);
        // The slot is pinned to absolute time: asking later lands on the same phase.
        assertEquals(Math.floorMod(now + a, 15_000), Math.floorMod(now + 700 + ScrapeLoop.offsetMillis(15_000, 1234567, 0, now + 700), 15_000));
    }

    @Test
    void chunkedBodiesAndRedirectsAreFollowed() throws Exception {
        target.chunked = true;
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            big.append("c{i=\"").append(i).append("\"} 1\n");
        }
        target.body = big + "a 1\nb 2\n";
        target.redirectFrom = "/old";
        scrape(job("    metrics_path: /old\n"));
        awaitScrapes(2);
        assertEquals(1.0, lastValue("up"));
        assertEquals(3002.0, lastValue("scrape_samples_scraped"), "a body spanning many chunks arrives whole");
        assertEquals(2.0, lastValue("b"));
    }

    @Test
    void redirectsAreAnErrorWhenNotFollowed() throws Exception {
        target.body = "a 1\n";
        target.redirectFrom = "/old";
        scrape(job("    metrics_path: /old\n    follow_redirects: false\n"));
        awaitError("server returned HTTP status 302");
    }

    @Test
    void jdkClientFallbackScrapesToo() throws Exception {
        System.setProperty("osprey.scrape.http", "jdk");
        try {
            target.gzip = true;
            target.body = "a 1\n";
            scrape(job(""));
            awaitScrapes(1);
            StoredSamples.await("up", () -> lastValue("up") == 1.0);
        } finally {
            System.clearProperty("osprey.scrape.http");
        }
    }

    @Test
    void blankContentTypeNeedsAFallbackProtocol() throws Exception {
        target.contentType = null;
        target.body = "a 1\n";
        scrape(job(""));
        awaitError("non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target");
        manager.applyConfig(config("scrape_configs:\n" + job("    fallback_scrape_protocol: PrometheusText0.0.4\n")));
        StoredSamples.await("a via fallback", () -> !StoredSamples.metric(storage, "a").isEmpty());
    }
}
