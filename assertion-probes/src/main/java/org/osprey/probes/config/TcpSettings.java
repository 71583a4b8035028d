package org.osprey.probes.config;

import java.util.regex.Pattern;

/**
 * Where a {@code tcp} probe connects and what it exchanges. Thread-safe: immutable.
 *
 * @param send   bytes (UTF-8) written after connecting, or null
 * @param expect pattern the received text must contain a match of before the timeout, or null
 */
public record TcpSettings(String host, int port, String send, Pattern expect) {
}
