package org.osprey.pushgateway.load;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.osprey.pushgateway.Pushgateway;
import org.osprey.pushgateway.PushgatewayOptions;

/**
 * Not a test: the load check of issue 8. Pushes at a fixed rate (open loop: each push has an
 * intended start time and its latency counts from then, so a stall cannot hide queued pushes)
 * PUTs of groups with N series each, rotating over G groups, while scrapers fetch /metrics
 * concurrently, each every scrapeIntervalMillis (0: back to back); prints push and scrape p50/p99/p99.9/max (HdrHistogram) and the heap after GC.
 * Runs the Pushgateway in-process on loopback.
 * Usage: {@code java -cp $(pushgateway/scripts/classpath.sh) org.osprey.pushgateway.load.PushLoad [pushesPerSecond=1000] [seconds=60] [seriesPerGroup=100] [groups=1000] [scrapers=2] [scrapeIntervalMillis=1000]}
 */
public final class PushLoad {
    private PushLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int series = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int groups = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int scrapers = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        long scrapeIntervalMillis = args.length > 5 ? Long.parseLong(args[5]) : 1000;
        try (Pushgateway pg = new Pushgateway(PushgatewayOptions.defaults().withListenAddress("127.0.0.1:0"))) {
            String base = "http://127.0.0.1:" + pg.start().getPort();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[][] bodies = new byte[16][];
            for (int b = 0; b < bodies.length; b++) {
                StringBuilder sb = new StringBuilder("# TYPE load_metric gauge\n");
                for (int i = 0; i < series; i++) {
                    sb.append("load_metric{series=\"s").append(i).append("\"} ").append(b * 1000 + i).append('\n');
                }
                bodies[b] = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            Recorder pushLatency = new Recorder(3);
            Recorder serviceLatency = new Recorder(3);
            Recorder scrapeLatency = new Recorder(3);
            AtomicLong failures = new AtomicLong();
            AtomicLong scrapes = new AtomicLong();
            AtomicLong scrapeBytes = new AtomicLong();
            ExecutorService pushers = Executors.newVirtualThreadPerTaskExecutor();
            // Bounded in-flight requests, as a real fleet of pushers has; latency still counts from
            // the intended start, so waiting here is measured, not hidden.
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
            java.util.concurrent.ConcurrentLinkedQueue<String> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            ExecutorService scraperPool = Executors.newVirtualThreadPerTaskExecutor();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            for (int s = 0; s < scrapers; s++) {
                scraperPool.submit(() -> {
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/metrics")).build();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            scrapeBytes.set(r.body().length);
                            scrapes.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        long took = System.nanoTime() - t0;
                        scrapeLatency.recordValue(took / 1000);
                        long rest = scrapeIntervalMillis - took / 1_000_000;
                        if (rest > 0) {
                            Thread.sleep(rest);
                        }
                    }
                    return null;
                });
            }
            long intervalNanos = 1_000_000_000L / rate;
            long total = (long) rate * seconds;
            for (long i = 0; i < total; i++) {
                long intended = start + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long n = i;
                pushers.submit(() -> {
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/metrics/job/load/instance/i" + (n % groups)))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bodies[(int) (n % bodies.length)])).build();
                    try {
                        inFlight.acquire();
                        long sent = System.nanoTime();
                        HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
                        serviceLatency.recordValue((System.nanoTime() - sent) / 1000);
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                            if (errors.size() < 3) {
                                errors.add("HTTP " + r.statusCode());
                            }
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        if (errors.size() < 3) {
                            errors.add(e.toString());
                        }
                    } finally {
                        inFlight.release();
                    }
                    pushLatency.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    return null;
                });
            }
            pushers.shutdown();
            pushers.awaitTermination(5, TimeUnit.MINUTES);
            scraperPool.shutdown();
            scraperPool.awaitTermination(5, TimeUnit.MINUTES);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            Histogram push = pushLatency.getIntervalHistogram();
            Histogram scrape = scrapeLatency.getIntervalHistogram();
            Histogram service = serviceLatency.getIntervalHistogram();
            System.gc();
            Thread.sleep(500);
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("pushes: %d in %.1f s (%.0f/s achieved, target %d/s), %d series per group, %d groups, %d failures%n",
                    push.getTotalCount(), elapsed, push.getTotalCount() / elapsed, rate, series, groups, failures.get());
            if (!errors.isEmpty()) {
                System.out.println("first failures: " + errors);
            }
            System.out.printf("process CPU: %.1f s (%.2f ms per push, pushes and scrapes and the load generator together); machine load average %.1f on %d cores%n",
                    cpuSeconds, cpuSeconds * 1000 / push.getTotalCount(), os.getSystemLoadAverage(), os.getAvailableProcessors());
            System.out.printf("push latency ms (from intended start): p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    push.getValueAtPercentile(50) / 1e3, push.getValueAtPercentile(99) / 1e3,
                    push.getValueAtPercentile(99.9) / 1e3, push.getMaxValue() / 1e3);
            System.out.printf("push service time ms (request sent to response, %d in flight at most): p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    64, service.getValueAtPercentile(50) / 1e3, service.getValueAtPercentile(99) / 1e3,
                    service.getValueAtPercentile(99.9) / 1e3, service.getMaxValue() / 1e3);
            System.out.printf("scrapes: %d by %d scrapers every %d ms, %d bytes each; latency ms p50 %.1f  p99 %.1f  max %.1f%n",
                    scrapes.get(), scrapers, scrapeIntervalMillis, scrapeBytes.get(), scrape.getValueAtPercentile(50) / 1e3,
                    scrape.getValueAtPercentile(99) / 1e3, scrape.getMaxValue() / 1e3);
            System.out.printf("heap used after GC (Pushgateway and load generator in one JVM, %d series stored): %.1f MB%n",
                    (long) Math.min(groups, total) * series, heap / 1048576.0);
        }
    }
}
