package org.osprey.scrape.config;

/**
 * A discovery kind Osprey does not implement (consul, ec2, dns, ...): kept so the file loads and
 * the warning can name it; it yields no targets. Thread-safe: immutable.
 *
 * @param kind the key without {@code _sd_configs}, e.g. "consul"
 */
public record UnsupportedSdConfig(String kind, int index) {
}
