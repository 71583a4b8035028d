package org.osprey.rules.unittest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code osprey test rules [--run REGEX]... [--ignore-unknown-fields] [--junit=FILE] FILE...}: promtool's rule
 * unit tests with its output ({@code Unit Testing:  FILE}, {@code   SUCCESS} or {@code   FAILED:}
 * and the differences) and exit codes (0 all passed, 1 any failure). Thread-safe: stateless.
 */
public final class RuleTestCommand {
    private RuleTestCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> runs = new ArrayList<>();
        boolean ignoreUnknown = false;
        String junit = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--run") && i + 1 < args.length) {
                runs.add(args[++i]);
            } else if (a.startsWith("--run=")) {
                runs.add(a.substring("--run=".length()));
            } else if (a.equals("--ignore-unknown-fields")) {
                ignoreUnknown = true;
            } else if (a.startsWith("--junit=")) {
                junit = a.substring("--junit=".length());
            } else if (a.equals("--diff") || a.equals("--debug") || a.startsWith("--enable-feature=")) {
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
        StringBuilder xml = new StringBuilder("<testsuites>");
        for (String f : files) {
            out.println("Unit Testing:  " + f);
            UnitTestFile utf = new UnitTestFile(java.nio.file.Path.of(f), run, ignoreUnknown);
            List<String> errs = utf.run();
            junitSuite(xml, f, utf, errs);
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
        if (junit != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(junit), xml.append("</testsuites>").toString());
            } catch (java.io.IOException e) {
                err.println("failed to write JUnit XML: " + e.getMessage());
            }
        }
        return failed ? 1 : 0;
    }

    /** One file as a JUnit test suite: a test case per test group, or one abort failure. */
    private static void junitSuite(StringBuilder xml, String file, UnitTestFile utf, List<String> errs) {
        int failures = 0;
        for (UnitTestFile.CaseResult c : utf.cases) {
            failures += c.failures().isEmpty() ? 0 : 1;
        }
        boolean aborted = utf.cases.isEmpty() && !errs.isEmpty();
        xml.append("<testsuite name=\"").append(esc(file)).append("\" tests=\"").append(utf.cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(aborted ? 1 : 0).append("\">");
        if (aborted) {
            xml.append("<error message=\"").append(esc(String.join("\n", errs))).append("\"></error>");
        }
        for (UnitTestFile.CaseResult c : utf.cases) {
            xml.append("<testcase name=\"").append(esc(c.name())).append("\">");
            for (String fail : c.failures()) {
                xml.append("<failure>").append(esc(fail)).append("</failure>");
            }
            xml.append("</testcase>");
        }
        xml.append("</testsuite>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
