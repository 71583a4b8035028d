package org.osprey.probes.config;

/** What a probe does; the lower-case name is what the file and the {@code kind} label say. */
public enum ProbeKind {
    HTTP, TCP, KUBERNETES;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
