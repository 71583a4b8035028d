package org.osprey.probes.config;

/**
 * The namespace a {@code kubernetes} probe creates its ConfigMap in, and the generated name's prefix.
 * Thread-safe: immutable.
 */
public record KubernetesSettings(String namespace, String namePrefix) {
}
