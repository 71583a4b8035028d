package org.osprey.alertmanager.config;

import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;

/**
 * A node of the routing tree with inherited settings already resolved. Thread-safe: immutable
 * after the loader links it.
 */
public final class Route {
    private final Route parent;
    private final String receiver;
    private final List<String> groupBy;
    private final boolean groupByAll;
    private final List<LabelMatcher> matchers;
    private final boolean continueMatching;
    private final long groupWaitMillis;
    private final long groupIntervalMillis;
    private final long repeatIntervalMillis;
    private final List<String> muteTimeIntervals;
    private final List<String> activeTimeIntervals;
    private final List<Route> routes = new ArrayList<>();
    private String id;

    Route(Route parent, String receiver, List<String> groupBy, boolean groupByAll, List<LabelMatcher> matchers,
            boolean continueMatching, long groupWaitMillis, long groupIntervalMillis, long repeatIntervalMillis,
            List<String> muteTimeIntervals, List<String> activeTimeIntervals) {
        this.parent = parent;
        this.receiver = receiver;
        this.groupBy = List.copyOf(groupBy);
        this.groupByAll = groupByAll;
        this.matchers = List.copyOf(matchers);
        this.continueMatching = continueMatching;
        this.groupWaitMillis = groupWaitMillis;
        this.groupIntervalMillis = groupIntervalMillis;
        this.repeatIntervalMillis = repeatIntervalMillis;
        this.muteTimeIntervals = List.copyOf(muteTimeIntervals);
        this.activeTimeIntervals = List.copyOf(activeTimeIntervals);
    }

    void addChild(Route child) {
        routes.add(child);
    }

    /** Assigns ids like upstream's Route.ID(): the key, plus the sibling index when keys repeat. */
    void assignIds() {
        id = key();
        if (parent != null) {
            int same = 0;
            for (Route sib : parent.routes) {
                if (sib.key().equals(key())) {
                    same++;
                }
            }
            if (same > 1) {
                id = id + "/" + parent.routes.indexOf(this);
            }
        }
        for (Route r : routes) {
            r.assignIds();
        }
    }

    /**
     * The routes an alert with these labels goes to, depth first, honouring {@code continue};
     * empty when this node's matchers reject it.
     */
    public List<Route> match(Labels labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return List.of();
            }
        }
        List<Route> all = new ArrayList<>();
        for (Route child : routes) {
            List<Route> m = child.match(labels);
            all.addAll(m);
            if (!m.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    /** Upstream's route key: parent key, '/', and this node's matchers as {@code {a="b",c=~"d"}}. */
    public String key() {
        StringBuilder sb = new StringBuilder();
        if (parent != null) {
            sb.append(parent.key()).append('/');
        }
        sb.append('{');
        for (int i = 0; i < matchers.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            LabelMatcher m = matchers.get(i);
            sb.append(m.name()).append(m.type().operator()).append(MatcherParser.quote(m.value()));
        }
        return sb.append('}').toString();
    }

    /** The unique id (key plus sibling index when needed). */
    public String id() {
        return id == null ? key() : id;
    }

    /** The labels this route groups by for an alert with {@code labels}. */
    public Labels groupLabels(Labels labels) {
        return groupByAll ? labels : labels.keepOnly(groupBy);
    }

    public Route parent() {
        return parent;
    }

    public String receiver() {
        return receiver;
    }

    public List<String> groupBy() {
        return groupBy;
    }

    public boolean groupByAll() {
        return groupByAll;
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    public boolean continueMatching() {
        return continueMatching;
    }

    public long groupWaitMillis() {
        return groupWaitMillis;
    }

    public long groupIntervalMillis() {
        return groupIntervalMillis;
    }

    public long repeatIntervalMillis() {
        return repeatIntervalMillis;
    }

    public List<String> muteTimeIntervals() {
        return muteTimeIntervals;
    }

    public List<String> activeTimeIntervals() {
        return activeTimeIntervals;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
