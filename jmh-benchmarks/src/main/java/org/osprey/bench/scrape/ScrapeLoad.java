package org.osprey.bench.scrape;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osprey.scrape.ScrapeManager;
import org.osprey.scrape.TargetStatus;
import org.osprey.scrape.config.ConfigLoader;
import org.osprey.scrape.config.PrometheusConfig;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;

/**
 * Scrape-only load harness: runs a {@link ScrapeManager} over a real {@link Tsdb} (WAL on, no
 * fsync per commit, as Prometheus's WAL) for a {@code prometheus.yml} and a duration, then prints
 * process CPU seconds, samples ingested, CPU microseconds per sample and missed scrapes, so a
 * script can put it beside Prometheus on the same targets ({@code scrape/bench/scrape-vs-prometheus.sh}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.osprey.bench.scrape.ScrapeLoad CONFIG SECONDS DATA_DIR WARMUP_SECONDS}
 */
public final class ScrapeLoad {
    private ScrapeLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        long seconds = Long.parseLong(args[1]);
        Path data = Path.of(args[2]);
        long warmup = args.length > 3 ? Long.parseLong(args[3]) : seconds / 5;
        Files.createDirectories(data);
        PrometheusConfig cfg = ConfigLoader.loadFile(config);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // STORAGE=null measures scrape alone (a storage that only hands out refs).
        boolean nullStorage = "null".equals(System.getenv("STORAGE"));
        try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults().withWal(true, false));
             ScrapeManager m = new ScrapeManager(nullStorage ? new ScrapeIngestBenchmark.RefOnlyStorage() : tsdb,
                     "Osprey-bench", 0)) {
            m.applyConfig(cfg);
            Thread.sleep(warmup * 1000);
            long cpu0 = os.getProcessCpuTime();
            long samples0 = m.samplesTotal();
            long scrapes0 = m.scrapesTotal();
            long missed0 = m.missedScrapes();
            long t0 = System.nanoTime();
            Thread.sleep((seconds - warmup) * 1000);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long scrapes = m.scrapesTotal() - scrapes0;
            // Each scrape also appends the five synthetic series, as Prometheus counts them too.
            long samples = m.samplesTotal() - samples0 + 5 * scrapes;
            long down = m.activeTargets().stream().filter(t -> !t.health().equals("up")).count();
            System.out.printf("osprey window_s=%.1f cpu_s=%.2f samples=%d samples_per_s=%.0f cpu_us_per_sample=%.3f "
                            + "scrapes=%d missed_scrapes=%d targets=%d targets_not_up=%d head_series=%d%n",
                    wall, cpu, samples, samples / wall, cpu / samples * 1e6, scrapes, m.missedScrapes() - missed0,
                    m.activeTargets().size(), down, tsdb.headSeries());
            for (TargetStatus t : m.activeTargets()) {
                if (!t.health().equals("up")) {
                    System.out.println("not up: " + t.scrapeUrl() + " " + t.lastError());
                    break;
                }
            }
        }
    }
}
