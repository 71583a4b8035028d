package org.osprey.pushgateway.push;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/**
 * Decodes a push body in the Prometheus text format 0.0.4 into families.
 *
 * <p>Stopgap: the shared streaming parser of {@code org.osprey.model.textparse} had no
 * implementation when this module was written, so this small line parser covers exactly what a
 * push needs (HELP, TYPE, samples with optional timestamps, summaries and histograms). Pushes
 * are small and rare compared to scrapes, so it favours clarity over zero allocation. Error
 * messages follow the Go parser's {@code text format parsing error in line N: ...}.
 * Thread-safe: stateless.
 */
public final class TextPushParser {
    private TextPushParser() {
    }

    /** Parses a whole body; every line, including the last, must end with a line feed. */
    public static List<Family> parse(byte[] body) throws PushParseException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new PushParseException("text format parsing error: invalid UTF-8 in body");
        }
        FamilyAssembler families = new FamilyAssembler();
        int lineNo = 0;
        int pos = 0;
        while (pos < text.length()) {
            lineNo++;
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                throw error(lineNo, "unexpected end of input stream");
            }
            String line = text.substring(pos, nl);
            pos = nl + 1;
            parseLine(line, lineNo, families);
        }
        return families.families();
    }

    private static void parseLine(String line, int lineNo, FamilyAssembler families) throws PushParseException {
        int i = skipBlanks(line, 0);
        if (i == line.length()) {
            return;
        }
        if (line.charAt(i) == '#') {
            parseComment(line, skipBlanks(line, i + 1), lineNo, families);
            return;
        }
        int nameEnd = i;
        while (nameEnd < line.length() && isMetricNameChar(line.charAt(nameEnd), nameEnd == i)) {
            nameEnd++;
        }
        if (nameEnd == i) {
            throw error(lineNo, "invalid metric name");
        }
        String name = line.substring(i, nameEnd);
        TreeMap<String, String> labels = new TreeMap<>();
        int p = skipBlanks(line, nameEnd);
        if (p < line.length() && line.charAt(p) == '{') {
            p = parseLabels(line, p + 1, name, labels, lineNo);
            p = skipBlanks(line, p);
        }
        int valueEnd = p;
        while (valueEnd < line.length() && line.charAt(valueEnd) != ' ' && line.charAt(valueEnd) != '\t') {
            valueEnd++;
        }
        String valueText = line.substring(p, valueEnd);
        if (valueText.isEmpty()) {
            throw error(lineNo, "expected float as value, got \"\"");
        }
        double value = parseFloat(valueText);
        if (Double.isNaN(value) && !isNaNText(valueText)) {
            throw error(lineNo, "expected float as value, got \"" + valueText + "\"");
        }
        long ts = Metric.NO_TIMESTAMP;
        int t = skipBlanks(line, valueEnd);
        if (t < line.length()) {
            int tsEnd = t;
            while (tsEnd < line.length() && line.charAt(tsEnd) != ' ' && line.charAt(tsEnd) != '\t') {
                tsEnd++;
            }
            String tsText = line.substring(t, tsEnd);
            try {
                ts = Long.parseLong(tsText);
            } catch (NumberFormatException e) {
                throw error(lineNo, "expected integer as timestamp, got \"" + tsText + "\"");
            }
            if (skipBlanks(line, tsEnd) != line.length()) {
                throw error(lineNo, "spurious string after timestamp: \"" + line.substring(tsEnd).trim() + "\"");
            }
        }
        String problem = families.addSample(name, labels, value, ts);
        if (problem != null) {
            throw error(lineNo, problem);
        }
    }

    private static void parseComment(String line, int i, int lineNo, FamilyAssembler families) throws PushParseException {
        int wordEnd = i;
        while (wordEnd < line.length() && line.charAt(wordEnd) != ' ' && line.charAt(wordEnd) != '\t') {
            wordEnd++;
        }
        String word = line.substring(i, wordEnd);
        if (!word.equals("HELP") && !word.equals("TYPE")) {
            return; // a free comment
        }
        int n = skipBlanks(line, wordEnd);
        int nameEnd = n;
        while (nameEnd < line.length() && line.charAt(nameEnd) != ' ' && line.charAt(nameEnd) != '\t') {
            nameEnd++;
        }
        String name = line.substring(n, nameEnd);
        if (!isValidMetricName(name)) {
            throw error(lineNo, "invalid metric name in comment");
        }
        int rest = nameEnd < line.length() ? nameEnd + 1 : nameEnd;
        if (word.equals("HELP")) {
            if (!families.declareHelp(name, unescapeHelp(line.substring(rest)))) {
                throw error(lineNo, "second HELP line for metric name \"" + name + "\"");
            }
        } else {
            String typeWord = line.substring(skipBlanks(line, rest)).trim();
            MetricType type = MetricType.fromText(typeWord.toLowerCase(java.util.Locale.ROOT));
            if (type == null) {
                throw error(lineNo, "unknown metric type \"" + typeWord + "\"");
            }
            if (!families.declareType(name, type)) {
                throw error(lineNo, "second TYPE line for metric name \"" + name + "\", or TYPE reported after samples");
            }
        }
    }

    /** Parses {@code name="value",...}} starting after the brace; returns the index after the closing brace. */
    private static int parseLabels(String line, int p, String metric, TreeMap<String, String> labels, int lineNo)
            throws PushParseException {
        while (true) {
            p = skipBlanks(line, p);
            if (p < line.length() && line.charAt(p) == '}') {
                return p + 1;
            }
            int nameEnd = p;
            while (nameEnd < line.length() && isLabelNameChar(line.charAt(nameEnd), nameEnd == p)) {
                nameEnd++;
            }
            if (nameEnd == p || nameEnd >= line.length()) {
                throw error(lineNo, "invalid label name for metric \"" + metric + "\"");
            }
            String labelName = line.substring(p, nameEnd);
            p = skipBlanks(line, nameEnd);
            if (p >= line.length() || line.charAt(p) != '=') {
                throw error(lineNo, "expected '=' after label name, found \"" + (p < line.length() ? line.charAt(p) : "") + "\"");
            }
            p = skipBlanks(line, p + 1);
            if (p >= line.length() || line.charAt(p) != '"') {
                throw error(lineNo, "expected '\"' at start of label value");
            }
            StringBuilder value = new StringBuilder();
            p++;
            boolean closed = false;
            while (p < line.length()) {
                char c = line.charAt(p++);
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && p < line.length()) {
                    char e = line.charAt(p++);
                    switch (e) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw error(lineNo, "invalid escape sequence '\\" + e + "'");
                    }
                } else {
                    value.append(c);
                }
            }
            if (!closed) {
                throw error(lineNo, "unexpected end of label value");
            }
            if (labels.put(labelName, value.toString()) != null) {
                throw error(lineNo, "duplicate label name \"" + labelName + "\" for metric \"" + metric + "\"");
            }
            p = skipBlanks(line, p);
            if (p < line.length() && line.charAt(p) == ',') {
                p++;
            } else if (p >= line.length() || line.charAt(p) != '}') {
                throw error(lineNo, "unexpected end of label set for metric \"" + metric + "\"");
            }
        }
    }

    private static String unescapeHelp(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                if (e == 'n') {
                    sb.append('\n');
                    i++;
                    continue;
                }
                if (e == '\\') {
                    sb.append('\\');
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Parses a Go-style float: also {@code Inf}, {@code +Inf}, {@code -Inf}, {@code NaN} in any case. Unparsable text gives NaN. */
    static double parseFloat(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        switch (l) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                // Java would accept a 'd'/'f' type suffix and trim control characters such as
                // '\r'; Go's ParseFloat accepts neither.
                char last = l.isEmpty() ? ' ' : l.charAt(l.length() - 1);
                if (last == 'd' || last == 'f' || l.chars().anyMatch(ch -> ch <= ' ')) {
                    return Double.NaN;
                }
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
    }

    private static boolean isNaNText(String s) {
        return s.equalsIgnoreCase("nan");
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isMetricNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
    }

    private static boolean isLabelNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
    }

    /** Legacy metric name rule {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, which Pushgateway 1.x enforces. */
    public static boolean isValidMetricName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isMetricNameChar(s.charAt(i), i == 0)) {
                return false;
            }
        }
        return true;
    }

    /** Legacy label name rule {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    public static boolean isValidLabelName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isLabelNameChar(s.charAt(i), i == 0)) {
                return false;
            }
        }
        return true;
    }

    private static PushParseException error(int line, String problem) {
        return new PushParseException("text format parsing error in line " + line + ": " + problem);
    }
}
