package org.osprey.model.textparse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.osprey.model.metadata.MetricType;

/**
 * Parser for the Prometheus text exposition format 0.0.4 (and the quoted UTF-8 names of 1.0.0).
 *
 * <p>Syntax follows Prometheus: blanks (space, tab) may surround names, braces, {@code =} and
 * commas; a trailing comma in a label set is allowed; values are Go floats; the optional
 * timestamp is integer milliseconds; every line, the last included, ends with a line feed.
 * Label values escape only {@code \\}, {@code \"} and {@code \n}.
 *
 * <p>In strict mode (the default) it also applies the checks of the reference client parser
 * ({@code expfmt.TextParser}): one HELP and one TYPE per family, no TYPE after the family's
 * samples, no {@code __name__} label inside braces, numeric {@code quantile} and {@code le}.
 *
 * <p>Thread-safety: not thread-safe; one instance per body.
 */
public final class PromTextParser extends BaseTextParser {
    private final boolean strict;
    // strict-mode family bookkeeping; Strings are built once per family, not per sample
    private final Map<String, MetricType> declaredTypes = new HashMap<>();
    private final Set<String> helped = new HashSet<>();
    private final Set<String> familiesWithSamples = new HashSet<>();
    private int prevNameStart = -1;
    private int prevNameEnd = -1;
    private MetricType prevType = MetricType.UNKNOWN;
    private String prevFamily;
    private int prevSuffix;

    private static final int SUFFIX_NONE = 0;
    private static final int SUFFIX_BUCKET = 1;
    private static final int SUFFIX_SUM = 2;
    private static final int SUFFIX_COUNT = 3;

    public PromTextParser(byte[] buf, int off, int len, boolean strict) {
        super(buf, off, len);
        this.strict = strict;
        this.normalizeBounds = !strict;
    }

    public PromTextParser(byte[] buf, int off, int len) {
        this(buf, off, len, true);
    }

    @Override
    public Entry next() {
        while (true) {
            if (pos >= end) {
                entry = Entry.EOF;
                return Entry.EOF;
            }
            line = nextLine++;
            int p = skipBlanks(pos);
            if (p >= end) {
                // trailing blanks without a line feed: nothing more to read
                pos = end;
                continue;
            }
            byte c = buf[p];
            if (c == '\n') {
                pos = p + 1;
                continue;
            }
            entry = null;
            if (c == '#') {
                Entry e = comment(p + 1);
                entry = e;
                return e;
            }
            sample(p);
            entry = Entry.SERIES;
            return Entry.SERIES;
        }
    }

