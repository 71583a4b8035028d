package org.osprey.scrape.config;

/**
 * A configuration file that cannot be used: the message names the file, and where known the line,
 * the field and the cause, in upstream's wording. Thread-safe: immutable.
 */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
