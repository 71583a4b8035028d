package org.osprey.model.textparse;

import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;

/**
 * State and accessors shared by the two text parsers: the current entry's byte spans and parsed
 * numbers. Subclasses lex lines and fill these fields. Thread-safety: not thread-safe.
 */
abstract class BaseTextParser implements ExpositionParser {
    final byte[] buf;
    final int end;
    int pos;
    /** Line number of the line about to be read (1-based). */
    int nextLine = 1;
    /** Line number of the current entry. */
    int line;
    Entry entry;

    // current series
    int seriesStart;
    int seriesEnd;
    int nameStart;
    int nameEnd;
    boolean nameEscaped;
    final LabelSpans labelSpans = new LabelSpans();
    double value;
    boolean hasTimestamp;
    long timestampMillis;
    boolean hasExemplar;
    final LabelSpans exemplarSpans = new LabelSpans();
    double exemplarValue;
    boolean exemplarHasTimestamp;
    long exemplarTimestampMillis;
    MetricType seriesType = MetricType.UNKNOWN;

    // current metadata line; name and help are decoded only when asked for
    String familyName;
    int metaNameStart;
    int metaNameEnd;
    boolean metaNameEscaped;
    MetricType metaType;
    String help;
    int helpStart;
    int helpEnd;
    String unit;
    String comment;

    /** Records the family name span of a metadata line; the String is built on demand. */
    final void metaName(int s, int e, boolean escaped) {
        metaNameStart = s;
        metaNameEnd = e;
        metaNameEscaped = escaped;
        familyName = null;
    }

    /** The current metadata line's family name, built once. */
    final String metaFamilyName() {
        if (familyName == null) {
            familyName = BytesText.decode(buf, metaNameStart, metaNameEnd, metaNameEscaped);
        }
        return familyName;
    }

    /** Records the help text span; the String is built (and unescaped) on demand. */
    final void helpSpan(int s, int e) {
        helpStart = s;
        helpEnd = e;
        help = null;
    }

    /** Unescapes help text bytes per format. */
    abstract String decodeHelp(int s, int e);

    BaseTextParser(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", buffer " + buf.length);
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    final ExpositionParseException error(String problem) {
        return new ExpositionParseException(line, problem);
    }

    final void expect(Entry kind) {
        if (entry != kind) {
            throw new IllegalStateException("current entry is " + entry + ", not " + kind);
        }
    }

    @Override
    public int lineNumber() {
        return line;
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int seriesStart() {
        expect(Entry.SERIES);
        return seriesStart;
    }

    @Override
    public int seriesEnd() {
        expect(Entry.SERIES);
        return seriesEnd;
    }

    @Override
    public String metricName() {
        expect(Entry.SERIES);
        return BytesText.decode(buf, nameStart, nameEnd, nameEscaped);
    }

    /** Whether {@link #labels()} rewrites le/quantile values in OpenMetrics float form. */
    boolean normalizeBounds;

    @Override
    public Labels labels() {
        expect(Entry.SERIES);
        Labels.Builder b = Labels.builder();
        b.set(Labels.METRIC_NAME, BytesText.decode(buf, nameStart, nameEnd, nameEscaped));
        addAll(b, labelSpans);
        if (normalizeBounds && (seriesType == MetricType.HISTOGRAM || seriesType == MetricType.SUMMARY)) {
            normalizeBound(b, seriesType == MetricType.HISTOGRAM ? "le" : "quantile");
        }
        return b.build();
    }

    /**
     * Prometheus 3 rewrites the {@code le} of classic histogram buckets and the {@code quantile}
     * of summaries in OpenMetrics float form ({@code 1} becomes {@code 1.0}) so text, OpenMetrics
     * and protobuf scrapes of one target yield the same series.
     */
    private void normalizeBound(Labels.Builder b, String name) {
        int i = labelSpans.indexOf(buf, name);
        if (i < 0 || labelSpans.valueEscaped[i]) {
            return;
        }
        double d;
        try {
            d = NumberSyntax.parseGoFloat(buf, labelSpans.valueStart[i], labelSpans.valueEnd[i]);
        } catch (NumberFormatException e) {
            return; // not a number: left as written, as upstream does
        }
        StringBuilder sb = new StringBuilder(24);
        org.osprey.model.value.FloatFormat.appendOpenMetrics(sb, d);
        b.set(name, sb.toString());
    }

    final void addAll(Labels.Builder b, LabelSpans spans) {
        for (int i = 0; i < spans.count; i++) {
            b.set(BytesText.decode(buf, spans.nameStart[i], spans.nameEnd[i], spans.nameEscaped[i]),
                    BytesText.decode(buf, spans.valueStart[i], spans.valueEnd[i], spans.valueEscaped[i]));
        }
    }

    @Override
    public double value() {
        expect(Entry.SERIES);
        return value;
    }

    @Override
    public boolean hasTimestamp() {
        expect(Entry.SERIES);
        return hasTimestamp;
    }

    @Override
    public long timestampMillis() {
        expect(Entry.SERIES);
        if (!hasTimestamp) {
            throw new IllegalStateException("sample has no timestamp");
        }
        return timestampMillis;
    }

    @Override
    public boolean hasExemplar() {
        expect(Entry.SERIES);
        return hasExemplar;
    }

    @Override
    public Labels exemplarLabels() {
        requireExemplar();
        Labels.Builder b = Labels.builder();
        addAll(b, exemplarSpans);
        return b.build();
    }

    @Override
    public double exemplarValue() {
        requireExemplar();
        return exemplarValue;
    }

    @Override
    public boolean exemplarHasTimestamp() {
        requireExemplar();
        return exemplarHasTimestamp;
    }

    @Override
    public long exemplarTimestampMillis() {
        requireExemplar();
        if (!exemplarHasTimestamp) {
            throw new IllegalStateException("exemplar has no timestamp");
        }
        return exemplarTimestampMillis;
    }

    private void requireExemplar() {
        expect(Entry.SERIES);
        if (!hasExemplar) {
            throw new IllegalStateException("sample has no exemplar");
        }
    }

    @Override
    public long createdTimestampMillis() {
        expect(Entry.SERIES);
        return Long.MIN_VALUE;
    }

    @Override
    public String familyName() {
        if (entry != Entry.TYPE && entry != Entry.HELP && entry != Entry.UNIT) {
            throw new IllegalStateException("current entry is " + entry + ", not a metadata line");
        }
        return metaFamilyName();
    }

    @Override
    public MetricType type() {
        if (entry == Entry.SERIES) {
            return seriesType;
        }
        expect(Entry.TYPE);
        return metaType;
    }

    @Override
    public String help() {
        expect(Entry.HELP);
        if (help == null) {
            help = decodeHelp(helpStart, helpEnd);
        }
        return help;
    }

    @Override
    public String unit() {
        expect(Entry.UNIT);
        return unit;
    }

    @Override
    public String comment() {
        expect(Entry.COMMENT);
        return comment;
    }

    /** Seconds (as an OpenMetrics timestamp) to milliseconds, truncating as Prometheus does. */
    static long secondsToMillis(double seconds) {
        return (long) (seconds * 1000);
    }
}
