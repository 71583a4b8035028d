package org.osprey.pushgateway.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;
import org.osprey.pushgateway.push.TextPushParser;

/**
 * All metric groups, keyed by grouping key, with the consistency rules of Pushgateway 1.x: a
 * family name has one type across all groups and the Pushgateway's own metrics, no two metrics
 * anywhere share a name and label set, no timestamps, valid names. A rejected push leaves every
 * stored metric as it was and only sets the group's failure time (creating an empty group if
 * needed, as upstream does).
 *
 * <p>Checks run against indexes (type and group count per family name, owner per series) rather
 * than re-gathering everything, so a push costs time proportional to its own size plus the size
 * of the group it replaces. Thread-safety: writers serialize on one lock; readers see immutable
 * {@link MetricGroup} values through a concurrent map without locking.
 */
public final class MetricStore {
    /** Families the store maintains itself per group; pushed families of these names are dropped. */
    public static final String PUSH_TIME = "push_time_seconds";
    public static final String PUSH_FAILURE_TIME = "push_failure_time_seconds";

    private final ConcurrentSkipListMap<LabelPairs, MetricGroup> groups = new ConcurrentSkipListMap<>();
    private final Map<String, TypeUse> typesByName = new HashMap<>();
    private final Map<SeriesId, LabelPairs> seriesOwner = new HashMap<>();
    private final Map<String, MetricType> ownFamilies;
    private final long defaultTtlMillis;
    private final Object writeLock = new Object();
    private final AtomicLong version = new AtomicLong();
    private final AtomicLong expiredTotal = new AtomicLong();

    /**
     * @param ownFamilies names and types of the Pushgateway's own metrics, which pushes must not contradict
     * @param defaultTtlMillis group time to live when a push names none; 0 disables expiry
     */
    public MetricStore(Map<String, MetricType> ownFamilies, long defaultTtlMillis) {
        this.ownFamilies = Map.copyOf(ownFamilies);
        this.defaultTtlMillis = defaultTtlMillis;
    }

    /** Groups in grouping-key order, including expired ones not yet swept (use {@link #liveGroups}). */
    public Collection<MetricGroup> groups() {
        return groups.values();
    }

    /** Groups not expired at the given time, in grouping-key order. */
    public List<MetricGroup> liveGroups(long nowMillis) {
        List<MetricGroup> out = new ArrayList<>(groups.size());
        for (MetricGroup g : groups.values()) {
            if (!g.expiredAt(nowMillis)) {
                out.add(g);
            }
        }
        return out;
    }

    /** Incremented on every change; persistence writes only when it moved. */
    public long version() {
        return version.get();
    }

    /** Groups removed by expiry since start. */
    public long expiredTotal() {
        return expiredTotal.get();
    }

    /**
     * Applies a push (PUT or POST).
     *
     * @throws PushRejectedException when the push is invalid or inconsistent; the stored metrics stay as they were
     */
    public MetricGroup submit(WriteRequest request) throws PushRejectedException {
        LabelPairs key = request.groupingKey();
        double nowSeconds = request.timeMillis() / 1000.0;
        // ttlMillis: > 0 this push's own TTL, 0 the default, < 0 never expire (explicit override).
        long ttl = request.ttlMillis() != 0 ? request.ttlMillis() : defaultTtlMillis;
        long expiresAt = ttl > 0 ? request.timeMillis() + ttl : MetricGroup.NEVER;
        // Applying grouping labels needs no shared state, so it runs before taking the lock.
        Map<String, Family> pushed = new LinkedHashMap<>();
        sanitize(request, pushed);
        synchronized (writeLock) {
            MetricGroup old = groups.get(key);
            if (old != null && old.expiredAt(request.timeMillis())) {
                // Expired but not yet swept: it counts as expired, and this push starts afresh.
                removeLocked(old);
                expiredTotal.incrementAndGet();
                old = null;
            }
            Map<String, Family> merged = new HashMap<>();
            if (!request.replaceAll() && old != null) {
                merged.putAll(old.families()); // POST keeps the group's other families
            }
            merged.putAll(pushed);
            String problem = check(key, old, pushed, merged);
            if (problem != null) {
                MetricGroup failed = old == null
                        ? new MetricGroup(key, Map.of(), 0, nowSeconds, request.timeMillis(), expiresAt)
                        : new MetricGroup(key, old.families(), old.pushTimeSeconds(), nowSeconds, request.timeMillis(),
                                old.expiresAtMillis());
                groups.put(key, failed);
                version.incrementAndGet();
                throw new PushRejectedException(problem);
            }
            MetricGroup next = new MetricGroup(key, merged, nowSeconds,
                    old == null ? 0 : old.pushFailureTimeSeconds(), request.timeMillis(), expiresAt);
            if (old != null) {
                unindex(old);
            }
            index(next);
            groups.put(key, next);
            version.incrementAndGet();
            return next;
        }
    }

