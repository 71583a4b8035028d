package org.osprey.alertmanager.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.osprey.alertmanager.api.AlertmanagerApi;
import org.osprey.alertmanager.api.AlertmanagerServer;
import org.osprey.alertmanager.config.ConfigException;
import org.osprey.model.value.PromDuration;

/**
 * {@code osprey alertmanager}: runs Alertmanager with upstream's flags until the JVM is asked to
 * stop. Thread-safe: stateless; each run owns its server.
 */
public final class AlertmanagerCommand {
    private static final Map<String, String> DEFAULTS = Map.of(
            "config.file", "alertmanager.yml",
            "storage.path", "data/",
            "web.listen-address", ":9093",
            "web.external-url", "",
            "log.level", "info",
            "log.format", "logfmt",
            "data.retention", "120h",
            "alerts.gc-interval", "30m");

    private AlertmanagerCommand() {
    }

    /** Runs the command as a program, for scripts that start it without the osprey launcher. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parses flags, starts the server and blocks until shutdown; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> flags = new HashMap<>(DEFAULTS);
        String routePrefix = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                usage(out);
                return 0;
            }
            if (a.equals("--version")) {
                out.println("alertmanager (osprey), version " + AlertmanagerApi.VERSION);
                return 0;
            }
            if (!a.startsWith("--")) {
                err.println("osprey alertmanager: error: unexpected argument " + a + ", try --help");
                return 2;
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                err.println("osprey alertmanager: error: expected argument for flag --" + name);
                return 2;
            }
            if (name.equals("web.route-prefix")) {
                routePrefix = value;
            } else if (DEFAULTS.containsKey(name) || name.startsWith("cluster.") || name.equals("web.config.file")
                    || name.startsWith("alerts.") || name.startsWith("dispatch.") || name.startsWith("web.")) {
                flags.put(name, value);
            } else {
                err.println("osprey alertmanager: error: unknown long flag '--" + name + "', try --help");
                return 2;
            }
        }
        java.util.logging.Level level = switch (flags.get("log.level")) {
            case "debug" -> java.util.logging.Level.FINE;
            case "warn" -> java.util.logging.Level.WARNING;
            case "error" -> java.util.logging.Level.SEVERE;
            default -> java.util.logging.Level.INFO;
        };
        java.util.logging.Logger.getLogger("org.osprey.alertmanager").setLevel(level);
        AlertmanagerServer server;
        try {
            server = AlertmanagerServer.start(new AlertmanagerServer.Options(Path.of(flags.get("config.file")),
                    Path.of(flags.get("storage.path")), flags.get("web.listen-address"), flags.get("web.external-url"),
                    routePrefix, PromDuration.parseMillis(flags.get("data.retention")),
                    PromDuration.parseMillis(flags.get("alerts.gc-interval"))));
        } catch (ConfigException e) {
            err.println("Loading configuration file failed: file=" + flags.get("config.file") + " err=\"" + e.getMessage() + "\"");
            return 1;
        } catch (Exception e) {
            err.println("osprey alertmanager: " + e);
            return 1;
        }
        out.println("Osprey Alertmanager " + AlertmanagerApi.VERSION + " listening on port " + server.port()
                + " (external URL " + server.externalUrl() + ")");
        // As upstream, SIGHUP reloads the configuration (same as POST /-/reload).
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
                String error = server.reload();
                if (error != null) {
                    err.println("reload on SIGHUP failed: " + error);
                }
            });
        } catch (IllegalArgumentException e) {
            err.println("SIGHUP reload unavailable: " + e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stop.countDown();
        }, "osprey-am-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    private static void usage(PrintStream out) {
        out.println("usage: osprey alertmanager [<flags>]");
        out.println();
        out.println("Flags:");
        out.println("  --config.file=\"alertmanager.yml\"  Alertmanager configuration file name.");
        out.println("  --storage.path=\"data/\"            Base path for data storage (silences, notification log).");
        out.println("  --web.listen-address=\":9093\"      Address to listen on for the web interface and API.");
        out.println("  --web.external-url=URL            The URL under which Alertmanager is externally reachable.");
        out.println("  --web.route-prefix=PATH           Prefix for the internal routes; defaults to the external URL's path.");
        out.println("  --data.retention=120h             How long to keep data (expired silences, notification log).");
        out.println("  --alerts.gc-interval=30m          Interval between alert GC.");
        out.println("  --log.level=info                  Only log messages with the given severity or above: debug, info, warn, error.");
    }
}
