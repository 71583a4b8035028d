package org.osprey.pushgateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.osprey.pushgateway.Pushgateway;
import org.osprey.pushgateway.PushgatewayOptions;

/**
 * {@code osprey pushgateway [flags]}: parses upstream's flag names ({@code --flag=value} or
 * {@code --flag value}, booleans also as {@code --flag} / {@code --no-flag}), starts a
 * {@link Pushgateway} and blocks until {@code /-/quit} or JVM shutdown. Exit codes: 0 after a
 * clean stop, 1 when it cannot start, 2 for bad flags. Thread-safety: stateless; each run owns
 * its Pushgateway.
 */
public final class PushgatewayCommand {
    private static final String USAGE = """
            usage: osprey pushgateway [<flags>]

            The Pushgateway, compatible with Prometheus Pushgateway 1.x.

            Flags:
              -h, --help                      Show this help.
                  --web.listen-address=":9091"
                                              Address on which to expose metrics and the push API.
                  --web.telemetry-path="/metrics"
                                              Path under which to expose metrics.
                  --web.enable-lifecycle      Enable shutdown via HTTP request (PUT /-/quit).
                  --web.enable-admin-api      Enable API endpoints for admin control actions (PUT /api/v1/admin/wipe).
                  --persistence.file=""       File to persist metrics. If empty, metrics are only kept in memory.
                  --persistence.interval=5m   The minimum interval at which to write out the persistence file.
                  --push.group-ttl=0s         Remove a group this long after its last successful push (0s: never).
                                              A push may override it with the X-Osprey-Group-TTL header.
            """;

    private PushgatewayCommand() {
    }

    /** Parses flags into options; throws IllegalArgumentException with the message for the user. */
    public static PushgatewayOptions parse(String[] args) {
        PushgatewayOptions o = PushgatewayOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\"");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            switch (name) {
                case "web.enable-lifecycle" -> o = o.withLifecycle(bool(name, value));
                case "no-web.enable-lifecycle" -> o = o.withLifecycle(false);
                case "web.enable-admin-api" -> o = o.withAdminApi(bool(name, value));
                case "no-web.enable-admin-api" -> o = o.withAdminApi(false);
                case "web.listen-address", "web.telemetry-path", "persistence.file", "persistence.interval", "push.group-ttl" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("expected argument for flag --" + name);
                        }
                        value = args[++i];
                    }
                    o = apply(o, name, value);
                }
                default -> throw new IllegalArgumentException("unknown long flag '--" + name + "'");
            }
        }
        return o;
    }

    private static PushgatewayOptions apply(PushgatewayOptions o, String name, String value) {
        return switch (name) {
            case "web.listen-address" -> {
                Pushgateway.parseListenAddress(value);
                yield o.withListenAddress(value);
            }
            case "web.telemetry-path" -> {
                if (!value.startsWith("/") || value.startsWith("/metrics/")) {
                    throw new IllegalArgumentException("--web.telemetry-path must start with / and not lie under /metrics/");
                }
                yield o.withTelemetryPath(value);
            }
            case "persistence.file" -> o.withPersistence(value.isEmpty() ? null : Path.of(value), o.persistenceIntervalMillis());
            case "persistence.interval" -> {
                long ms = duration(name, value);
                if (ms <= 0) {
                    throw new IllegalArgumentException("--persistence.interval must be positive");
                }
                yield o.withPersistence(o.persistenceFile(), ms);
            }
            case "push.group-ttl" -> o.withGroupTtl(duration(name, value));
            default -> throw new IllegalArgumentException("unknown long flag '--" + name + "'");
        };
    }

    private static long duration(String flag, String value) {
        try {
            return GoDuration.parseMillis(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for --" + flag + ": " + e.getMessage());
        }
    }

    private static boolean bool(String flag, String value) {
        if (value == null || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("invalid boolean value \"" + value + "\" for --" + flag);
    }

    /** Standalone entry point (the side-by-side and load scripts start it with {@code java -cp}). */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; blocks while the Pushgateway serves. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                out.print(USAGE);
                return 0;
            }
        }
        PushgatewayOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("osprey pushgateway: error: " + e.getMessage() + ", try --help");
            return 2;
        }
        Pushgateway pushgateway = new Pushgateway(options);
        Thread hook = new Thread(pushgateway::stop, "pushgateway-shutdown");
        try {
            var address = pushgateway.start();
            out.println("Pushgateway listening on " + address.getHostString() + ":" + address.getPort());
            Runtime.getRuntime().addShutdownHook(hook);
            pushgateway.awaitStop();
        } catch (IOException | RuntimeException e) {
            err.println("osprey pushgateway: " + e.getMessage());
            pushgateway.stop();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pushgateway.stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is running and stops the Pushgateway itself
        }
        return 0;
    }
}
