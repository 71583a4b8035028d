package org.osprey.model.textparse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;

/**
 * Parser for the OpenMetrics 1.0.0 text format.
 *
 * <p>The syntax is strict in every mode: single spaces as separators, no blank lines, no free
 * comments, {@code # EOF} as the last line, OpenMetrics number and timestamp syntax (timestamps
 * in seconds, converted to milliseconds by truncation as Prometheus does), exemplars as
 * {@code  # {labels} value [timestamp]}.
 *
 * <p>In strict mode (the default) it also enforces the specification's semantic rules (see
 * {@link OpenMetricsRules}): metadata once per family and before its samples, sample names
 * allowed for the family type, contiguous families and label groups, non-decreasing
 * timestamps, counter-like values, histogram bucket consistency, info and stateset values,
 * exemplar placement and size. Lenient mode skips those, like Prometheus's scrape parser.
 *
 * <p>{@code _created} samples are returned as ordinary series unless created series are
 * skipped ({@code skipCreatedSeries}); {@link #createdTimestampMillis()} finds the matching
 * {@code _created} value for a counter, summary or histogram series either way.
 *
 * <p>Thread-safety: not thread-safe; one instance per body.
 */
public final class OpenMetricsParser extends BaseTextParser {
    private final boolean strict;
    private final boolean skipCreatedSeries;
    private final int start;
    private final OpenMetricsRules rules;
    private boolean eofSeen;
    /** Family of the current sample as far as syntax alone tells (lenient mode and _created lookup). */
    private int famStart = -1;
    private int famEnd = -1;

    public OpenMetricsParser(byte[] buf, int off, int len, boolean strict, boolean skipCreatedSeries) {
        super(buf, off, len);
        this.strict = strict;
        this.normalizeBounds = !strict;
        this.skipCreatedSeries = skipCreatedSeries;
        this.start = off;
        this.rules = strict ? new OpenMetricsRules(this) : null;
    }

    public OpenMetricsParser(byte[] buf, int off, int len) {
        this(buf, off, len, true, false);
    }

    @Override
    public Entry next() {
        while (true) {
            Entry e = readLine();
            if (e == Entry.SERIES && skipCreatedSeries && isCreatedOfCurrentFamily()) {
                continue;
            }
            entry = e;
            return e;
        }
    }

    private Entry readLine() {
        if (eofSeen) {
            return Entry.EOF;
        }
        line = nextLine++;
        if (pos >= end) {
            throw error("data does not end with # EOF");
        }
        byte c = buf[pos];
        if (c == '#') {
            return metadata(pos);
        }
        if (c == '\n') {
            throw error("blank lines are not allowed in OpenMetrics");
        }
        sample(pos);
        if (rules != null) {
            rules.onSample();
        }
        return Entry.SERIES;
    }

    private int lineEnd(int p) {
        while (p < end && buf[p] != '\n') {
            p++;
        }
        if (p >= end) {
            throw error("line does not end with a line feed");
        }
        return p;
    }

