package org.osprey.rules;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osprey.rules.rulefmt.Rule;
import org.osprey.rules.rulefmt.RuleGroup;
import org.osprey.rules.rulefmt.RuleGroups;
import org.osprey.rules.rulefmt.RuleParser;

/**
 * {@code osprey check rules [FILE...]}: promtool's {@code check rules} (stdin when no file) with its output and exit codes
 * (0 ok, 1 invalid, 3 lint finding under {@code --lint-fatal}); flags {@code --lint=duplicate-rules|none|all},
 * {@code --lint-fatal}, {@code --ignore-unknown-fields}, {@code --validation-scheme=legacy|utf8}.
 * Thread-safe: stateless.
 */
public final class RulesCheck {
    public static final int SUCCESS = 0;
    public static final int FAILURE = 1;
    public static final int LINT_FAILURE = 3;

    private RulesCheck() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean lintDuplicates = true;
        boolean lintFatal = false;
        boolean ignoreUnknown = false;
        boolean legacy = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String lint = null;
            if (a.startsWith("--lint=")) {
                lint = a.substring("--lint=".length());
            } else if (a.equals("--lint") && i + 1 < args.length) {
                lint = args[++i];
            } else if (a.equals("--lint-fatal")) {
                lintFatal = true;
            } else if (a.equals("--ignore-unknown-fields")) {
                ignoreUnknown = true;
            } else if (a.equals("--validation-scheme=legacy")) {
                legacy = true;
            } else if (a.equals("--validation-scheme=utf8")) {
                legacy = false;
            } else if (a.startsWith("--enable-feature=") || a.equals("--query.lookback-delta") || a.startsWith("--query.lookback-delta=")) {
                // accepted like promtool's global flags; the parser always has the features on
                if (a.equals("--query.lookback-delta")) {
                    i++;
                }
            } else if (a.startsWith("--")) {
                err.println("osprey: error: unknown long flag '" + a + "'");
                return FAILURE;
            } else {
                files.add(a);
            }
            if (lint != null) {
                lintDuplicates = lint.contains("duplicate-rules") || lint.contains("all");
            }
        }
        RuleParser parser = new RuleParser(new RuleParser.Options(ignoreUnknown, legacy, PromqlValidator.INSTANCE));
        boolean failed = false;
        boolean hasErrors = false;
        boolean stdin = files.isEmpty();
        if (stdin) {
            files.add("standard input"); // promtool reads the rules from stdin when no file is given
        }
        for (String f : files) {
            out.println("Checking " + f);
            RuleParser.Result r;
            if (stdin) {
                try {
                    r = parser.parse(new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    err.println("  FAILED:");
                    err.println(e.getMessage());
                    return FAILURE;
                }
            } else {
                r = parser.parseFile(Path.of(f));
            }
            if (!r.ok()) {
                failed = true;
                hasErrors = true;
                err.println("  FAILED:");
                for (String e : r.errors()) {
                    err.println(e);
                }
                continue;
            }
            String lintError = lintDuplicates ? duplicatesMessage(r.groups()) : null;
            if (lintError != null) {
                failed = true;
                err.println("  FAILED:");
                err.println(lintError);
            } else {
                out.println("  SUCCESS: " + r.groups().ruleCount() + " rules found");
            }
            out.println();
        }
        if (failed && hasErrors) {
            return FAILURE;
        }
        if (failed && lintFatal) {
            return LINT_FAILURE;
        }
        return SUCCESS;
    }

    private record Key(String metric, TreeMap<String, String> labels) {
    }

    private static int compare(Key a, Key b) {
        int c = a.metric().compareTo(b.metric());
        if (c != 0) {
            return c;
        }
        return String.valueOf(a.labels()).compareTo(String.valueOf(b.labels()));
    }

    /** Upstream's duplicate-rules lint text, or null when every rule name+labels is unique. */
    static String duplicatesMessage(RuleGroups groups) {
        List<Key> keys = new ArrayList<>();
        for (RuleGroup g : groups.groups()) {
            for (Rule r : g.rules()) {
                keys.add(new Key(r.name(), new TreeMap<>(r.labels())));
            }
        }
        if (keys.size() < 2) {
            return null;
        }
        keys.sort(Comparator.comparing((Key k) -> k.metric()).thenComparing(k -> String.valueOf(k.labels())));
        List<Key> dups = new ArrayList<>();
        Key last = keys.get(0);
        for (int i = 1; i < keys.size(); i++) {
            if (compare(last, keys.get(i)) == 0) {
                if (dups.isEmpty() || compare(last, dups.get(dups.size() - 1)) != 0) {
                    dups.add(keys.get(i));
                }
            }
            last = keys.get(i);
        }
        if (dups.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("lint error ").append(dups.size()).append(" duplicate rule(s) found.\n");
        for (Key k : dups) {
            sb.append("Metric: ").append(k.metric()).append("\nLabel(s):\n");
            for (Map.Entry<String, String> e : k.labels().entrySet()) {
                sb.append('\t').append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
        sb.append("Might cause inconsistency while recording expressions");
        return sb.toString();
    }
}
