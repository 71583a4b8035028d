package org.osprey.promql.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.labels.MatchType;
import org.osprey.model.value.StaleNaN;
import org.osprey.promql.parser.PromqlParser;
import org.osprey.promql.parser.VectorSelector;
import org.osprey.tsdb.Appender;

/**
 * The series notation of PromQL test scripts and promtool's {@code input_series}:
 * {@code name{l="v"} 0+10x10 _ stale 5 _x3 -Inf}. Native histogram items {@code {{...}}} are
 * recognised and counted but not stored (float engine only). Thread-safe: stateless.
 */
public final class SeriesNotation {
    private static final String NUM = "(?:[+-]?(?:[iI][nN][fF]|[nN][aA][nN]|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?))";
    private static final Pattern ITEM = Pattern.compile(
            "(" + NUM + ")(?:([+-])(" + NUM.replace("[+-]?", "") + "))?(?:x([0-9]+))?");
    private static final Pattern GAPS = Pattern.compile("_(?:x([0-9]+))?");

    private SeriesNotation() {
    }

    /**
     * One parsed line: the labels and one slot per step ({@code present[i]} false for {@code _});
     * {@code histogramSlots} counts native-histogram items that were skipped.
     */
    public record Parsed(Labels labels, double[] values, boolean[] present, int histogramSlots) {
        public int size() {
            return values.length;
        }
    }

    /** Parses {@code <series> <values>}. */
    public static Parsed parseLine(String line) {
        String s = line.trim();
        int split = seriesEnd(s);
        Labels labels = parseSeries(s.substring(0, split));
        Values v = parseValues(s.substring(split).trim());
        return new Parsed(labels, Arrays.copyOf(v.values, v.n), Arrays.copyOf(v.present, v.n), v.histograms);
    }

    /** Where the series description ends: after the closing brace, or at the first blank. */
    static int seriesEnd(String s) {
        int brace = s.indexOf('{');
        int space = indexOfBlank(s, 0);
        if (brace >= 0 && (space < 0 || brace < space)) {
            boolean inQuote = false;
            char q = 0;
            for (int i = brace; i < s.length(); i++) {
                char c = s.charAt(i);
                if (inQuote) {
                    if (c == '\\') {
                        i++;
                    } else if (c == q) {
                        inQuote = false;
                    }
                } else if (c == '"' || c == '\'' || c == '`') {
                    inQuote = true;
                    q = c;
                } else if (c == '}') {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("unterminated label set in series: " + s);
        }
        return space < 0 ? s.length() : space;
    }

    private static int indexOfBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Parses {@code name{l="v"}} (only = pairs) into labels, using the PromQL selector grammar. */
    public static Labels parseSeries(String desc) {
        if (desc.replaceAll("\\s", "").equals("{}")) {
            return Labels.EMPTY;
        }
        VectorSelector vs = (VectorSelector) PromqlParser.parse(desc);
        Labels.Builder b = Labels.builder();
        for (LabelMatcher m : vs.matchers()) {
            if (m.type() != MatchType.EQUAL) {
                throw new IllegalArgumentException("only = matchers allowed in a series description: " + desc);
            }
            b.set(m.name(), m.value());
        }
        return b.build();
    }

    private static final class Values {
        double[] values = new double[16];
        boolean[] present = new boolean[16];
        int n;
        int histograms;

        void add(double v, boolean p) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
                present = Arrays.copyOf(present, n * 2);
            }
            values[n] = v;
            present[n++] = p;
        }
    }

    private static Values parseValues(String text) {
        Values out = new Values();
        List<String> items = tokens(text);
        for (String item : items) {
            if (item.startsWith("{{")) {
                int reps = 1;
                Matcher m = Pattern.compile("x([0-9]+)$").matcher(item);
                if (item.endsWith("}}")) {
                    reps = 1;
                } else if (m.find()) {
                    reps = Integer.parseInt(m.group(1)) + 1;
                }
                for (int i = 0; i < reps; i++) {
                    out.add(Double.NaN, false);
                    out.histograms++;
                }
                continue;
            }
            if (item.equalsIgnoreCase("stale")) {
                out.add(StaleNaN.VALUE, true);
                continue;
            }
            Matcher g = GAPS.matcher(item);
            if (g.matches()) {
                int reps = g.group(1) == null ? 1 : Integer.parseInt(g.group(1));
                for (int i = 0; i < reps; i++) {
                    out.add(Double.NaN, false);
                }
                continue;
            }
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("invalid value in series notation: \"" + item + "\"");
            }
            double a = number(m.group(1));
            if (m.group(4) == null) {
                out.add(a, true);
                continue;
            }
            int times = Integer.parseInt(m.group(4));
            double b = m.group(3) == null ? 0 : number(m.group(3));
            if ("-".equals(m.group(2))) {
                b = -b;
            }
            double x = a;
            out.add(x, true);
            for (int i = 0; i < times; i++) {
                x += b;
                out.add(x, true);
            }
        }
        return out;
    }

    /** Splits on blanks, keeping {{ ... }} (with a possible +{{..}}xN tail) as one item. */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                if (text.startsWith("{{", i)) {
                    int close = text.indexOf("}}", i);
                    i = close < 0 ? text.length() : close + 2;
                } else {
                    i++;
                }
            }
            out.add(text.substring(start, i));
        }
        return out;
    }

    private static double number(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /**
     * Appends a parsed line: slot i at {@code start + i * step} ms. Does not commit.
     *
     * @return number of float samples appended
     */
    public static int append(Appender app, Parsed p, long start, long step) {
        int added = 0;
        long ref = 0;
        for (int i = 0; i < p.size(); i++) {
            if (!p.present()[i]) {
                continue;
            }
            ref = app.append(ref, p.labels(), start + i * step, p.values()[i]);
            added++;
        }
        return added;
    }
}
