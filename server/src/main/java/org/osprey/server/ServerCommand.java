package org.osprey.server;

import java.io.PrintStream;
import org.osprey.server.cli.ServerOptions;

/** {@code osprey server}: starts the server and blocks until it is asked to stop. Thread-safe: stateless. */
public final class ServerCommand {
    private ServerCommand() {
    }

    /** Returns 0 after an orderly shutdown, 1 when the server could not start. */
    public static int run(ServerOptions options, PrintStream out, PrintStream err) {
        ServerLog log = new ServerLog(err, options.logLevel(), options.logFormat());
        JulBridge.install(log);
        OspreyServer server;
        try {
            server = OspreyServer.start(options, log);
        } catch (RuntimeException e) {
            log.error("Error starting Osprey", "err", String.valueOf(e.getMessage()));
            return 1;
        }
        // On SIGTERM the JVM exits once hooks finish, so the hook itself closes storage (idempotent).
        Thread hook = new Thread(() -> {
            server.quit();
            server.close();
            log.info("See you next time!");
        }, "osprey-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        installReloadSignal(server, log);
        server.awaitQuit();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down because of a signal: the hook closes the server
            return 0;
        }
        server.close();
        log.info("See you next time!");
        return 0;
    }

    /** SIGHUP reloads the configuration (and probe file) as upstream does; reload() logs its own failure. */
    private static void installReloadSignal(OspreyServer server, ServerLog log) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> Thread.ofVirtual().name("osprey-sighup").start(() -> {
                try {
                    server.reload();
                } catch (Exception e) {
                    // already logged as "Error reloading config"
                }
            }));
        } catch (IllegalArgumentException e) {
            // the platform has no SIGHUP (or the JVM reserved it, e.g. -Xrs): /-/reload still works
            log.warn("SIGHUP reload unavailable", "err", String.valueOf(e.getMessage()));
        }
    }
}
