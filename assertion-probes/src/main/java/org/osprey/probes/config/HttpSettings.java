package org.osprey.probes.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an {@code http} probe sends and asserts. Thread-safe: immutable.
 *
 * @param validStatusCodes accepted status codes; empty means any 2xx, as the Blackbox exporter does
 * @param bodyRegex        pattern the body must contain a match of, or null
 * @param jsonEquals       JSON pointer to expected value (compared as text), in file order
 * @param maxLatency       the run fails when the response took longer, or null for no limit
 */
public record HttpSettings(URI url, String method, Map<String, String> headers, String body,
                           List<Integer> validStatusCodes, Pattern bodyRegex, Map<String, String> jsonEquals,
                           Duration maxLatency, boolean insecureSkipVerify, boolean followRedirects) {
    public HttpSettings {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers)); // file order, so toString is stable
        validStatusCodes = List.copyOf(validStatusCodes);
        jsonEquals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(jsonEquals));
    }

    /** Whether {@code status} passes the status assertion. */
    public boolean statusAccepted(int status) {
        return validStatusCodes.isEmpty() ? status >= 200 && status < 300 : validStatusCodes.contains(status);
    }
}
