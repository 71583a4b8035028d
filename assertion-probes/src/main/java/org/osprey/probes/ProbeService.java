package org.osprey.probes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osprey.model.labels.Labels;
import org.osprey.probes.alert.AlertSink;
import org.osprey.probes.alert.AlertTracker;
import org.osprey.probes.config.ProbeConfig;
import org.osprey.probes.config.ProbeDefinition;
import org.osprey.probes.metrics.ProbeMetricVisitor;
import org.osprey.probes.metrics.ProbeMetrics;

/**
 * Runs every probe of a file on its interval, each at a fixed offset inside the interval derived from
 * its name (as Prometheus spreads scrapes), so probes of one file do not all fire together and a
 * restart keeps the same phase. Each tick starts the run on a virtual thread; a tick that finds the
 * previous run busy is skipped. Thread-safe: yes.
 */
public final class ProbeService implements AutoCloseable {
    /** How long {@link #close()} waits for interrupted runs to end. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final List<ProbeRunner> runners;
    private final List<ProbeMetrics.Entry> entries;
    private final ProbeFactory factory;
    private final ScheduledExecutorService ticker;
    private volatile boolean closed;

    private ProbeService(List<ProbeRunner> runners, ProbeFactory factory, boolean schedule) {
        this.runners = List.copyOf(runners);
        this.factory = factory;
        List<ProbeMetrics.Entry> e = new ArrayList<>();
        for (ProbeRunner r : runners) {
            ProbeDefinition d = r.definition();
            e.add(new ProbeMetrics.Entry(d.name(), d.kind().label(), d.severity(), r.stats()));
        }
        this.entries = List.copyOf(e);
        if (!schedule) {
            this.ticker = null;
            return;
        }
        // One platform thread only ticks; the runs themselves are virtual threads.
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osprey-probe-ticker");
            t.setDaemon(true);
            return t;
        });
        for (ProbeRunner r : this.runners) {
            long intervalMs = r.definition().interval().toMillis();
            ticker.scheduleAtFixedRate(() -> {
                if (!closed) {
                    Thread.ofVirtual().name("osprey-probe-tick").start(r::runOnce);
                }
            },
                    offsetMillis(r.definition().name(), intervalMs), intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Builds the probes of {@code config} and starts their schedules.
     *
     * @param factory closed by {@link #close()}
     */
    public static ProbeService start(ProbeConfig config, ProbeFactory factory, AlertSink sink, Clock clock) {
        return new ProbeService(runners(config, factory, sink, clock), factory, true);
    }

    /** Builds the probes without scheduling them; {@link #runAll()} runs them on demand (tests, CLI checks). */
    public static ProbeService unscheduled(ProbeConfig config, ProbeFactory factory, AlertSink sink, Clock clock) {
        return new ProbeService(runners(config, factory, sink, clock), factory, false);
    }

    private static List<ProbeRunner> runners(ProbeConfig config, ProbeFactory factory, AlertSink sink, Clock clock) {
        List<ProbeRunner> out = new ArrayList<>();
        for (ProbeDefinition d : config.probes()) {
            out.add(new ProbeRunner(d, factory.create(d), new AlertTracker(d, config.resendInterval(), sink), clock));
        }
        return out;
    }

    /** The probe's start offset within its interval, in [0, interval): stable per name. */
    static long offsetMillis(String name, long intervalMillis) {
        return Math.floorMod(Labels.of("probe", name).stableHash(), intervalMillis);
    }

    public List<ProbeRunner> runners() {
        return runners;
    }

    /** Runs every probe once, one after another, and returns the results in file order. */
    public List<ProbeResult> runAll() {
        List<ProbeResult> out = new ArrayList<>();
        for (ProbeRunner r : runners) {
            out.add(r.runOnce());
        }
        return out;
    }

    /** Renders all probe metrics. */
    public void visitMetrics(ProbeMetricVisitor visitor) {
        ProbeMetrics.visit(entries, visitor);
    }

    /** Stops the schedule, interrupts in-flight runs and waits for them briefly, then closes the factory. */
    @Override
    public void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        for (ProbeRunner r : runners) {
            r.shutdown();
        }
        try {
            long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
            for (ProbeRunner r : runners) {
                r.awaitIdle(Math.max(1, deadline - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProbeRunner r : runners) {
            r.closeProbe();
        }
        factory.close();
    }
}
