package org.osprey.alertmanager.inhibit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.osprey.alertmanager.alert.Alert;
import org.osprey.alertmanager.config.InhibitRule;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;

/**
 * Applies inhibit rules: an alert matching a rule's target is muted while a firing alert matching
 * its source has equal values for the rule's {@code equal} labels. Source alerts are indexed per
 * rule by those values, so a check costs a map lookup, not a scan of all alerts. As upstream, an
 * alert matching both sides is not inhibited by alerts that also match both sides.
 * Thread-safe: concurrent maps; {@link #observe} is called from any thread.
 */
public final class Inhibitor {
    private final List<Rule> rules;

    public Inhibitor(List<InhibitRule> configs) {
        List<Rule> r = new ArrayList<>();
        for (InhibitRule c : configs) {
            r.add(new Rule(c));
        }
        this.rules = List.copyOf(r);
    }

    /** Records a stored alert version; alerts matching a rule's source become candidates. */
    public void observe(Alert a) {
        for (Rule r : rules) {
            if (all(r.config.source(), a.labels())) {
                r.sources.computeIfAbsent(r.equalKey(a.labels()), k -> new ConcurrentHashMap<>()).put(a.fingerprint(), a);
            }
        }
    }

    /**
     * The fingerprints of firing alerts that inhibit an alert with these labels; empty when none.
     */
    public List<Long> inhibitedBy(Labels labels, long now) {
        for (Rule r : rules) {
            if (!all(r.config.target(), labels)) {
                continue;
            }
            boolean alsoSource = all(r.config.source(), labels);
            ConcurrentHashMap<Long, Alert> candidates = r.sources.get(r.equalKey(labels));
            if (candidates == null) {
                continue;
            }
            for (Alert src : candidates.values()) {
                if (src.resolvedAt(now)) {
                    continue;
                }
                if (alsoSource && all(r.config.target(), src.labels())) {
                    continue;
                }
                return List.of(src.fingerprint());
            }
        }
        return List.of();
    }

    /** Forgets resolved source alerts (called with the alert store's GC). */
    public void collectResolved(long now) {
        for (Rule r : rules) {
            r.sources.values().forEach(m -> m.values().removeIf(a -> a.resolvedAt(now)));
            r.sources.values().removeIf(ConcurrentHashMap::isEmpty);
        }
    }

    private static boolean all(List<LabelMatcher> ms, Labels l) {
        for (LabelMatcher m : ms) {
            if (!m.matches(l)) {
                return false;
            }
        }
        return true;
    }

    private static final class Rule {
        private final InhibitRule config;
        private final ConcurrentHashMap<String, ConcurrentHashMap<Long, Alert>> sources = new ConcurrentHashMap<>();

        Rule(InhibitRule config) {
            this.config = config;
        }

        /** The equal labels' values joined by 0xff (absent and empty compare equal, as upstream). */
        String equalKey(Labels l) {
            StringBuilder sb = new StringBuilder();
            for (String n : config.equal()) {
                sb.append(l.get(n)).append('\u00ff');
            }
            return sb.toString();
        }
    }
}