    private int skipBlanks(int p) {
        while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
            p++;
        }
        return p;
    }

    private int tokenEnd(int p) {
        while (p < end && buf[p] != ' ' && buf[p] != '\t' && buf[p] != '\n') {
            p++;
        }
        return p;
    }

    private int lineEnd(int p) {
        while (p < end && buf[p] != '\n') {
            p++;
        }
        if (p >= end && strict) {
            throw error("unexpected end of input: every line, the last included, must end with a line feed");
        }
        return p; // scrape mode: Prometheus reads a missing final line feed as present
    }

    private Entry comment(int p) {
        int textStart = p;
        p = skipBlanks(p);
        int wordEnd = tokenEnd(p);
        boolean isHelp = BytesText.equalsAscii(buf, p, wordEnd, "HELP");
        boolean isType = BytesText.equalsAscii(buf, p, wordEnd, "TYPE");
        if (!isHelp && !isType) {
            int le = lineEnd(wordEnd);
            comment = new String(buf, textStart, le - textStart, java.nio.charset.StandardCharsets.UTF_8);
            pos = le + 1;
            return Entry.COMMENT;
        }
        p = skipBlanks(wordEnd);
        if (p < end && buf[p] == '\n') {
            // "# HELP" with no name is an ordinary comment, as in the reference parser
            comment = new String(buf, textStart, p - textStart, java.nio.charset.StandardCharsets.UTF_8);
            pos = p + 1;
            return Entry.COMMENT;
        }
        int ns;
        int ne;
        boolean esc = false;
        if (p < end && buf[p] == '"') {
            ns = p + 1;
            ne = quoted(ns, strict);
            esc = quotedHadEscape;
            p = ne + 1;
        } else {
            ns = p;
            if (p >= end || !BytesText.isMetricNameStart(buf[p])) {
                throw error("invalid metric name in comment: " + BytesText.quote(buf, p, tokenEnd(p)));
            }
            while (p < end && BytesText.isMetricNameChar(buf[p])) {
                p++;
            }
            ne = p;
        }
        if (p < end && buf[p] != ' ' && buf[p] != '\t' && buf[p] != '\n') {
            throw error("invalid metric name in comment: " + BytesText.quote(buf, ns, tokenEnd(ns)));
        }
        metaName(ns, ne, esc);
        p = skipBlanks(p);
        if (isHelp) {
            int le = lineEnd(p);
            if (strict) {
                checkHelpEscapes(p, le);
            }
            helpSpan(p, le);
            pos = le + 1;
            if (strict && le > p && !helped.add(metaFamilyName())) {
                throw error("second HELP line for metric name \"" + metaFamilyName() + "\"");
            }
            return Entry.HELP;
        }
        int te = tokenEnd(p);
        if (te == p && strict && p < end) {
            // "# TYPE name" with no type: the reference parser passes over it, as over a comment
            comment = new String(buf, textStart, p - textStart, java.nio.charset.StandardCharsets.UTF_8);
            pos = p + 1;
            return Entry.COMMENT;
        }
        if (te == p) {
            throw error("expected text in TYPE");
        }
        MetricType t = typeOf(p, te);
        if (t == null) {
            throw error("invalid metric type " + BytesText.quote(buf, p, te));
        }
        int after = skipBlanks(te);
        if (after < end ? buf[after] != '\n' : strict) {
            lineEnd(after);
            throw error("unexpected text after metric type: " + BytesText.quote(buf, after, lineEnd(after)));
        }
        pos = after + 1;
        metaType = t;
        if (strict) {
            String name = metaFamilyName();
            if (declaredTypes.containsKey(name) || familiesWithSamples.contains(name)) {
                throw error("second TYPE line for metric name \"" + name + "\", or TYPE reported after samples");
            }
            declaredTypes.put(name, t);
            prevNameStart = -1; // a new TYPE may change how the previous sample name resolves
        } else {
            typeStart = ns;
            typeEnd = ne;
            typeEscaped = esc;
            lastType = t;
        }
        return Entry.TYPE;
    }

    private MetricType typeOf(int s, int e) {
        if (BytesText.equalsAscii(buf, s, e, "counter")) {
            return MetricType.COUNTER;
        } else if (BytesText.equalsAscii(buf, s, e, "gauge")) {
            return MetricType.GAUGE;
        } else if (BytesText.equalsAscii(buf, s, e, "histogram")) {
            return MetricType.HISTOGRAM;
        } else if (BytesText.equalsAscii(buf, s, e, "summary")) {
            return MetricType.SUMMARY;
        } else if (BytesText.equalsAscii(buf, s, e, "untyped")) {
            return MetricType.UNKNOWN;
        }
        return null;
    }

    // scrape mode: the family of the last TYPE line, compared by bytes so samples allocate nothing
    private int typeStart = -1;
    private int typeEnd;
    private boolean typeEscaped;
    private MetricType lastType = MetricType.UNKNOWN;

    /** The reference parser accepts only \\, \n and \" in HELP text. */
    private void checkHelpEscapes(int s, int e) {
        for (int i = s; i < e; i++) {
            if (buf[i] == '\\') {
                byte d = i + 1 < e ? buf[i + 1] : (byte) '\n';
                if (d != '\\' && d != 'n' && d != '"') {
                    throw error("invalid escape sequence " + BytesText.quote(buf, i, Math.min(e, i + 2)) + " in HELP text");
                }
                i++;
            }
        }
    }

    /**
     * HELP text: {@code \\} and {@code \n} are unescaped as Prometheus's scrape parser does;
     * strict mode also unescapes {@code \"} as the reference client parser does. Other
     * backslashes stay as written.
     */
    @Override
    String decodeHelp(int s, int e) {
        boolean any = false;
        for (int i = s; i < e; i++) {
            if (buf[i] == '\\') {
                any = true;
                break;
            }
        }
        if (!any) {
            return new String(buf, s, e - s, java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] out = new byte[e - s];
        int n = 0;
        for (int i = s; i < e; i++) {
            byte c = buf[i];
            if (c == '\\' && i + 1 < e && (buf[i + 1] == '\\' || buf[i + 1] == 'n' || (strict && buf[i + 1] == '"'))) {
                out[n++] = buf[i + 1] == 'n' ? (byte) '\n' : buf[i + 1];
                i++;
            } else {
                out[n++] = c;
            }
        }
        return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean quotedHadEscape;

    /**
     * Scans a quoted string whose first content byte is at p; returns the offset of the closing
     * quote and sets {@link #quotedHadEscape}. With {@code textEscapes} (strict mode) only
     * {@code \\}, {@code \"} and {@code \n} are allowed; scrape mode keeps other pairs as
     * written, as Prometheus does.
     */
    private int quoted(int p, boolean textEscapes) {
        boolean esc = false;
        while (p < end) {
            byte c = buf[p];
            if (c == '"') {
                quotedHadEscape = esc;
                return p;
            }
            if (c == '\n') {
                throw error("label value contains a raw line break; write it as \\n");
            }
            if (c == '\\') {
                if (p + 1 >= end) {
                    break;
                }
                byte d = buf[p + 1];
                if (textEscapes && d != '\\' && d != '"' && d != 'n') {
                    throw error("invalid escape sequence " + BytesText.quote(buf, p, p + 2) + " in label value");
                }
                esc = true;
                p += 2;
                continue;
            }
            if (c < 0) {
                int n = BytesText.utf8SequenceLength(buf, p, end);
                if (n < 0) {
                    throw error("invalid UTF-8 in quoted string");
                }
                p += n;
                continue;
            }
            p++;
        }
        throw error("unexpected end of input inside a quoted string");
    }

    private void sample(int p) {
        seriesStart = p;
        labelSpans.clear();
        hasExemplar = false;
        nameStart = -1;
        nameEnd = -1;
        nameEscaped = false;
        byte c = buf[p];
        if (BytesText.isMetricNameStart(c)) {
            nameStart = p;
            while (p < end && BytesText.isMetricNameChar(buf[p])) {
                p++;
            }
            nameEnd = p;
            seriesEnd = p;
            p = skipBlanks(p);
        } else if (c != '{') {
            throw error("invalid metric name: line starts with " + BytesText.quote(buf, p, tokenEnd(p)));
        }
        if (p < end && buf[p] == '{') {
            p = labels(p + 1);
            seriesEnd = p;
            p = skipBlanks(p);
        } else if (p == nameEnd) {
            throw error("expected value after metric, got " + BytesText.quote(buf, p, tokenEnd(p)));
        }
        if (nameStart < 0) {
            throw error("metric name missing before the label set");
        }
        int ve = tokenEnd(p);
        if (p >= end || p == ve) {
            throw error("expected value after metric, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
        }
        if (!strict) {
            // Prometheus keeps to pre-Go-1.13 float syntax when scraping: no hex floats, no '_'
            for (int i = p; i < ve; i++) {
                if (buf[i] == 'p' || buf[i] == 'P' || buf[i] == '_') {
                    throw error("unsupported character in float " + BytesText.quote(buf, p, ve));
                }
            }
        }
        try {
            value = NumberSyntax.parseGoFloat(buf, p, ve);
        } catch (NumberFormatException e) {
            throw error("invalid value " + BytesText.quote(buf, p, ve) + ": " + e.getMessage());
        }
        p = skipBlanks(ve);
        hasTimestamp = false;
        if (p < end && buf[p] != '\n') {
            int te = tokenEnd(p);
            try {
                timestampMillis = NumberSyntax.parseLong(buf, p, te);
            } catch (NumberFormatException e) {
                throw error("invalid timestamp " + BytesText.quote(buf, p, te) + ": expected integer milliseconds");
            }
            hasTimestamp = true;
            p = skipBlanks(te);
            if (p < end && buf[p] != '\n') {
                throw error("expected end of line after timestamp, got " + BytesText.quote(buf, p, tokenEnd(p)));
            }
        }
        if (p >= end && strict) {
            throw error("unexpected end of input: every line, the last included, must end with a line feed");
        }
        pos = p + 1;
        resolveFamily();
    }

    /** Parses a label set whose first byte after '{' is at p; returns the offset after '}'. */
    private int labels(int p) {
        while (true) {
            p = skipBlanks(p);
            if (p >= end) {
                throw error("unexpected end of input in label set");
            }
            byte c = buf[p];
            if (c == '}') {
                return p + 1;
            }
            int ns;
            int ne;
            boolean nEsc = false;
            boolean quotedName = false;
            if (BytesText.isNameStart(c)) {
                ns = p;
                while (p < end && BytesText.isNameChar(buf[p])) {
                    p++;
                }
                ne = p;
            } else if (c == '"') {
                ns = p + 1;
                ne = quoted(ns, strict);
                nEsc = quotedHadEscape;
                p = ne + 1;
                quotedName = true;
            } else {
                throw error("invalid label name " + BytesText.quote(buf, p, p + 1));
            }
            p = skipBlanks(p);
            if (quotedName && p < end && (buf[p] == ',' || buf[p] == '}')) {
                // a quoted string alone in the braces is the metric name (text format 1.0.0)
                if (nameStart >= 0) {
                    throw error("metric name given twice");
                }
                nameStart = ns;
                nameEnd = ne;
                nameEscaped = nEsc;
            } else {
                if (p >= end || buf[p] != '=') {
                    throw error("expected \"=\" after label name, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
                }
                p = skipBlanks(p + 1);
                if (p >= end || buf[p] != '"') {
                    throw error("expected quoted label value, got " + (p >= end ? "end of input" : BytesText.quote(buf, p, p + 1)));
                }
                int vs = p + 1;
                int ve = quoted(vs, strict);
                labelSpans.add(ns, ne, nEsc, vs, ve, quotedHadEscape);
                int i = labelSpans.count - 1;
                if (labelSpans.duplicateOf(buf, i) >= 0) {
                    throw error("duplicate label name " + BytesText.quote(buf, ns, ne));
                }
                if (strict && !nEsc && BytesText.equalsAscii(buf, ns, ne, "__name__")) {
                    throw error("label name \"__name__\" is reserved");
                }
                p = skipBlanks(ve + 1);
            }
            if (p >= end) {
                throw error("unexpected end of input in label set");
            }
            if (buf[p] == ',') {
                p++;
            } else if (buf[p] != '}') {
                throw error("unexpected " + BytesText.quote(buf, p, p + 1) + " after label value, expected \",\" or \"}\"");
            }
        }
    }

    /** Works out the family type of the current sample and applies the strict checks. */
    private void resolveFamily() {
        if (!strict) {
            seriesType = typeFromLastTypeLine();
            return;
        }
        int len = nameEnd - nameStart;
        if (prevNameStart >= 0 && prevNameEnd - prevNameStart == len
                && java.util.Arrays.equals(buf, prevNameStart, prevNameEnd, buf, nameStart, nameEnd)) {
            seriesType = prevType;
        } else {
            String name = BytesText.decode(buf, nameStart, nameEnd, nameEscaped);
            String family = name;
            MetricType t = declaredTypes.get(name);
            int suffix = SUFFIX_NONE;
            if (t == null) {
                t = MetricType.UNKNOWN;
                if (name.endsWith("_bucket")) {
                    family = name.substring(0, name.length() - 7);
                    MetricType ft = declaredTypes.get(family);
                    if (ft == MetricType.HISTOGRAM) {
                        t = ft;
                        suffix = SUFFIX_BUCKET;
                    } else {
                        family = name;
                    }
                } else if (name.endsWith("_sum") || name.endsWith("_count")) {
                    family = name.substring(0, name.lastIndexOf('_'));
                    MetricType ft = declaredTypes.get(family);
                    if (ft == MetricType.HISTOGRAM || ft == MetricType.SUMMARY) {
                        t = ft;
                        suffix = name.endsWith("_sum") ? SUFFIX_SUM : SUFFIX_COUNT;
                    } else {
                        family = name;
                    }
                }
            }
            if (strict) {
                familiesWithSamples.add(family);
            }
            prevNameStart = nameStart;
            prevNameEnd = nameEnd;
            prevType = t;
            prevFamily = family;
            prevSuffix = suffix;
            seriesType = t;
        }
        if (strict) {
            if (seriesType == MetricType.SUMMARY && prevSuffix == SUFFIX_NONE) {
                requireFloatLabel("quantile");
            } else if (seriesType == MetricType.HISTOGRAM && prevSuffix == SUFFIX_BUCKET) {
                requireFloatLabel("le");
            }
        }
    }

    /**
     * Scrape mode, as Prometheus: a sample has the type of the last TYPE line when it is that
     * family's name or, for histograms and summaries, the name plus one of their suffixes.
     */
    private MetricType typeFromLastTypeLine() {
        if (typeStart < 0 || typeEscaped || nameEscaped) {
            return typeStart >= 0 && BytesText.decode(buf, typeStart, typeEnd, typeEscaped)
                    .equals(BytesText.decode(buf, nameStart, nameEnd, nameEscaped)) ? lastType : MetricType.UNKNOWN;
        }
        int tl = typeEnd - typeStart;
        if (nameEnd - nameStart < tl || !java.util.Arrays.equals(buf, typeStart, typeEnd, buf, nameStart, nameStart + tl)) {
            return MetricType.UNKNOWN;
        }
        int ss = nameStart + tl;
        if (ss == nameEnd) {
            return lastType;
        }
        boolean sumOrCount = BytesText.equalsAscii(buf, ss, nameEnd, "_sum") || BytesText.equalsAscii(buf, ss, nameEnd, "_count");
        if (lastType == MetricType.SUMMARY && sumOrCount) {
            return lastType;
        }
        if (lastType == MetricType.HISTOGRAM && (sumOrCount || BytesText.equalsAscii(buf, ss, nameEnd, "_bucket"))) {
            return lastType;
        }
        return MetricType.UNKNOWN;
    }

    private void requireFloatLabel(String name) {
        int i = labelSpans.indexOf(buf, name);
        if (i < 0) {
            throw error("metric \"" + prevFamily + "\" of type " + seriesType.textName() + " lacks the '" + name + "' label");
        }
        try {
            NumberSyntax.parseGoFloat(buf, labelSpans.valueStart[i], labelSpans.valueEnd[i]);
        } catch (NumberFormatException e) {
            throw error("expected float as value for '" + name + "' label, got "
                    + BytesText.quote(buf, labelSpans.valueStart[i], labelSpans.valueEnd[i]));
        }
    }
}
