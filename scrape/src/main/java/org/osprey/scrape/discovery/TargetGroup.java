package org.osprey.scrape.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.LabelNames;
import org.osprey.model.labels.Labels;

/**
 * A set of targets sharing common labels, as a discoverer reports it (upstream's targetgroup.Group).
 * Each target is a label set holding at least {@code __address__}. {@code source} identifies the
 * group within its provider so an update replaces the earlier group of the same source.
 * Thread-safe: immutable.
 */
public record TargetGroup(List<Labels> targets, Labels labels, String source) {
    public TargetGroup {
        targets = List.copyOf(targets);
    }

    /**
     * Builds a group from the plain form written in static_configs and file_sd files.
     *
     * @throws IllegalArgumentException with upstream's wording for a target containing a scheme or
     *                                  path, or an invalid label name or value
     */
    public static TargetGroup of(List<String> addresses, Map<String, String> labels, String source) {
        List<Labels> targets = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            if (a.contains("/")) {
                throw new IllegalArgumentException("\"" + a + "\" is not a valid hostname");
            }
            targets.add(Labels.of("__address__", a));
        }
        Labels.Builder b = Labels.builder();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!LabelNames.isValidName(e.getKey())) {
                throw new IllegalArgumentException("\"" + e.getKey() + "\" is not a valid label name");
            }
            if (!LabelNames.isValidName(e.getValue()) && !e.getValue().isEmpty()) {
                throw new IllegalArgumentException("\"" + e.getValue() + "\" is not a valid label value");
            }
            b.set(e.getKey(), e.getValue());
        }
        return new TargetGroup(targets, b.build(), source);
    }
}
