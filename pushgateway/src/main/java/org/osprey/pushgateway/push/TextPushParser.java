package org.osprey.pushgateway.push;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osprey.model.exposition.TextFamilies;
import org.osprey.model.textparse.ExpositionParseException;
import org.osprey.pushgateway.metrics.Family;

/**
 * Decodes a push body in the Prometheus text format 0.0.4 with the model module's strict parser
 * and family grouping ({@link TextFamilies}, the checks of Go's {@code expfmt.TextParser}: every
 * line ends with a line feed, one HELP and TYPE per family, no TYPE after samples). Error
 * messages take upstream's form {@code text format parsing error in line N: ...}. Also holds the
 * legacy name rules Pushgateway 1.x enforces. Thread-safe: stateless.
 */
public final class TextPushParser {
    private static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4";

    private TextPushParser() {
    }

    /** Parses a whole body; every line, including the last, must end with a line feed. */
    public static List<Family> parse(byte[] body) throws PushParseException {
        rejectWhatGoRejects(body);
        List<Family> families;
        try {
            families = ModelFamilies.convert(TextFamilies.parse(TEXT_CONTENT_TYPE, body, 0, body.length));
        } catch (ExpositionParseException e) {
            throw new PushParseException("text format parsing error in " + e.getMessage());
        }
        // The shared parser also reads text format 1.0's quoted UTF-8 names; Go's 0.0.4 parser in
        // Pushgateway 1.x does not, and rejects them before any group is touched.
        for (Family f : families) {
            if (!isValidMetricName(f.name())) {
                throw new PushParseException("text format parsing error: invalid metric name \"" + f.name() + "\"");
            }
            for (var m : f.metrics()) {
                for (int i = 0; i < m.labels().size(); i++) {
                    if (!isValidLabelName(m.labels().name(i))) {
                        throw new PushParseException("text format parsing error: invalid label name \"" + m.labels().name(i)
                                + "\" for metric \"" + f.name() + "\"");
                    }
                }
            }
        }
        return families;
    }

    /**
     * Line checks for what Go's {@code expfmt.TextParser} (and so Pushgateway 1.x) rejects but the
     * shared parser tolerates, as Prometheus's scrape parser does: a blank after a sample's value
     * or timestamp or after a TYPE line's type, a HELP escape other than {@code \\} and
     * {@code \n}, and a value with {@code p}, {@code P}, {@code _} or {@code x} (hex floats and
     * digit separators, which expfmt refuses before calling ParseFloat). Only line ends, HELP
     * text and the text after a label set are looked at; the shared parser does the rest.
     */
    private static void rejectWhatGoRejects(byte[] body) throws PushParseException {
        int line = 0;
        int start = 0;
        while (start < body.length) {
            line++;
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int first = start;
            while (first < end && (body[first] == ' ' || body[first] == '\t')) {
                first++;
            }
            if (first < end) {
                boolean trailingBlank = body[end - 1] == ' ' || body[end - 1] == '\t';
                if (body[first] != '#') {
                    if (trailingBlank) {
                        throw error(line, "expected integer as timestamp, got \"\" (blank after the sample)");
                    }
                    if (hasQuotedLabelName(body, first, end)) {
                        int n = first;
                        while (n < end && body[n] != '{') {
                            n++;
                        }
                        throw error(line, "invalid label name for metric \"" + new String(body, first, n - first, StandardCharsets.UTF_8) + "\"");
                    }
                    for (int i = afterLabelSet(body, first, end); i < end; i++) {
                        byte c = body[i];
                        if (c == 'p' || c == 'P' || c == '_' || c == 'x' || c == 'X') {
                            throw error(line, "expected float as value, got an unsupported character '" + (char) c + "'");
                        }
                    }
                } else if (isKeywordLine(body, first + 1, end, "TYPE")) {
                    if (trailingBlank) {
                        throw error(line, "unknown metric type (blank after the type)");
                    }
                } else if (isKeywordLine(body, first + 1, end, "HELP")) {
                    for (int i = first + 1; i < end - 1; i++) {
                        if (body[i] == '\\') {
                            if (body[i + 1] != '\\' && body[i + 1] != 'n') {
                                throw error(line, "invalid escape sequence '\\" + (char) body[i + 1] + "'");
                            }
                            i++;
                        }
                    }
                }
            }
            start = end + 1;
        }
    }

    /**
     * True when a label name inside the braces after a bare metric name is quoted (text format
     * 1.0's {@code {"e"="v"}}), which Go's 0.0.4 parser rejects even for a legacy name.
     */
    private static boolean hasQuotedLabelName(byte[] b, int p, int end) {
        if (p >= end || b[p] == '{') {
            return false; // a quoted metric name: rejected later as an invalid metric name
        }
        while (p < end && b[p] != '{' && b[p] != ' ' && b[p] != '\t') {
            p++;
        }
        if (p >= end || b[p] != '{') {
            return false;
        }
        boolean expectName = true;
        boolean quoted = false;
        for (p++; p < end; p++) {
            byte c = b[p];
            if (quoted) {
                if (c == '\\') {
                    p++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '}') {
                return false;
            } else if (c == '"') {
                if (expectName) {
                    return true;
                }
                quoted = true;
            } else if (c == ',') {
                expectName = true;
            } else if (c != ' ' && c != '\t') {
                expectName = false;
            }
        }
        return false;
    }

    /** The index just past a sample line's label set (quoted values may hold braces), or past its name when it has none. */
    private static int afterLabelSet(byte[] b, int p, int end) {
        while (p < end && b[p] != '{' && b[p] != ' ' && b[p] != '\t') {
            p++;
        }
        if (p >= end || b[p] != '{') {
            return p;
        }
        boolean quoted = false;
        for (p++; p < end; p++) {
            if (quoted) {
                if (b[p] == '\\') {
                    p++;
                } else if (b[p] == '"') {
                    quoted = false;
                }
            } else if (b[p] == '"') {
                quoted = true;
            } else if (b[p] == '}') {
                return p + 1;
            }
        }
        return end;
    }

    private static PushParseException error(int line, String problem) {
        return new PushParseException("text format parsing error in line " + line + ": " + problem);
    }

    private static boolean isKeywordLine(byte[] b, int p, int end, String keyword) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (end - p <= keyword.length() || (b[p + keyword.length()] != ' ' && b[p + keyword.length()] != '\t')) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            if (b[p + i] != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
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
}
