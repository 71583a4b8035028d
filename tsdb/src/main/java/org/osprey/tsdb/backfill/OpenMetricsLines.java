package org.osprey.tsdb.backfill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osprey.model.labels.Labels;

/**
 * A minimal OpenMetrics 1.0 sample-line reader for backfill: skips comment lines (HELP, TYPE,
 * UNIT), stops at {@code # EOF}, drops exemplars, and requires a timestamp (seconds, may be
 * fractional) on every sample, as {@code promtool tsdb create-blocks-from openmetrics} does.
 * Not thread-safe; one pass per instance.
 */
final class OpenMetricsLines implements AutoCloseable {
    private final BufferedReader in;
    private int lineNo;
    private boolean sawEof;
    private Labels labels;
    private long t;
    private double v;

    OpenMetricsLines(Path file) throws IOException {
        this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** Advances to the next sample; false at {@code # EOF} or end of input. */
    boolean next() {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#")) {
                    if (line.equals("# EOF")) {
                        sawEof = true;
                        return false;
                    }
                    continue;
                }
                if (line.isEmpty()) {
                    throw error("empty line");
                }
                parse(line);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean sawEof() {
        return sawEof;
    }

    Labels labels() {
        return labels;
    }

    long timestampMillis() {
        return t;
    }

    double value() {
        return v;
    }

    int lineNumber() {
        return lineNo;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("line " + lineNo + ": " + what);
    }

    private void parse(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        if (i == 0) {
            throw error("missing metric name");
        }
        Labels.Builder b = Labels.builder().set(Labels.METRIC_NAME, line.substring(0, i));
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (i < n && line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0 || eq + 1 >= n || line.charAt(eq + 1) != '"') {
                    throw error("malformed label");
                }
                String name = line.substring(i, eq).trim();
                StringBuilder val = new StringBuilder();
                int j = eq + 2;
                for (; j < n && line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\' && j + 1 < n) {
                        char e = line.charAt(++j);
                        val.append(e == 'n' ? '\n' : e);
                    } else {
                        val.append(c);
                    }
                }
                if (j >= n) {
                    throw error("unterminated label value");
                }
                b.set(name, val.toString());
                i = j + 1;
                if (i < n && line.charAt(i) == ',') {
                    i++;
                }
            }
            if (i >= n) {
                throw error("unterminated label set");
            }
            i++;
        }
        labels = b.build();
        String rest = line.substring(i).trim();
        int hash = rest.indexOf(" # ");
        if (hash >= 0) {
            rest = rest.substring(0, hash); // exemplar
        }
        String[] parts = rest.split(" +");
        if (parts.length < 2 || parts[0].isEmpty()) {
            throw error("expected timestamp for series " + labels + " (backfill needs one on every sample)");
        }
        v = parseValue(parts[0]);
        try {
            t = Math.round(Double.parseDouble(parts[1]) * 1000.0);
        } catch (NumberFormatException e) {
            throw error("invalid timestamp \"" + parts[1] + "\"");
        }
    }

    private double parseValue(String s) {
        return switch (s) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw error("invalid value \"" + s + "\"");
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