    private Entry metadata(int p) {
        if (p + 5 <= end && BytesText.equalsAscii(buf, p, p + 5, "# EOF")) {
            int q = p + 5;
            if (q == end || (buf[q] == '\n' && q + 1 == end)) {
                eofSeen = true;
                pos = end;
                if (rules != null) {
                    rules.onEnd();
                }
                return Entry.EOF;
            }
            if (buf[q] == '\n') {
                throw error("unexpected data after # EOF");
            }
        }
        if (p + 7 > end || buf[p + 1] != ' ' || buf[p + 6] != ' ') {
            throw error("invalid comment line " + BytesText.quote(buf, p, Math.min(end, p + 40))
                    + ": OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF");
        }
        Entry kind;
        if (BytesText.equalsAscii(buf, p + 2, p + 6, "HELP")) {
            kind = Entry.HELP;
        } else if (BytesText.equalsAscii(buf, p + 2, p + 6, "TYPE")) {
            kind = Entry.TYPE;
        } else if (BytesText.equalsAscii(buf, p + 2, p + 6, "UNIT")) {
            kind = Entry.UNIT;
        } else {
            throw error("invalid comment line " + BytesText.quote(buf, p, Math.min(end, p + 40))
                    + ": OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF");
        }
        int ns = p + 7;
        int q = ns;
        int ne;
        boolean quotedName = false;
        if (q < end && buf[q] == '"') {
            // Prometheus 3 extension for UTF-8 names (negotiated with escaping=allow-utf-8)
            ns = q + 1;
            ne = quotedString(ns, "metric name");
            quotedName = true;
            q = ne + 1;
        } else {
            if (q >= end || !BytesText.isMetricNameStart(buf[q])) {
                throw error("expected metric name after # " + kind + ", got " + BytesText.quote(buf, q, Math.min(end, q + 1)));
            }
            while (q < end && BytesText.isMetricNameChar(buf[q])) {
                q++;
            }
            ne = q;
        }
        if (q >= end || buf[q] != ' ') {
            throw error("expected a space and text after the metric name in # " + kind + ", got "
                    + (q >= end ? "end of input" : BytesText.quote(buf, q, q + 1)));
        }
        int ts = q + 1;
        int te = lineEnd(ts);
        pos = te + 1;
        metaName(ns, ne, quotedName && quotedHadEscape);
        switch (kind) {
            case HELP -> helpSpan(ts, te);
            case UNIT -> {
                unit = new String(buf, ts, te - ts, StandardCharsets.UTF_8);
                // Prometheus's scrape parser checks this much; strict mode checks "_" + unit later
                int ul = te - ts;
                if (rules == null && ul > 0 && (ne - ns < ul || !Arrays.equals(buf, ne - ul, ne, buf, ts, te))) {
                    throw error("unit " + BytesText.quote(buf, ts, te) + " not a suffix of metric " + BytesText.quote(buf, ns, ne));
                }
            }
            default -> {
                MetricType t = typeOf(ts, te);
                if (t == null) {
                    throw error("invalid metric type " + BytesText.quote(buf, ts, te));
                }
                metaType = t;
            }
        }
        if (rules != null) {
            rules.onMetadata(kind, ns, ne);
        } else if (kind == Entry.TYPE) {
            lenientFamily(ns, ne, metaType);
        }
        return kind;
    }

    @Override
    String decodeHelp(int s, int e) {
        return BytesText.decode(buf, s, e, true);
    }

    private static final MetricType[] TYPES = MetricType.values();

    private MetricType typeOf(int s, int e) {
        for (MetricType t : TYPES) {
            if (BytesText.equalsAscii(buf, s, e, t.openMetricsName())) {
                return t;
            }
        }
        return null;
    }

    // ---- lenient family tracking: remember the last TYPE so series know their type ----
    private MetricType lenientType = MetricType.UNKNOWN;

    private void lenientFamily(int ns, int ne, MetricType t) {
        famStart = ns;
        famEnd = ne;
        lenientType = t;
    }

