package org.osprey.alertmanager.config;

import java.util.List;
import java.util.Map;

/**
 * A loaded, validated alertmanager.yml. Thread-safe: immutable.
 *
 * @param original the file's text, served by {@code GET /api/v2/status}
 * @param templates template file globs, resolved against the config file's folder
 * @param timeIntervals named intervals from {@code time_intervals} and {@code mute_time_intervals}
 */
public record AlertmanagerConfig(GlobalConfig global, Route route, List<ReceiverConfig> receivers,
        List<InhibitRule> inhibitRules, Map<String, List<TimeInterval>> timeIntervals, List<String> templates,
        String original) {

    /** The receiver with that name, or null. */
    public ReceiverConfig receiver(String name) {
        for (ReceiverConfig r : receivers) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
