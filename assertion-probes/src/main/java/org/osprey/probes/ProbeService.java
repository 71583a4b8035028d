package org.osprey.probes;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 * previous run busy is skipped. {@link #reload} keeps the state (counters, alert) of unchanged
 * probes. Thread-safe: yes; reload, close and metric visits synchronize on the service.
 */
public final class ProbeService implements AutoCloseable {
    /** How long {@link #close()} waits for interrupted runs to end. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    /** A probe with its schedule; {@code tick} is null when the service is unscheduled. */
    private record Scheduled(ProbeRunner runner, ScheduledFuture<?> tick, String identity) {
    }

    private final ProbeFactory factory;
    private final AlertSink sink;
    private final Clock clock;
    private final ScheduledExecutorService ticker;
    private final Map<String, Scheduled> probes = new LinkedHashMap<>();
    private boolean closed;

    private ProbeService(ProbeConfig config, ProbeFactory factory, AlertSink sink, Clock clock, boolean schedule) {
        this.factory = factory;
        this.sink = sink;
        this.clock = clock;
        this.ticker = !schedule ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            // One platform thread only ticks; the runs themselves are virtual threads.
            Thread t = new Thread(r, "osprey-probe-ticker");
            t.setDaemon(true);
            return t;
        });
        reload(config);
    }

    /**
     * Builds the probes of {@code config} and starts their schedules.
     *
     * @param factory closed by {@link #close()}
     */
    public static ProbeService start(ProbeConfig config, ProbeFactory factory, AlertSink sink, Clock clock) {
        return new ProbeService(config, factory, sink, clock, true);
    }

    /** Builds the probes without scheduling them; {@link #runAll()} runs them on demand (tests, CLI checks). */
    public static ProbeService unscheduled(ProbeConfig config, ProbeFactory factory, AlertSink sink, Clock clock) {
        return new ProbeService(config, factory, sink, clock, false);
    }

    /**
     * Applies a new file: probes whose definition (and the file's resend interval) did not change keep
     * running with their counters and alert state; changed and new probes start fresh; removed ones
     * stop (a firing alert of a removed probe expires by its {@code endsAt}, as for a deleted rule).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void reload(ProbeConfig config) {
        if (closed) {
            throw new IllegalStateException("probe service closed");
        }
        // Build every new probe before touching the running set, so a failure leaves it as it was.
        Map<String, Scheduled> next = new LinkedHashMap<>();
        List<ProbeRunner> created = new ArrayList<>();
        try {
            for (ProbeDefinition d : config.probes()) {
                String identity = identity(d, config.resendInterval());
                Scheduled old = probes.get(d.name());
                if (old != null && old.identity().equals(identity)) {
                    next.put(d.name(), old);
                } else {
                    ProbeRunner r = new ProbeRunner(d, factory.create(d), new AlertTracker(d, config.resendInterval(), sink), clock);
                    created.add(r);
                    next.put(d.name(), new Scheduled(r, null, identity));
                }
            }
        } catch (RuntimeException e) {
            for (ProbeRunner r : created) {
                r.closeProbe();
            }
            throw e;
        }
        for (Map.Entry<String, Scheduled> e : probes.entrySet()) {
            if (next.get(e.getKey()) != e.getValue()) {
                retire(e.getValue());
            }
        }
        for (Map.Entry<String, Scheduled> e : next.entrySet()) {
            Scheduled s = e.getValue();
            if (created.contains(s.runner())) {
                e.setValue(new Scheduled(s.runner(), schedule(s.runner()), s.identity()));
            }
        }
        probes.clear();
        probes.putAll(next);
    }

    /**
     * What makes two definitions the same probe. Records holding a {@link java.util.regex.Pattern}
     * have no value equality, but their text form spells out every setting including regex sources.
     */
    private static String identity(ProbeDefinition d, Duration resendInterval) {
        return d + "|" + resendInterval;
    }

    private ScheduledFuture<?> schedule(ProbeRunner r) {
        if (ticker == null) {
            return null;
        }
        long intervalMs = r.definition().interval().toMillis();
        return ticker.scheduleAtFixedRate(() -> Thread.ofVirtual().name("osprey-probe-tick").start(r::runOnce),
                offsetMillis(r.definition().name(), intervalMs), intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Stops a probe without waiting: its run is interrupted and its client closed once the run ended. */
    private static void retire(Scheduled s) {
        if (s.tick() != null) {
            s.tick().cancel(false);
        }
        s.runner().shutdown();
        Thread.ofVirtual().name("osprey-probe-retire").start(() -> {
            try {
                s.runner().awaitIdle(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.runner().closeProbe();
        });
    }

    /** The probe's start offset within its interval, in [0, interval): stable per name. */
    static long offsetMillis(String name, long intervalMillis) {
        return Math.floorMod(Labels.of("probe", name).stableHash(), intervalMillis);
    }

    /** The current probes, in file order. */
    public synchronized List<ProbeRunner> runners() {
        List<ProbeRunner> out = new ArrayList<>(probes.size());
        for (Scheduled s : probes.values()) {
            out.add(s.runner());
        }
        return out;
    }

    /** Runs every probe once, one after another, and returns the results in file order. */
    public List<ProbeResult> runAll() {
        List<ProbeResult> out = new ArrayList<>();
        for (ProbeRunner r : runners()) {
            out.add(r.runOnce());
        }
        return out;
    }

    /** Renders all probe metrics. */
    public void visitMetrics(ProbeMetricVisitor visitor) {
        List<ProbeMetrics.Entry> entries = new ArrayList<>();
        for (ProbeRunner r : runners()) {
            ProbeDefinition d = r.definition();
            entries.add(new ProbeMetrics.Entry(d.name(), d.kind().label(), d.severity(), r.stats()));
        }
        ProbeMetrics.visit(entries, visitor);
    }

    /** Stops the schedule, interrupts in-flight runs and waits for them briefly, then closes the factory. */
    @Override
    public void close() {
        List<ProbeRunner> runners;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            runners = runners();
            if (ticker != null) {
                ticker.shutdownNow();
            }
            for (ProbeRunner r : runners) {
                r.shutdown();
            }
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
