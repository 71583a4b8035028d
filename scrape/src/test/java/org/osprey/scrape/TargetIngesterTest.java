package org.osprey.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.scrape.config.RelabelRules;
import org.osprey.scrape.config.ScrapeConfig;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.memory.MemoryStorage;

/** The ingest engine without HTTP or scheduling: deterministic timestamps, direct storage reads. */
class TargetIngesterTest {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final MemoryStorage storage = new MemoryStorage();
    private final List<SampleRejectedException.Reason> rejected = new ArrayList<>();

    private TargetIngester ingester(String jobExtra) throws Exception {
        ScrapeConfig cfg = ScrapeLoopTest.config("scrape_configs:\n  - job_name: j\n" + jobExtra).scrapeConfig("j");
        return new TargetIngester(Labels.of("job", "j", "instance", "h:1"), cfg,
                new RelabelRules(cfg.metricRelabelConfigs()), storage, rejected::add);
    }

    private static TargetIngester.Outcome ingest(TargetIngester in, String body, long t) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return in.ingest(b, b.length, TEXT, null, t, System.nanoTime());
    }

    @Test
    void secondScrapeOfSameSeriesAddsNoneAndMarksVanishedStale() throws Exception {
        TargetIngester in = ingester("");
        TargetIngester.Outcome first = ingest(in, "a 1\nb{x=\"1\"} 2\n", 1000);
        assertTrue(first.up());
        assertEquals(2, first.seriesAdded());
        TargetIngester.Outcome second = ingest(in, "a 2\n", 2000);
        assertEquals(0, second.seriesAdded());
        assertEquals(1, second.samplesScraped());
        var b = StoredSamples.metric(storage, "b").get(0).samples();
        assertEquals(2000, b.get(1).t());
        assertTrue(b.get(1).stale());
        assertEquals(List.of(1.0, 1.0), StoredSamples.metric(storage, "up").get(0).samples().stream().map(StoredSamples.Sample::v).toList());
    }

    @Test
    void explicitTimestampsAreNotTrackedForStalenessUnlessAsked() throws Exception {
        TargetIngester plain = ingester("");
        ingest(plain, "a 1 500\n", 1000);
        ingest(plain, "", 2000);
        assertFalse(StoredSamples.metric(storage, "a").get(0).last().stale(), "upstream leaves timestamped series alone");

        MemoryStorage other = new MemoryStorage();
        ScrapeConfig cfg = ScrapeLoopTest.config("scrape_configs:\n  - job_name: j\n    track_timestamps_staleness: true\n").scrapeConfig("j");
        TargetIngester tracked = new TargetIngester(Labels.of("job", "j"), cfg, RelabelRules.NONE, other, r -> { });
        byte[] b1 = "a 1 500\n".getBytes(StandardCharsets.UTF_8);
        tracked.ingest(b1, b1.length, TEXT, null, 1000, System.nanoTime());
        tracked.ingest(new byte[0], 0, TEXT, null, 2000, System.nanoTime());
        assertTrue(StoredSamples.metric(other, "a").get(0).last().stale());
    }

    @Test
    void duplicateSeriesInOneBodyIsRejectedAndCounted() throws Exception {
        TargetIngester in = ingester("");
        TargetIngester.Outcome o = ingest(in, "a 1\na 2\n", 1000);
        assertTrue(o.up(), "a duplicate does not fail the scrape");
        assertEquals(List.of(SampleRejectedException.Reason.DUPLICATE), rejected);
    }

    @Test
    void fetchErrorIsAnEmptyScrapeWithUpZero() throws Exception {
        TargetIngester in = ingester("");
        ingest(in, "a 1\n", 1000);
        TargetIngester.Outcome o = in.ingest(null, 0, null, "connection refused", 2000, System.nanoTime());
        assertFalse(o.up());
        assertEquals("connection refused", o.error());
        assertNull(o.metadata());
        assertTrue(StoredSamples.metric(storage, "a").get(0).last().stale());
        assertEquals(0.0, StoredSamples.metric(storage, "up").get(0).last().v());
        in.endOfRunStaleness(3000);
        assertTrue(StoredSamples.metric(storage, "up").get(0).last().stale());
    }

    @Test
    void extraScrapeMetricsWhenEnabled() throws Exception {
        TargetIngester in = ingester("    extra_scrape_metrics: true\n    sample_limit: 50\n    scrape_timeout: 7s\n");
        ingest(in, "a 1\n", 1000);
        assertEquals(7.0, StoredSamples.metric(storage, "scrape_timeout_seconds").get(0).last().v());
        assertEquals(50.0, StoredSamples.metric(storage, "scrape_sample_limit").get(0).last().v());
        assertEquals(4.0, StoredSamples.metric(storage, "scrape_body_size_bytes").get(0).last().v());
        TargetIngester plain = new TargetIngester(Labels.of("job", "k"), ScrapeLoopTest.config(
                "scrape_configs:\n  - job_name: k\n").scrapeConfig("k"), RelabelRules.NONE, storage, r -> { });
        byte[] b = "z 1\n".getBytes(StandardCharsets.UTF_8);
        plain.ingest(b, b.length, TEXT, null, 1000, System.nanoTime());
        assertEquals(1, StoredSamples.metric(storage, "scrape_timeout_seconds").size(), "off by default");
    }
}
