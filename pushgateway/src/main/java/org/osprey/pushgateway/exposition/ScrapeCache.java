package org.osprey.pushgateway.exposition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.store.MetricGroup;
import org.osprey.pushgateway.store.MetricStore;

/**
 * The scrape body, with the pushed part rendered once per store change: Prometheus scrapes far
 * more often than batch jobs push, so most scrapes reuse the text of the previous one and only
 * the Pushgateway's own (small, always fresh) families are rendered and merged in by name. The
 * rendering is keyed by {@link MetricStore#version()} and valid until the earliest group expiry
 * it contains, so an expiring group still vanishes on time. Thread-safety: the rendering is an
 * immutable value swapped through a volatile field; concurrent scrapes may render twice, never
 * serve a torn result.
 */
public final class ScrapeCache {
    private final MetricStore store;
    private final AtomicLong renders = new AtomicLong();
    private volatile Rendered last;

    public ScrapeCache(MetricStore store) {
        this.store = store;
    }

    /** One rendering: per family, its name and text, in name order. */
    private record Rendered(long version, long validUntilMillis, List<String> names, List<String> texts) {
    }

    /** How many times the pushed part was rendered (for tests and debugging). */
    public long renders() {
        return renders.get();
    }

    /** The whole scrape at {@code nowMillis}: pushed families (cached) merged with {@code own}. */
    public String scrape(long nowMillis, List<Family> own) {
        Rendered pushed = pushed(nowMillis);
        List<ExposedFamily> ownFamilies = Gatherer.gather(List.of(), own);
        StringBuilder out = new StringBuilder(pushed.texts.stream().mapToInt(String::length).sum() + 8192);
        int i = 0;
        for (ExposedFamily f : ownFamilies) {
            while (i < pushed.names.size() && pushed.names.get(i).compareTo(f.name()) < 0) {
                out.append(pushed.texts.get(i++));
            }
            if (i < pushed.names.size() && pushed.names.get(i).equals(f.name())) {
                // A push shares a name with an own family (same type, else it was refused): merge the slow way.
                return slowScrape(nowMillis, own);
            }
            TextWriter.write(f, out);
        }
        while (i < pushed.names.size()) {
            out.append(pushed.texts.get(i++));
        }
        return out.toString();
    }

    private String slowScrape(long nowMillis, List<Family> own) {
        StringBuilder out = new StringBuilder(1 << 16);
        TextWriter.write(Gatherer.gather(store.liveGroups(nowMillis), own), out);
        return out.toString();
    }

    private Rendered pushed(long nowMillis) {
        Rendered r = last;
        long version = store.version(); // read before gathering: the rendering is at least this new
        if (r != null && r.version == version && nowMillis < r.validUntilMillis) {
            return r;
        }
        List<MetricGroup> groups = store.liveGroups(nowMillis);
        long validUntil = Long.MAX_VALUE;
        for (MetricGroup g : groups) {
            validUntil = Math.min(validUntil, g.expiresAtMillis());
        }
        List<ExposedFamily> families = Gatherer.gather(groups, List.of());
        List<String> names = new ArrayList<>(families.size());
        List<String> texts = new ArrayList<>(families.size());
        StringBuilder sb = new StringBuilder(1 << 12);
        for (ExposedFamily f : families) {
            sb.setLength(0);
            TextWriter.write(f, sb);
            names.add(f.name());
            texts.add(sb.toString());
        }
        r = new Rendered(version, validUntil, List.copyOf(names), List.copyOf(texts));
        last = r;
        renders.incrementAndGet();
        return r;
    }
}
