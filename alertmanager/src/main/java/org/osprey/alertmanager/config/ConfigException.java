package org.osprey.alertmanager.config;

/** An alertmanager.yml that upstream Alertmanager would reject; the message says why. Thread-safe: immutable. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
