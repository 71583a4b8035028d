package org.osprey.scrape;

import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Scrapes one target every interval on its own virtual thread; {@link TargetIngester} appends what it reads.
 *
 * <p>Start offsets are spread over the interval by the target's hash as upstream does; a slot
 * missed because the previous scrape overran is skipped and counted, not caught up.
 * Thread-safety: state is confined to the loop thread; the target's status is published through
 * {@link ScrapeTarget}'s volatile fields.
 */
final class ScrapeLoop {
    private static final Logger LOG = Logger.getLogger(ScrapeLoop.class.getName());

    private final ScrapeTarget target;
    private final ScrapePool pool;
    private final TargetIngester ingester;
    /** This target's keep-alive connection; only the loop thread touches it. */
    private final PlainHttpClient.Connection connection = new PlainHttpClient.Connection();
    private volatile boolean stopped;
    private volatile boolean staleOnStop = true;
    private Thread thread;

    ScrapeLoop(ScrapeTarget target, ScrapePool pool) {
        this.target = target;
        this.pool = pool;
        this.ingester = new TargetIngester(target.seriesLabels(), pool.config(), target.timeoutMillis(),
                pool.metricRelabel(), pool.storage(), pool::countRejected);
    }

    void start(long offsetSeed) {
        thread = Thread.ofVirtual().name("scrape " + target.url()).start(() -> run(offsetSeed));
    }

    /** Stops the loop; with {@code stale} the target's series get stale markers (the target went away). */
    void stop(boolean stale) {
        staleOnStop = stale;
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    void join() throws InterruptedException {
        if (thread != null) {
            thread.join(5000);
        }
    }

    /** Upstream's spread: a fixed offset within the interval derived from the target's hash. */
    static long offsetMillis(long intervalMillis, long hash, long seed, long nowMillis) {
        long base = intervalMillis - Math.floorMod(nowMillis, intervalMillis);
        long offset = Long.remainderUnsigned(hash ^ seed, intervalMillis);
        long next = base + offset;
        return next > intervalMillis ? next - intervalMillis : next;
    }

    private void run(long seed) {
        long interval = target.intervalMillis();
        long next = System.currentTimeMillis() + offsetMillis(interval, target.hash(), seed, System.currentTimeMillis());
        try {
            while (!stopped) {
                if (!sleepUntil(next)) {
                    break;
                }
                long start = System.currentTimeMillis();
                scrapeAndReport(start);
                next += interval;
                long now = System.currentTimeMillis();
                if (now >= next) {
                    // Missed one or more slots; skip them rather than scrape back to back.
                    long missed = (now - next) / interval + 1;
                    pool.countMissed(missed);
                    next += missed * interval;
                }
            }
        } catch (RuntimeException e) {
            LOG.severe("scrape loop for " + target.url() + " died: " + e);
            target.setHealth("down", e.toString());
        } finally {
            connection.close();
            if (staleOnStop) {
                ingester.endOfRunStaleness(System.currentTimeMillis());
            }
        }
    }

    private boolean sleepUntil(long wallMillis) {
        while (!stopped) {
            long wait = wallMillis - System.currentTimeMillis();
            if (wait <= 0) {
                return true;
            }
            LockSupport.parkNanos(wait * 1_000_000L);
            if (Thread.interrupted()) {
                return false;
            }
        }
        return false;
    }

    /** One scrape at wall-clock {@code t}. */
    void scrapeAndReport(long t) {
        long t0 = System.nanoTime();
        String err = pool.forcedError();
        HttpScraper.Body body = null;
        if (err == null) {
            body = pool.borrowBody();
            try {
                pool.scraper().fetch(target.url(), target.timeoutMillis(), body, connection);
            } catch (ScrapeFailure e) {
                err = e.getMessage();
            } catch (InterruptedException e) {
                pool.returnBody(body);
                Thread.currentThread().interrupt();
                stopped = true;
                return;
            }
        }
        TargetIngester.Outcome o;
        try {
            o = body == null ? ingester.ingest(null, 0, null, err, t, t0)
                    : ingester.ingest(body.buffer, body.length, body.contentType, err, t, t0);
        } finally {
            if (body != null) {
                pool.returnBody(body);
            }
        }
        if (o.metadata() != null) {
            target.setMetadata(o.metadata());
        }
        target.recordScrape(t, o.durationSeconds(), o.error());
        pool.countScrape(o.samplesPostRelabel());
    }
}
