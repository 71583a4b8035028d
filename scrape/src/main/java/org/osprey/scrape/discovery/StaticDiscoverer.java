package org.osprey.scrape.discovery;

import java.util.List;
import java.util.function.Consumer;

/** {@code static_configs}: reports its groups once. Thread-safe: immutable. */
public final class StaticDiscoverer implements Discoverer {
    private final List<TargetGroup> groups;

    public StaticDiscoverer(List<TargetGroup> groups) {
        this.groups = List.copyOf(groups);
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
        sink.accept(groups);
    }

    @Override
    public void close() {
    }
}
