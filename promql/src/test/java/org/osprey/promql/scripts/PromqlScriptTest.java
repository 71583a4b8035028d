package org.osprey.promql.scripts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.osprey.promql.Engine;
import org.osprey.promql.EngineOptions;

/**
 * Runs every upstream script in {@code ${osprey.shared}/promql-tests}. Stable float files must pass
 * fully (except the documented skip list); experimental files and native-histogram evals are run,
 * counted and reported but do not fail the build.
 */
class PromqlScriptTest {
    static final Set<String> STABLE = Set.of("aggregators", "at_modifier", "collision", "functions", "histograms",
            "literals", "name_label_dropping", "operators", "range_queries", "selectors", "staleness", "subquery",
            "trig_functions");

    static Path suiteDir() {
        String shared = System.getProperty("osprey.shared", "../shared");
        return Path.of(shared, "promql-tests");
    }

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException {
        Path dir = suiteDir();
        Map<String, String> kinds = evalKinds(dir.resolve("EVAL_INDEX.tsv"));
        Map<String, String> skips = skipList();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        assertTrue(files.size() >= 21, "expected the 21 upstream scripts in " + dir);
        Engine engine = new Engine(new EngineOptions(0, 10_000, Duration.ofSeconds(100), 4, 60_000));
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString().replace(".test", "");
            ScriptRunner runner = new ScriptRunner(StorageFactory::create, engine);
            List<ScriptRunner.EvalOutcome> outcomes = runner.run(f);
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            int nhPassed = 0;
            int nhFailed = 0;
            List<String> hardFailures = new ArrayList<>();
            List<String> skipNowPassing = new ArrayList<>();
            for (ScriptRunner.EvalOutcome o : outcomes) {
                String key = f.getFileName() + ":" + o.line();
                boolean nh = "NH".equals(kinds.get(key));
                if (nh) {
                    if (o.passed()) {
                        nhPassed++;
                    } else {
                        nhFailed++;
                    }
                    continue;
                }
                if (skips.containsKey(key)) {
                    skipped++;
                    if (o.passed()) {
                        skipNowPassing.add(key);
                    }
                    continue;
                }
                if (o.passed()) {
                    passed++;
                } else {
                    failed++;
                    hardFailures.add(key + " " + o.expr() + "\n      -> " + o.message());
                }
            }
            boolean stable = STABLE.contains(name);
            System.out.printf("promql-tests %-26s %s float: %d passed, %d failed, %d skipped; native-histogram: %d "
                    + "passed, %d failed%n", f.getFileName(), stable ? "[stable]      " : "[experimental]", passed,
                    failed, skipped, nhPassed, nhFailed);
            for (String h : hardFailures) {
                System.out.println("  FAIL " + h);
            }
            for (String s : skipNowPassing) {
                System.out.println("  NOW PASSING (remove from skip list): " + s);
            }
            if (stable) {
                assertTrue(hardFailures.isEmpty(), f.getFileName() + ": " + failed + " stable float evals failed:\n"
                        + String.join("\n", hardFailures));
            }
        }));
    }

    /** file:line -> "float" | "NH" from EVAL_INDEX.tsv. */
    static Map<String, String> evalKinds(Path index) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String l : Files.readAllLines(index)) {
            String[] f = l.split("\t");
            if (f.length > 5 && !f[0].equals("file")) {
                out.put(f[0] + ":" + f[1], f[5]);
            }
        }
        return out;
    }

    /** file:line -> reason, from the single skip-list resource. */
    static Map<String, String> skipList() throws IOException {
        Map<String, String> out = new HashMap<>();
        if (System.getenv("PROMQL_NOSKIP") != null) {
            return out; // development aid: show every failure
        }
        try (InputStream in = PromqlScriptTest.class.getResourceAsStream("/promql-skip-list.tsv")) {
            if (in == null) {
                return out;
            }
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split("\t", 2);
                if (f.length < 2 || f[1].isBlank()) {
                    throw new IllegalStateException("skip-list entry without a reason: " + l);
                }
                out.put(f[0].strip(), f[1].strip());
            }
        }
        return out;
    }
}
