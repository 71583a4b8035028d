package org.osprey.scrape.discovery;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osprey.scrape.config.FileSdConfig;

/**
 * {@code file_sd_configs}: reads every file matching the patterns, then re-reads on any change in
 * their folders (inotify through {@link WatchService}) and every refresh interval, as upstream does
 * with fsnotify plus a timer. A file that fails to read or parse keeps contributing the groups it
 * last read successfully (upstream keeps them too, so a half-written file does not drop targets)
 * and is counted in {@link #readFailures()}; a file that is deleted takes its groups with it.
 * Thread-safety: start and close from any thread; the work runs on one virtual thread.
 */
public final class FileDiscoverer implements Discoverer {
    private static final Logger LOG = Logger.getLogger(FileDiscoverer.class.getName());

    private final FileSdConfig config;
    private final String name;
    private final AtomicLong readFailures = new AtomicLong();
    /** Last successfully read groups per file; touched only by the discovery thread (and start). */
    private final java.util.Map<Path, List<TargetGroup>> lastGood = new java.util.HashMap<>();
    private volatile boolean closed;
    private WatchService watcher;
    private Thread thread;

    public FileDiscoverer(FileSdConfig config, String name) {
        this.config = config;
        this.name = name;
    }

    public long readFailures() {
        return readFailures.get();
    }

    @Override
    public synchronized void start(Consumer<List<TargetGroup>> sink) {
        try {
            watcher = FileSystems.getDefault().newWatchService();
            Set<Path> dirs = new LinkedHashSet<>();
            for (String pattern : config.files()) {
                Path dir = Path.of(pattern).toAbsolutePath().getParent();
                if (dir != null && Files.isDirectory(dir) && dirs.add(dir)) {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, name + ": cannot watch file_sd folders, relying on refresh_interval", e);
        }
        List<TargetGroup> first = refresh();
        sink.accept(first);
        thread = Thread.ofVirtual().name("file-sd " + name).start(() -> run(sink, first));
    }

    private void run(Consumer<List<TargetGroup>> sink, List<TargetGroup> initial) {
        List<TargetGroup> last = initial;
        long nextRefresh = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.refreshIntervalMillis());
        while (!closed) {
            try {
                long waitNanos = Math.max(0, nextRefresh - System.nanoTime());
                if (watcher != null) {
                    var key = watcher.poll(waitNanos, TimeUnit.NANOSECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                        // Editors write in several steps; let the burst settle before reading.
                        Thread.sleep(20);
                        var more = watcher.poll();
                        while (more != null) {
                            more.pollEvents();
                            more.reset();
                            more = watcher.poll();
                        }
                    } else {
                        nextRefresh = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.refreshIntervalMillis());
                    }
                } else {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(waitNanos));
                    nextRefresh = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.refreshIntervalMillis());
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            if (closed) {
                return;
            }
            List<TargetGroup> now = refresh();
            if (!now.equals(last)) {
                last = now;
                sink.accept(now);
            }
        }
    }

    /** Reads every matching file now. */
    synchronized List<TargetGroup> refresh() {
        List<TargetGroup> out = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (String pattern : config.files()) {
            for (Path p : match(pattern)) {
                seen.add(p);
                try {
                    List<TargetGroup> groups = TargetGroupFiles.read(p);
                    lastGood.put(p, groups);
                    out.addAll(groups);
                } catch (IOException | IllegalArgumentException e) {
                    readFailures.incrementAndGet();
                    LOG.warning(name + ": error reading file_sd file " + p + ": " + e.getMessage());
                    out.addAll(lastGood.getOrDefault(p, List.of()));
                }
            }
        }
        lastGood.keySet().retainAll(seen);
        return out;
    }

    private static List<Path> match(String pattern) {
        Path p = Path.of(pattern).toAbsolutePath();
        Path dir = p.getParent();
        String base = p.getFileName().toString();
        if (!base.contains("*")) {
            return Files.isRegularFile(p) ? List.of(p) : List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + base);
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(x -> m.matches(x.getFileName()) && Files.isRegularFile(x)).sorted().forEach(out::add);
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // closing only releases inotify handles
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
