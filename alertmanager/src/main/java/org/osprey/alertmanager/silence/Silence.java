package org.osprey.alertmanager.silence;

import java.util.List;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;

/**
 * A silence: alerts matching all matchers are muted between {@code startsAt} and {@code endsAt}
 * (Unix milliseconds). Thread-safe: immutable.
 */
public record Silence(String id, List<LabelMatcher> matchers, long startsAt, long endsAt, long updatedAt,
        String createdBy, String comment) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** pending before start, active until end, expired after, as upstream's CalcSilenceState. */
    public SilenceState stateAt(long nowMillis) {
        if (nowMillis < startsAt) {
            return SilenceState.PENDING;
        }
        return nowMillis < endsAt ? SilenceState.ACTIVE : SilenceState.EXPIRED;
    }

    /** True when every matcher accepts the labels. */
    public boolean matches(Labels labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    Silence withId(String newId) {
        return new Silence(newId, matchers, startsAt, endsAt, updatedAt, createdBy, comment);
    }

    Silence withTimes(long starts, long ends, long updated) {
        return new Silence(id, matchers, starts, ends, updated, createdBy, comment);
    }
}
