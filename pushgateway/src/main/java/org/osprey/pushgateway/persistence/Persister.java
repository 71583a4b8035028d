package org.osprey.pushgateway.persistence;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.osprey.pushgateway.store.MetricStore;

/**
 * Writes the store to the persistence file at most once per interval, and only when it changed
 * since the last write, plus once more on {@link #close()}. A crash therefore loses at most the
 * changes of one interval. Thread-safety: one background thread writes; {@link #close()} and
 * {@link #writeNow()} are synchronized with it.
 */
public final class Persister implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Persister.class.getName());

    private final MetricStore store;
    private final Path file;
    private final long intervalMillis;
    private final Thread thread;
    private final AtomicLong writes = new AtomicLong();
    private volatile double lastWriteSeconds;
    private volatile boolean closed;
    private long writtenVersion = -1;

    public Persister(MetricStore store, Path file, long intervalMillis) {
        this.store = store;
        this.file = file;
        this.intervalMillis = Math.max(1, intervalMillis);
        this.thread = Thread.ofPlatform().daemon().name("pushgateway-persistence").unstarted(this::loop);
    }

    /** Loads the file into the store (before serving), then starts the periodic writer. */
    public void start() throws IOException {
        var groups = SnapshotFile.read(file);
        store.restore(groups);
        synchronized (this) {
            writtenVersion = store.version();
        }
        LOG.log(Logger.Level.INFO, "restored {0} metric groups from {1}", groups.size(), file);
        thread.start();
    }

    public long writes() {
        return writes.get();
    }

    public double lastWriteSeconds() {
        return lastWriteSeconds;
    }

    /** Writes now if the store changed since the last write. */
    public synchronized void writeNow() {
        long v = store.version();
        if (v == writtenVersion) {
            return;
        }
        try {
            long started = System.nanoTime();
            long size = SnapshotFile.write(file, new ArrayList<>(store.groups()));
            writtenVersion = v;
            writes.incrementAndGet();
            lastWriteSeconds = System.currentTimeMillis() / 1000.0;
            LOG.log(Logger.Level.DEBUG, "wrote {0} bytes to {1} in {2} ms", size, file, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            LOG.log(Logger.Level.ERROR, "error persisting metrics to " + file, e);
        }
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                writeNow();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeNow();
    }
}