    private void sample(int p) {
        seriesStart = p;
        labelSpans.clear();
        nameStart = -1;
        nameEnd = -1;
        nameEscaped = false;
        if (buf[p] != '{') {
            if (!BytesText.isMetricNameStart(buf[p])) {
                throw error("invalid metric name: line starts with " + BytesText.quote(buf, p, Math.min(end, p + 1)));
            }
            nameStart = p;
            while (p < end && BytesText.isMetricNameChar(buf[p])) {
                p++;
            }
            nameEnd = p;
        }
        if (p < end && buf[p] == '{') {
            p = labels(p + 1, labelSpans, true);
        }
        if (nameStart < 0) {
            throw error("metric name missing before the label set");
        }
        seriesEnd = p;
        if (p >= end || buf[p] != ' ') {
            throw error("expected a single space and the value after metric, got "
                    + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
        }
        p++;
        int ve = tokenEnd(p);
        if (ve == p) {
            throw error("expected value after metric, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
        }
        try {
            value = NumberSyntax.parseOpenMetricsNumber(buf, p, ve);
        } catch (NumberFormatException e) {
            throw error("invalid value " + BytesText.quote(buf, p, ve) + ": " + e.getMessage());
        }
        p = ve;
        hasTimestamp = false;
        hasExemplar = false;
        if (p < end && buf[p] == ' ') {
            p++;
            if (p < end && buf[p] == '#') {
                p = exemplar(p);
            } else {
                int te = tokenEnd(p);
                timestampMillis = secondsToMillis(timestamp(p, te));
                hasTimestamp = true;
                p = te;
                if (p < end && buf[p] == ' ') {
                    p = exemplar(p + 1);
                }
            }
        }
        if (p >= end || buf[p] != '\n') {
            throw error("expected line feed after sample, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, Math.min(end, p + 10))));
        }
        pos = p + 1;
        if (rules == null) {
            seriesType = lenientTypeOf();
        }
    }

    private int tokenEnd(int p) {
        while (p < end && buf[p] != ' ' && buf[p] != '\n') {
            p++;
        }
        return p;
    }

    /** Last parsed timestamp in seconds, for the ordering rules. */
    double lastTimestampSeconds;

    private double timestamp(int s, int e) {
        if (s == e) {
            throw error("expected timestamp after value, got " + (s >= end ? "end of input" : BytesText.quote(buf, s, s + 1)));
        }
        double t;
        try {
            t = NumberSyntax.parseDecimal(buf, s, e);
        } catch (NumberFormatException ex) {
            throw error("invalid timestamp " + BytesText.quote(buf, s, e));
        }
        if (Double.isInfinite(t)) {
            throw error("invalid timestamp " + BytesText.quote(buf, s, e));
        }
        lastTimestampSeconds = t;
        return t;
    }

    private int exemplar(int p) {
        if (p + 3 > end || buf[p] != '#' || buf[p + 1] != ' ' || buf[p + 2] != '{') {
            throw error("expected exemplar \" # {\" after sample, got " + BytesText.quote(buf, p, Math.min(end, p + 10)));
        }
        exemplarSpans.clear();
        p = labels(p + 3, exemplarSpans, false);
        if (strict) {
            // The specification's limit; a Prometheus scrape parses the exemplar and lets storage
            // refuse it instead of failing the whole scrape.
            int codePoints = 0;
            for (int i = 0; i < exemplarSpans.count; i++) {
                codePoints += codePoints(exemplarSpans.nameStart[i], exemplarSpans.nameEnd[i])
                        + unescapedCodePoints(exemplarSpans.valueStart[i], exemplarSpans.valueEnd[i]);
            }
            if (codePoints > 128) {
                throw error("exemplar labels have " + codePoints + " UTF-8 characters, more than 128");
            }
        }
        if (p >= end || buf[p] != ' ') {
            throw error("expected a space and the exemplar value, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
        }
        p++;
        int ve = tokenEnd(p);
        if (ve == p) {
            throw error("expected exemplar value");
        }
        try {
            exemplarValue = NumberSyntax.parseOpenMetricsNumber(buf, p, ve);
        } catch (NumberFormatException e) {
            throw error("invalid exemplar value " + BytesText.quote(buf, p, ve));
        }
        p = ve;
        exemplarHasTimestamp = false;
        if (p < end && buf[p] == ' ') {
            p++;
            int te = tokenEnd(p);
            double sampleTs = lastTimestampSeconds;
            exemplarTimestampMillis = secondsToMillis(timestamp(p, te));
            lastTimestampSeconds = sampleTs;
            exemplarHasTimestamp = true;
            p = te;
        }
        hasExemplar = true;
        return p;
    }

    private int codePoints(int s, int e) {
        int n = 0;
        for (int i = s; i < e; i++) {
            if ((buf[i] & 0xc0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    /** Code points of a label value after unescaping (each escape pair counts once). */
    private int unescapedCodePoints(int s, int e) {
        int n = 0;
        for (int i = s; i < e; i++) {
            if (buf[i] == '\\' && i + 1 < e && (buf[i + 1] == '\\' || buf[i + 1] == '"' || buf[i + 1] == 'n')) {
                i++;
            } else if ((buf[i] & 0xc0) == 0x80) {
                continue;
            }
            n++;
        }
        return n;
    }

    private boolean quotedHadEscape;

    /**
     * Scans a quoted string whose first content byte is at p; returns the offset of the closing
     * quote and sets {@link #quotedHadEscape}. Escapes are kept for decoding; a raw line feed or
     * malformed UTF-8 is an error.
     */
    private int quotedString(int p, String what) {
        boolean esc = false;
        while (true) {
            if (p >= end) {
                throw error("unexpected end of input inside a quoted " + what);
            }
            byte c = buf[p];
            if (c == '"') {
                quotedHadEscape = esc;
                return p;
            }
            if (c == '\n') {
                throw error(what + " contains a raw line break; write it as \\n");
            }
            if (c == '\\') {
                esc = true;
                p += 2;
                continue;
            }
            if (c < 0) {
                int n = BytesText.utf8SequenceLength(buf, p, end);
                if (n < 0) {
                    throw error("invalid UTF-8 in " + what);
                }
                p += n;
                continue;
            }
            p++;
        }
    }

    /**
     * Parses {@code name="value",...}} starting after '{'; returns the offset after '}'. Names
     * may be quoted (UTF-8 names); with {@code allowMetricName}, a quoted string standing alone
     * is the metric name.
     */
    private int labels(int p, LabelSpans spans, boolean allowMetricName) {
        if (p < end && buf[p] == '}') {
            return p + 1;
        }
        while (true) {
            int ns;
            int ne;
            boolean nEsc = false;
            if (p < end && buf[p] == '"') {
                ns = p + 1;
                ne = quotedString(ns, "label name");
                nEsc = quotedHadEscape;
                p = ne + 1;
                if (p < end && (buf[p] == ',' || buf[p] == '}')) {
                    if (!allowMetricName || nameStart >= 0) {
                        throw error("expected \"=\" after label name, got " + BytesText.quote(buf, p, p + 1));
                    }
                    nameStart = ns;
                    nameEnd = ne;
                    nameEscaped = nEsc;
                    if (buf[p] == '}') {
                        return p + 1;
                    }
                    p++;
                    continue;
                }
            } else {
                if (p >= end || !BytesText.isNameStart(buf[p])) {
                    throw error("invalid label name " + (p >= end ? "at end of input" : BytesText.quote(buf, p, p + 1)));
                }
                ns = p;
                while (p < end && BytesText.isNameChar(buf[p])) {
                    p++;
                }
                ne = p;
            }
            if (p >= end || buf[p] != '=') {
                throw error("expected \"=\" after label name, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
            }
            p++;
            if (p >= end || buf[p] != '"') {
                throw error("expected quoted label value, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
            }
            int vs = p + 1;
            p = quotedString(vs, "label value");
            spans.add(ns, ne, nEsc, vs, p, quotedHadEscape);
            if (spans.duplicateOf(buf, spans.count - 1) >= 0) {
                throw error("duplicate label name " + BytesText.quote(buf, ns, ne));
            }
            p++;
            if (p < end && buf[p] == '}') {
                return p + 1;
            }
            if (p >= end || buf[p] != ',') {
                throw error("expected \",\" or \"}\" after label value, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
            }
            p++;
        }
    }

    private MetricType lenientTypeOf() {
        if (famStart < 0 || nameEnd - nameStart < famEnd - famStart
                || !Arrays.equals(buf, famStart, famEnd, buf, nameStart, nameStart + (famEnd - famStart))) {
            famStart = -1;
            return MetricType.UNKNOWN;
        }
        return OpenMetricsRules.suffixAllowed(lenientType, buf, nameStart + (famEnd - famStart), nameEnd)
                ? lenientType : MetricType.UNKNOWN;
    }

    // ---- hooks for OpenMetricsRules ----

    int nameStartOffset() {
        return nameStart;
    }

    int nameEndOffset() {
        return nameEnd;
    }

    LabelSpans sampleLabels() {
        return labelSpans;
    }

    boolean sampleHasExemplar() {
        return hasExemplar;
    }

    double sampleValue() {
        return value;
    }

    boolean sampleHasTimestamp() {
        return hasTimestamp;
    }

    void setSeriesType(MetricType t) {
        seriesType = t;
    }

    void setFamily(int s, int e) {
        famStart = s;
        famEnd = e;
    }

    ExpositionParseException fail(String problem) {
        return error(problem);
    }

    byte[] bytes() {
        return buf;
    }

    // ---- created timestamps ----

    private boolean isCreatedOfCurrentFamily() {
        if (nameEnd - nameStart < 8 || !BytesText.equalsAscii(buf, nameEnd - 8, nameEnd, "_created")) {
            return false;
        }
        MetricType t = seriesType;
        return t == MetricType.COUNTER || t == MetricType.SUMMARY || t == MetricType.HISTOGRAM;
    }

    @Override
    public long createdTimestampMillis() {
        expect(Entry.SERIES);
        MetricType t = seriesType;
        if (famStart < 0 || (t != MetricType.COUNTER && t != MetricType.SUMMARY && t != MetricType.HISTOGRAM)) {
            return Long.MIN_VALUE;
        }
        Labels want = labels().without("le", "quantile", Labels.METRIC_NAME);
        int famLen = famEnd - famStart;
        // Scan ahead over the rest of this family with a lenient parser; nothing here moves us.
        OpenMetricsParser ahead = new OpenMetricsParser(buf, start, end - start, false, false);
        ahead.pos = seriesStart;
        ahead.nextLine = line;
        try {
            while ((ahead.entry = ahead.readLine()) == Entry.SERIES) {
                int an = ahead.nameEnd - ahead.nameStart;
                if (an < famLen || !Arrays.equals(buf, famStart, famEnd, buf, ahead.nameStart, ahead.nameStart + famLen)) {
                    break;
                }
                if (BytesText.equalsAscii(buf, ahead.nameStart + famLen, ahead.nameEnd, "_created")
                        && ahead.labels().withoutMetricName().equals(want)) {
                    return secondsToMillis(ahead.value);
                }
            }
        } catch (ExpositionParseException e) {
            // the error surfaces when the main parser reaches that line
        }
        return Long.MIN_VALUE;
    }
}