    /** Removes a group; deleting a missing group is a no-op, as upstream. */
    public void delete(LabelPairs groupingKey) {
        synchronized (writeLock) {
            MetricGroup old = groups.get(groupingKey);
            if (old != null) {
                removeLocked(old);
            }
        }
    }

    /** Removes every group. */
    public void wipe() {
        synchronized (writeLock) {
            groups.clear();
            typesByName.clear();
            seriesOwner.clear();
            version.incrementAndGet();
        }
    }

    /** Removes groups whose time to live ran out; returns them (for logging). */
    public List<MetricGroup> expire(long nowMillis) {
        List<MetricGroup> expired = new ArrayList<>();
        synchronized (writeLock) {
            for (MetricGroup g : groups.values()) {
                if (g.expiredAt(nowMillis)) {
                    removeLocked(g);
                    expired.add(g);
                }
            }
        }
        expiredTotal.addAndGet(expired.size());
        return expired;
    }

    /** Replaces the whole content with restored groups (at start-up, from persistence). */
    public void restore(Collection<MetricGroup> restored) {
        synchronized (writeLock) {
            groups.clear();
            typesByName.clear();
            seriesOwner.clear();
            for (MetricGroup g : restored) {
                groups.put(g.groupingKey(), g);
                index(g);
            }
            version.incrementAndGet();
        }
    }

    private void removeLocked(MetricGroup g) {
        unindex(g);
        groups.remove(g.groupingKey());
        version.incrementAndGet();
    }

    /** Applies grouping labels and instance="" to each pushed metric. */
    private static void sanitize(WriteRequest request, Map<String, Family> out) {
        LabelPairs key = request.groupingKey();
        boolean keyHasInstance = key.get("instance") != null;
        for (Family f : request.families()) {
            if (f.name().equals(PUSH_TIME) || f.name().equals(PUSH_FAILURE_TIME)) {
                continue; // upstream: the store's own values override any pushed metric by these names
            }
            if (f.metrics().isEmpty()) {
                continue; // a TYPE or HELP line without samples pushes nothing
            }
            List<Metric> metrics = new ArrayList<>(f.metrics().size());
            for (Metric m : f.metrics()) {
                LabelPairs labels = m.labels().with(key);
                if (!keyHasInstance && labels.get("instance") == null) {
                    labels = labels.with("instance", "");
                }
                metrics.add(m.withLabels(labels));
            }
            out.put(f.name(), f.withMetrics(metrics));
        }
    }

