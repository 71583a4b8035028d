package org.osprey.scrape;

/** A scrape that failed; the message is what the targets API shows as lastError. Thread-safe: immutable. */
final class ScrapeFailure extends Exception {
    ScrapeFailure(String message) {
        super(message, null, false, false);
    }
}
