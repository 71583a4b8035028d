package org.osprey.pushgateway.push;

import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.model.textparse.Entry;
import org.osprey.model.textparse.ExpositionParseException;
import org.osprey.model.textparse.PromTextParser;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/**
 * Decodes a push body in the Prometheus text format 0.0.4 into families, using the model
 * module's strict {@link PromTextParser} (the checks of Go's {@code expfmt.TextParser}: every
 * line ends with a line feed, one HELP and TYPE per family, no TYPE after samples) and folding
 * its samples into summaries and histograms with {@link FamilyAssembler}. Error messages take
 * upstream's form {@code text format parsing error in line N: ...}. Thread-safe: stateless.
 */
public final class TextPushParser {
    private TextPushParser() {
    }

    /** Parses a whole body; every line, including the last, must end with a line feed. */
    public static List<Family> parse(byte[] body) throws PushParseException {
        FamilyAssembler families = new FamilyAssembler();
        PromTextParser parser = new PromTextParser(body, 0, body.length, true);
        try {
            for (Entry e = parser.next(); e != Entry.EOF; e = parser.next()) {
                switch (e) {
                    case TYPE -> {
                        MetricType type = switch (parser.type()) {
                            case COUNTER -> MetricType.COUNTER;
                            case GAUGE -> MetricType.GAUGE;
                            case SUMMARY -> MetricType.SUMMARY;
                            case HISTOGRAM -> MetricType.HISTOGRAM;
                            case UNKNOWN -> MetricType.UNTYPED;
                            default -> throw new PushParseException("text format parsing error in line " + parser.lineNumber()
                                    + ": unknown metric type \"" + parser.type().textName() + "\"");
                        };
                        if (!families.declareType(parser.familyName(), type)) {
                            throw error(parser.lineNumber(), "second TYPE line for metric name \"" + parser.familyName() + "\", or TYPE reported after samples");
                        }
                    }
                    case HELP -> {
                        if (!families.declareHelp(parser.familyName(), parser.help())) {
                            throw error(parser.lineNumber(), "second HELP line for metric name \"" + parser.familyName() + "\"");
                        }
                    }
                    case SERIES -> {
                        Labels labels = parser.labels();
                        int n = labels.size() - (labels.has(Labels.METRIC_NAME) ? 1 : 0);
                        String[] names = new String[n];
                        String[] values = new String[n];
                        int k = 0;
                        for (int i = 0; i < labels.size(); i++) {
                            if (!labels.name(i).equals(Labels.METRIC_NAME)) {
                                names[k] = labels.name(i);
                                values[k++] = labels.value(i);
                            }
                        }
                        LabelPairs pairs = LabelPairs.ofSorted(names, values);
                        String name = parser.metricName();
                        if (!isValidMetricName(name)) {
                            throw error(parser.lineNumber(), "invalid metric name \"" + name + "\"");
                        }
                        for (String ln : names) {
                            if (!isValidLabelName(ln)) {
                                throw error(parser.lineNumber(), "invalid label name \"" + ln + "\" for metric \"" + name + "\"");
                            }
                        }
                        String problem = families.addSample(name, pairs, parser.value(),
                                parser.hasTimestamp() ? parser.timestampMillis() : Metric.NO_TIMESTAMP);
                        if (problem != null) {
                            throw error(parser.lineNumber(), problem);
                        }
                    }
                    default -> {
                        // free comments and anything else carry no metrics
                    }
                }
            }
        } catch (ExpositionParseException e) {
            throw new PushParseException("text format parsing error in " + e.getMessage());
        }
        return families.families();
    }

    /** Parses a Go-style float as a label value ({@code le}, {@code quantile}); unparsable text gives NaN. */
    static double parseFloat(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                char last = s.isEmpty() ? ' ' : Character.toLowerCase(s.charAt(s.length() - 1));
                if (last == 'd' || last == 'f' || s.chars().anyMatch(ch -> ch <= ' ')) {
                    return Double.NaN; // Java accepts type suffixes and trims control characters; Go does not
                }
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
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
