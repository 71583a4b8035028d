package org.osprey.pushgateway.push;

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
        rejectTrailingBlanks(body);
        try {
            return ModelFamilies.convert(TextFamilies.parse(TEXT_CONTENT_TYPE, body, 0, body.length));
        } catch (ExpositionParseException e) {
            throw new PushParseException("text format parsing error in " + e.getMessage());
        }
    }

    /**
     * Go's {@code expfmt.TextParser} (and so Pushgateway 1.x) rejects a blank after a sample's
     * value or timestamp and after a TYPE line's type, which the shared parser tolerates as
     * Prometheus's scrape parser does; this scan restores upstream's answer for pushes.
     */
    private static void rejectTrailingBlanks(byte[] body) throws PushParseException {
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
            if (first < end && (body[end - 1] == ' ' || body[end - 1] == '\t')) {
                if (body[first] != '#') {
                    throw new PushParseException("text format parsing error in line " + line
                            + ": expected integer as timestamp, got \"\" (blank after the sample)");
                }
                if (isTypeLine(body, first + 1, end)) {
                    throw new PushParseException("text format parsing error in line " + line
                            + ": unknown metric type (blank after the type)");
                }
            }
            start = end + 1;
        }
    }

    private static boolean isTypeLine(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return end - p > 5 && b[p] == 'T' && b[p + 1] == 'Y' && b[p + 2] == 'P' && b[p + 3] == 'E' && (b[p + 4] == ' ' || b[p + 4] == '\t');
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