    /** Checks the pushed families against the other groups and against {@code merged}, the group as it would become. */
    private String check(LabelPairs key, MetricGroup old, Map<String, Family> pushed, Map<String, Family> merged) {
        Set<SeriesId> seen = new HashSet<>();
        Set<String> validNames = new HashSet<>(); // label names repeat across a push's metrics; check each once
        for (Family f : pushed.values()) {
            if (!TextPushParser.isValidMetricName(f.name())) {
                return "metric name \"" + f.name() + "\" is invalid";
            }
            MetricType own = ownFamilies.get(f.name());
            if (own != null && own != f.type()) {
                return "gathered metric family " + f.name() + " has type " + upper(f.type()) + " but should have " + upper(own);
            }
            TypeUse use = typesByName.get(f.name());
            int othersUsing = use == null ? 0 : use.groups - (old != null && old.families().containsKey(f.name()) ? 1 : 0);
            if (othersUsing > 0 && use.type != f.type()) {
                return "collected metric \"" + f.name() + "\" " + f.metrics().getFirst().labels() + " is not a " + upper(use.type);
            }
            String collision = suffixCollision(f, key, old, merged);
            if (collision != null) {
                return collision;
            }
            for (Metric m : f.metrics()) {
                if (m.hasTimestamp()) {
                    return "pushed metrics must not have timestamps";
                }
                for (int i = 0; i < m.labels().size(); i++) {
                    String ln = m.labels().name(i);
                    if (validNames.contains(ln)) {
                        continue;
                    }
                    if (TextPushParser.isValidLabelName(ln) && !ln.startsWith("__")) {
                        validNames.add(ln);
                    } else {
                        return "collected metric \"" + f.name() + "\" " + m.labels() + " has a label with an invalid name: " + ln;
                    }
                }
                if (f.type() == MetricType.SUMMARY && m.labels().get("quantile") != null) {
                    return "collected metric \"" + f.name() + "\" " + m.labels() + " has a label named \"quantile\", which is reserved for summaries";
                }
                if (f.type() == MetricType.HISTOGRAM && m.labels().get("le") != null) {
                    return "collected metric \"" + f.name() + "\" " + m.labels() + " has a label named \"le\", which is reserved for histograms";
                }
                SeriesId id = new SeriesId(f.name(), m.labels());
                LabelPairs owner = seriesOwner.get(id);
                if (!seen.add(id) || (owner != null && !owner.equals(key))) {
                    return "collected metric \"" + f.name() + "\" " + m.labels() + " was collected before with the same name and label values";
                }
            }
        }
        return null;
    }

    /** Go's registry rule: a summary or histogram must not share its _sum/_count/_bucket names with another family. */
    private String suffixCollision(Family f, LabelPairs key, MetricGroup old, Map<String, Family> group) {
        if (f.type() == MetricType.SUMMARY || f.type() == MetricType.HISTOGRAM) {
            String[] suffixes = f.type() == MetricType.HISTOGRAM ? new String[] {"_count", "_sum", "_bucket"} : new String[] {"_count", "_sum"};
            for (String s : suffixes) {
                String other = f.name() + s;
                if (group.containsKey(other) || usedElsewhere(other, key, old) || ownFamilies.containsKey(other)) {
                    return "collected histogram or summary named \"" + f.name() + "\" collides with previously collected metric named \"" + other + "\"";
                }
            }
        }
        for (String s : new String[] {"_count", "_sum", "_bucket"}) {
            if (f.name().endsWith(s)) {
                String base = f.name().substring(0, f.name().length() - s.length());
                MetricType baseType = null;
                Family p = group.get(base);
                if (p != null) {
                    baseType = p.type();
                } else if (usedElsewhere(base, key, old)) {
                    baseType = typesByName.get(base).type;
                } else {
                    baseType = ownFamilies.get(base);
                }
                if (baseType == MetricType.HISTOGRAM || (baseType == MetricType.SUMMARY && !s.equals("_bucket"))) {
                    return "collected metric named \"" + f.name() + "\" collides with previously collected " + baseType.textName() + " named \"" + base + "\"";
                }
            }
        }
        return null;
    }

    private boolean usedElsewhere(String name, LabelPairs key, MetricGroup old) {
        TypeUse use = typesByName.get(name);
        if (use == null) {
            return false;
        }
        return use.groups - (old != null && old.families().containsKey(name) ? 1 : 0) > 0;
    }

    private void index(MetricGroup g) {
        for (Family f : g.families().values()) {
            TypeUse use = typesByName.computeIfAbsent(f.name(), n -> new TypeUse(f.type()));
            use.groups++;
            for (Metric m : f.metrics()) {
                seriesOwner.put(new SeriesId(f.name(), m.labels()), g.groupingKey());
            }
        }
    }

    private void unindex(MetricGroup g) {
        for (Family f : g.families().values()) {
            TypeUse use = typesByName.get(f.name());
            if (use != null && --use.groups <= 0) {
                typesByName.remove(f.name());
            }
            for (Metric m : f.metrics()) {
                seriesOwner.remove(new SeriesId(f.name(), m.labels()), g.groupingKey());
            }
        }
    }

    private static String upper(MetricType t) {
        return t.name();
    }

    /** Identity of one exposed series: family name plus labels (without quantile/le). */
    private record SeriesId(String family, LabelPairs labels) {
    }

    /** How many groups use a family name, and with which type. */
    private static final class TypeUse {
        final MetricType type;
        int groups;

        TypeUse(MetricType type) {
            this.type = type;
        }
    }
}
