package org.osprey.model.relabel;

import java.util.Locale;

/** The relabeling actions of Prometheus, spelled as in configuration files. Thread-safe: enum. */
public enum RelabelAction {
    REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE;

    /** The configuration spelling ({@code replace}, {@code labelmap}, ...). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration value case-insensitively, as upstream does.
     *
     * @throws IllegalArgumentException {@code unknown relabel action "<s>"}
     */
    public static RelabelAction parse(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (RelabelAction a : values()) {
            if (a.configName().equals(lower)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown relabel action \"" + s + "\"");
    }

    @Override
    public String toString() {
        return configName();
    }
}
