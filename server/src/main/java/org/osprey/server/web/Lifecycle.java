package org.osprey.server.web;

/** What {@code /-/reload} and {@code /-/quit} trigger, and what {@code /-/ready} reports. Implementations are thread-safe. */
public interface Lifecycle {
    /** True once storage is open and the server answers queries. */
    boolean ready();

    /**
     * Reloads the configuration files.
     *
     * @throws Exception with the reason when the new configuration is rejected (the old one stays)
     */
    void reload() throws Exception;

    /** Starts an orderly shutdown and returns at once. */
    void quit();
}
