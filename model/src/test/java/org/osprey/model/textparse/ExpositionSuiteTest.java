package org.osprey.model.textparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of ../shared/exposition-tests, unmodified, through the strict parsers: valid
 * inputs must parse to EOF, invalid inputs must be rejected with an error naming the line.
 * Prints "N passed, M failed, K skipped" per folder and fails on any failure.
 */
class ExpositionSuiteTest {
    static Path suite() {
        String shared = System.getProperty("osprey.shared", "../shared");
        Path p = Path.of(shared, "exposition-tests");
        assertTrue(Files.isDirectory(p), "exposition suite not found at " + p.toAbsolutePath());
        return p;
    }

    /** Outcome of one case: null when it behaved as expected, else a description. */
    static String run(byte[] input, boolean openMetrics, boolean shouldParse, ParserOptions options) {
        ExpositionParser parser = ExpositionFormats.parserFor(
                openMetrics ? ExpositionFormats.OPENMETRICS_CONTENT_TYPE : ExpositionFormats.TEXT_CONTENT_TYPE,
                input, 0, input.length, options);
        try {
            int series = 0;
            for (Entry e = parser.next(); e != Entry.EOF; e = parser.next()) {
                if (e == Entry.SERIES) {
                    parser.labels();
                    if (parser.hasExemplar()) {
                        parser.exemplarLabels();
                    }
                    series++;
                }
            }
            return shouldParse ? null : "accepted an invalid input (" + series + " series)";
        } catch (ExpositionParseException e) {
            if (!e.getMessage().matches("line \\d+: .+")) {
                return "error message does not name the line: " + e.getMessage();
            }
            return shouldParse ? "rejected a valid input: " + e.getMessage() : null;
        }
    }

    private static void report(String folder, int passed, List<String> failures, int skipped) {
        String summary = folder + ": " + passed + " passed, " + failures.size() + " failed, " + skipped + " skipped";
        System.out.println(summary);
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertEquals(List.of(), failures, summary);
    }

    @Test
    void openMetricsParsers() throws IOException {
        Path dir = suite().resolve("openmetrics-parsers");
        List<String> lines = Files.readAllLines(dir.resolve("INDEX.tsv"), StandardCharsets.UTF_8);
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (String row : lines.subList(1, lines.size())) {
            String[] f = row.split("\t", -1);
            boolean valid = f[1].equals("valid");
            byte[] input = Files.readAllBytes(dir.resolve(f[0]).resolve(f[3]));
            String outcome = run(input, true, valid, ParserOptions.STRICT);
            if (outcome == null) {
                passed++;
            } else {
                failures.add(f[0] + ": " + outcome);
            }
        }
        assertEquals(211, passed + failures.size(), "case count");
        report("openmetrics-parsers", passed, failures, 0);
    }

    @Test
    void prometheusTextExpfmt() throws IOException {
        Path dir = suite().resolve("prometheus-text-expfmt");
        List<String> lines = Files.readAllLines(dir.resolve("EXPECTED.tsv"), StandardCharsets.UTF_8);
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (String row : lines.subList(1, lines.size())) {
            String[] f = row.split("\t", -1);
            byte[] input = Files.readAllBytes(dir.resolve(f[0]));
            String outcome = run(input, false, f[1].equals("valid"), ParserOptions.STRICT);
            if (outcome == null) {
                passed++;
            } else {
                failures.add(f[0] + ": " + outcome);
            }
        }
        report("prometheus-text-expfmt", passed, failures, 0);
    }

    @Test
    void prometheusTextparse() throws IOException {
        Path dir = suite().resolve("prometheus-textparse");
        int passed = 0;
        List<String> failures = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                byte[] input = Files.readAllBytes(p);
                // Benchmark inputs of Prometheus's scrape parsers, real client output: they must parse as
                // a scrape parses them (the Go client's histogram with negative buckets also has a
                // _sum, which the strict OpenMetrics rules forbid).
                String outcome = run(input, p.getFileName().toString().endsWith(".om.txt"), true, ParserOptions.SCRAPE);
                if (outcome == null) {
                    passed++;
                } else {
                    failures.add(p.getFileName() + ": " + outcome);
                }
            }
        }
        assertEquals(4, passed + failures.size(), "file count");
        report("prometheus-textparse", passed, failures, 0);
    }

    /** Scrape mode must accept every valid case too; it rejects the syntax cases, not all semantic ones. */
    @Test
    void openMetricsParsersInScrapeMode() throws IOException {
        Path dir = suite().resolve("openmetrics-parsers");
        List<String> lines = Files.readAllLines(dir.resolve("INDEX.tsv"), StandardCharsets.UTF_8);
        int passed = 0;
        int semanticOnly = 0;
        List<String> failures = new ArrayList<>();
        for (String row : lines.subList(1, lines.size())) {
            String[] f = row.split("\t", -1);
            boolean valid = f[1].equals("valid");
            byte[] input = Files.readAllBytes(dir.resolve(f[0]).resolve(f[3]));
            String outcome = run(input, true, valid, ParserOptions.SCRAPE);
            if (outcome == null) {
                passed++;
            } else if (!valid) {
                semanticOnly++; // a semantic rule scrape mode does not check, as Prometheus
            } else {
                failures.add(f[0] + ": " + outcome);
            }
        }
        report("openmetrics-parsers (scrape mode; invalid cases it accepts counted as skipped)", passed, failures, semanticOnly);
    }
}
