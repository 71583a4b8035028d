package org.osprey.alertmanager.config;

import java.util.List;
import org.osprey.model.labels.LabelMatcher;

/**
 * An inhibit rule: firing alerts matching {@code source} mute alerts matching {@code target} when
 * the {@code equal} labels have the same values in both. Thread-safe: immutable.
 */
public record InhibitRule(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {
}
