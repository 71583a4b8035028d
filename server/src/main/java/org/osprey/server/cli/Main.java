package org.osprey.server.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.osprey.server.BuildInfo;
import org.osprey.server.ServerCommand;

/**
 * Entry point of the {@code osprey} binary: picks the subcommand (default {@code server}) and
 * returns its exit code; 2 for a command line that must be fixed. Thread-safe: stateless.
 */
public final class Main {
    /** Subcommands served by other modules, longest word sequences first so they win. */
    static final List<Subcommand> DELEGATED = List.of(
            new Subcommand("tsdb create-blocks-from openmetrics", "org.osprey.tsdb.backfill.BackfillCommand",
                    "Create TSDB blocks from an OpenMetrics file (backfill)."),
            new Subcommand("check config", "org.osprey.scrape.config.ConfigCheck",
                    "Check that a prometheus.yml is valid."),
            new Subcommand("check rules", "org.osprey.rules.RulesCheck", "Check that rule files are valid."),
            new Subcommand("check alertmanager", "org.osprey.alertmanager.cli.CheckAlertmanagerCommand",
                    "Check that an alertmanager.yml is valid."),
            new Subcommand("test rules", "org.osprey.rules.unittest.RuleTestCommand", "Unit test rule files."),
            new Subcommand("alertmanager", "org.osprey.alertmanager.cli.AlertmanagerCommand",
                    "Run the Alertmanager companion."),
            new Subcommand("pushgateway", "org.osprey.pushgateway.cli.PushgatewayCommand",
                    "Run the Pushgateway companion."));

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        int rc = run(args, System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }

    /** Runs one command line; blocks while a server subcommand runs. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("version"))) {
            out.println("osprey, version " + BuildInfo.VERSION + " (compatible with Prometheus " + BuildInfo.PROMETHEUS_VERSION + ")");
            return 0;
        }
        if (args.length > 0 && args[0].equals("help")) {
            out.print(usage());
            return 0;
        }
        String[] rest = args;
        if (args.length > 0 && args[0].equals("server")) {
            rest = Arrays.copyOfRange(args, 1, args.length);
        } else if (args.length > 0 && !args[0].startsWith("-")) {
            for (Subcommand s : DELEGATED) {
                String[] words = s.words().split(" ");
                if (startsWith(args, words)) {
                    return s.run(Arrays.copyOfRange(args, words.length, args.length), out, err);
                }
            }
            err.println("osprey: unknown command '" + String.join(" ", prefix(args)) + "'; try 'osprey --help'");
            return 2;
        }
        return runServer(rest, out, err);
    }

    private static int runServer(String[] args, PrintStream out, PrintStream err) {
        FlagSet flags = ServerFlags.flagSet();
        ServerOptions options;
        try {
            ParsedFlags parsed = flags.parse(args);
            if (parsed.helpRequested()) {
                out.print(flags.help());
                out.print(commands());
                return 0;
            }
            options = ServerFlags.toOptions(parsed);
        } catch (UsageException e) {
            err.println("osprey: error: " + e.getMessage() + ", try --help");
            return 2;
        }
        return ServerCommand.run(options, out, err);
    }

    private static boolean startsWith(String[] args, String[] words) {
        if (args.length < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!args[i].equals(words[i])) {
                return false;
            }
        }
        return true;
    }

    private static List<String> prefix(String[] args) {
        int n = 0;
        while (n < args.length && n < 3 && !args[n].startsWith("-")) {
            n++;
        }
        return Arrays.asList(args).subList(0, n);
    }

    static String usage() {
        return ServerFlags.flagSet().help() + commands();
    }

    private static String commands() {
        StringBuilder sb = new StringBuilder("\nCommands:\n  server (default)\n      Run the monitoring server with the flags above.\n");
        for (Subcommand s : DELEGATED) {
            sb.append("  ").append(s.words()).append(s.available() ? "" : "  [not in this build yet]")
                    .append("\n      ").append(s.summary()).append('\n');
        }
        return sb.toString();
    }
}
