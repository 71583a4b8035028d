package org.osprey.rules.unittest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code osprey test rules [--run REGEX]... [--ignore-unknown-fields] FILE...}: promtool's rule
 * unit tests with its output ({@code Unit Testing:  FILE}, {@code   SUCCESS} or {@code   FAILED:}
 * and the differences) and exit codes (0 all passed, 1 any failure). Thread-safe: stateless.
 */
public final class RuleTestCommand {
    private RuleTestCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> runs = new ArrayList<>();
        boolean ignoreUnknown = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--run") && i + 1 < args.length) {
                runs.add(args[++i]);
            } else if (a.startsWith("--run=")) {
                runs.add(a.substring("--run=".length()));
            } else if (a.equals("--ignore-unknown-fields")) {
                ignoreUnknown = true;
            } else if (a.equals("--diff") || a.equals("--debug") || a.startsWith("--junit=")) {
                // accepted for promtool compatibility; output stays the plain form
            } else if (a.startsWith("--")) {
                err.println("osprey: error: unknown long flag '" + a + "'");
                return 1;
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            err.println("osprey: error: required argument 'test-rule-file' not provided");
            return 1;
        }
        Pattern run = runs.isEmpty() ? null : Pattern.compile(String.join("|", runs));
        boolean failed = false;
        for (String f : files) {
            out.println("Unit Testing:  " + f);
            List<String> errs = new UnitTestFile(java.nio.file.Path.of(f), run, ignoreUnknown).run();
            if (!errs.isEmpty()) {
                err.println("  FAILED:");
                for (String e : errs) {
                    err.println(e);
                    out.println();
                }
                failed = true;
            } else {
                out.println("  SUCCESS");
            }
            out.println();
        }
        return failed ? 1 : 0;
    }
}
