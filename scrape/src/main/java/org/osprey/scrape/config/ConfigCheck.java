package org.osprey.scrape.config;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code osprey check config FILE...}: loads each file as the server would and reports like
 * {@code promtool check config} (same lines, exit 0 when all pass, 1 when any fails, 2 on usage
 * errors). Rule files matched by {@code rule_files} are listed for the rules checker; their syntax is
 * not checked here. Thread-safe: stateless.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /** What checking one file found: the loaded config (null on failure) and the rule files it names. */
    public record Result(PrometheusConfig config, List<Path> ruleFiles, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * @param args {@code [--syntax-only] FILE...}; --syntax-only skips the existence checks of
     *             referenced certificate and credential files, as promtool's flag does
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean syntaxOnly = false;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--syntax-only")) {
                syntaxOnly = true;
            } else if (a.startsWith("--")) {
                err.println("osprey check config: unknown flag " + a);
                return 2;
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            err.println("usage: osprey check config [--syntax-only] FILE...");
            return 2;
        }
        boolean failed = false;
        for (String file : files) {
            out.println("Checking " + file);
            Result r = check(Path.of(file), syntaxOnly);
            if (!r.ok()) {
                for (String e : r.errors()) {
                    err.println("  FAILED: " + e);
                }
                failed = true;
            } else {
                for (String w : r.config().warnings()) {
                    err.println("  WARNING: " + w);
                }
                if (!r.ruleFiles().isEmpty()) {
                    out.println("  SUCCESS: " + r.ruleFiles().size() + " rule files found");
                    for (Path p : r.ruleFiles()) {
                        out.println("   - " + p);
                    }
                }
                out.println(" SUCCESS: " + file + " is valid prometheus config file syntax");
            }
            out.println();
        }
        return failed ? 1 : 0;
    }

    /** Loads one file and, unless syntaxOnly, checks that files it references exist. */
    public static Result check(Path file, boolean syntaxOnly) {
        PrometheusConfig c;
        try {
            c = ConfigLoader.loadFile(file);
        } catch (ConfigException e) {
            return new Result(null, List.of(), List.of(e.getMessage()));
        }
        List<Path> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String glob : c.ruleFiles()) {
            rules.addAll(ConfigLoader.glob(glob));
        }
        if (!syntaxOnly) {
            for (ScrapeConfig sc : c.scrapeConfigs()) {
                checkFiles(sc.jobName(), sc.http(), errors);
            }
        }
        return new Result(errors.isEmpty() ? c : null, List.copyOf(rules), List.copyOf(errors));
    }

    private static void checkFiles(String job, HttpClientConfig http, List<String> errors) {
        TlsConfig t = http.tls();
        exists("client cert file", t.certFile(), job, errors);
        exists("client key file", t.keyFile(), job, errors);
        exists("CA file", t.caFile(), job, errors);
        if (http.basicAuth() != null) {
            exists("password file", http.basicAuth().passwordFile(), job, errors);
        }
        if (http.authorization() != null) {
            exists("credentials file", http.authorization().credentialsFile(), job, errors);
        }
    }

    private static void exists(String what, String file, String job, List<String> errors) {
        if (!file.isEmpty() && !Files.exists(Path.of(file))) {
            errors.add("error checking " + what + " \"" + file + "\" of job \"" + job + "\": stat " + file
                    + ": no such file or directory");
        }
    }
}
