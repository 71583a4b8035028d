package org.osprey.model.textparse;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Randomly mutated suite inputs (byte flips, insertions of syntax characters, deletions,
 * truncations) must either parse or fail with {@link ExpositionParseException}; any other
 * exception is a parser bug. Reproducible from the printed seed.
 */
class MutationRobustnessTest {
    private static final byte[] INTERESTING = "{}\",=#\\ \n\t.eE+-_0123456789InfNaN\u00ff\u00c3".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void mutatedInputsFailOnlyWithParseErrors() throws IOException {
        Path root = ExpositionSuiteTest.suite();
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (n.equals("metrics") || p.toString().contains("corpus") || n.endsWith(".txt") && !n.equals("SOURCE.txt") && !n.equals("LICENSE.txt")) {
                    byte[] b = Files.readAllBytes(p);
                    seeds.add(b.length > 4000 ? java.util.Arrays.copyOf(b, 4000) : b);
                }
            }
        }
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int iter = 0; iter < 10_000; iter++) {
            byte[] in = mutate(seeds.get(r.nextInt(seeds.size())), r);
            for (int k = 0; k < 4; k++) {
                boolean om = (k & 1) == 1;
                ParserOptions o = (k & 2) == 0 ? ParserOptions.STRICT : new ParserOptions(false, true);
                try {
                    ExpositionParser p = ExpositionFormats.parserFor(
                            om ? ExpositionFormats.OPENMETRICS_CONTENT_TYPE : ExpositionFormats.TEXT_CONTENT_TYPE, in, 0, in.length, o);
                    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
                        if (e == Entry.SERIES) {
                            p.labels();
                            p.metricName();
                            p.createdTimestampMillis();
                            if (p.hasExemplar()) {
                                p.exemplarLabels();
                            }
                        } else if (e == Entry.HELP) {
                            p.help();
                            p.familyName();
                        }
                    }
                } catch (ExpositionParseException expected) {
                    // fine: rejected with a line number
                } catch (RuntimeException bug) {
                    fail("seed " + seed + ", iteration " + iter + ", om=" + om + ", options=" + o + ", input:\n"
                            + new String(in, java.nio.charset.StandardCharsets.UTF_8), bug);
                }
            }
        }
    }

    private static byte[] mutate(byte[] src, Random r) {
        byte[] b = src.clone();
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                case 1 -> {
                    byte[] nb = new byte[b.length + 1];
                    System.arraycopy(b, 0, nb, 0, at);
                    nb[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                    System.arraycopy(b, at, nb, at + 1, b.length - at);
                    b = nb;
                }
                case 2 -> {
                    byte[] nb = new byte[b.length - 1];
                    System.arraycopy(b, 0, nb, 0, at);
                    System.arraycopy(b, at + 1, nb, at, b.length - at - 1);
                    b = nb;
                }
                default -> b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }
}
