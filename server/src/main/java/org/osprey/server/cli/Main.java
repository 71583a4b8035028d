package org.osprey.server.cli;

/** Entry point of the {@code osprey} binary: picks the subcommand, defaulting to {@code server}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        System.err.println("osprey: the server is not wired yet");
        System.exit(1);
    }
}
