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
 * @param bodySizeLimit    the run fails when the body is longer, in bytes; 0 for no limit
 */
public record HttpSettings(URI url, String method, Map<String, String> headers, String body,
                           List<Integer> validStatusCodes, Pattern bodyRegex, Map<String, String> jsonEquals,
                           Duration maxLatency, boolean insecureSkipVerify, boolean followRedirects, long bodySizeLimit) {
    /** Bodies are read into memory for the assertions; this bound keeps a runaway endpoint from filling the heap. */
    public static final long DEFAULT_BODY_SIZE_LIMIT = 16L << 20;

    /** With the default body size limit. */
    public HttpSettings(URI url, String method, Map<String, String> headers, String body, List<Integer> validStatusCodes,
                        Pattern bodyRegex, Map<String, String> jsonEquals, Duration maxLatency, boolean insecureSkipVerify,
                        boolean followRedirects) {
        this(url, method, headers, body, validStatusCodes, bodyRegex, jsonEquals, maxLatency, insecureSkipVerify,
                followRedirects, DEFAULT_BODY_SIZE_LIMIT);
    }

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
