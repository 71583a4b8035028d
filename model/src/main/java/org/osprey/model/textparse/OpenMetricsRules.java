package org.osprey.model.textparse;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.osprey.model.metadata.MetricType;

/**
 * The semantic rules of the OpenMetrics 1.0 specification, checked line by line for a strict
 * {@link OpenMetricsParser}: family boundaries and name clashes, metadata placement, label
 * groups and timestamp order, value ranges per sample kind, histogram consistency, exemplar
 * placement. Label groups are remembered as 64-bit order-independent hashes of their label
 * pairs, so checking a sample allocates nothing. Thread-safety: not thread-safe; owned by one parser.
 */
final class OpenMetricsRules {
    private final OpenMetricsParser p;
    private final byte[] buf;

    // current family
    private String family;
    private byte[] familyBytes;
    private MetricType type; // null until a TYPE line
    private boolean hasHelp;
    private String unit; // null until a UNIT line
    private boolean hasSamples;
    private final Set<String> seenNames = new HashSet<>();

    // label groups of the current family
    private final LongSet seenGroups = new LongSet();
    private boolean haveGroup;
    private long groupHash;
    private boolean groupHasTimestamp;
    private double groupTimestamp;

    // histogram state of the current group and timestamp
    private boolean histOpen;
    private long histGroup;
    private boolean histHasTs;
    private double histTs;
    private double lastBucketLe;
    private boolean anyBucket;
    private double lastBucketValue;
    private boolean hasCount;
    private double count;
    private boolean hasSum;
    private boolean hasGsum;
    private boolean negativeBuckets;
    private boolean negativeGsum;

    OpenMetricsRules(OpenMetricsParser p) {
        this.p = p;
        this.buf = p.bytes();
    }

    /** Suffixes (after the family name) that a family of this type may use for sample names. */
    static boolean suffixAllowed(MetricType t, byte[] b, int s, int e) {
        if (t == null) {
            return s == e;
        }
        return switch (t) {
            case COUNTER -> is(b, s, e, "_total") || is(b, s, e, "_created");
            case SUMMARY -> s == e || is(b, s, e, "_count") || is(b, s, e, "_sum") || is(b, s, e, "_created");
            case HISTOGRAM -> is(b, s, e, "_count") || is(b, s, e, "_sum") || is(b, s, e, "_bucket") || is(b, s, e, "_created");
            case GAUGEHISTOGRAM -> is(b, s, e, "_gcount") || is(b, s, e, "_gsum") || is(b, s, e, "_bucket");
            case INFO -> is(b, s, e, "_info");
            default -> s == e;
        };
    }

    private static String[] suffixes(MetricType t) {
        return switch (t) {
            case COUNTER -> new String[] {"", "_total", "_created"};
            case SUMMARY -> new String[] {"", "_count", "_sum", "_created"};
            case HISTOGRAM -> new String[] {"", "_count", "_sum", "_bucket", "_created"};
            case GAUGEHISTOGRAM -> new String[] {"", "_gcount", "_gsum", "_bucket"};
            case INFO -> new String[] {"", "_info"};
            default -> new String[] {""};
        };
    }

    private static boolean is(byte[] b, int s, int e, String ascii) {
        return BytesText.equalsAscii(b, s, e, ascii);
    }

    void onMetadata(Entry kind, int ns, int ne) {
        if (family != null && java.util.Arrays.equals(buf, ns, ne, familyBytes, 0, familyBytes.length)) {
            if (hasSamples) {
                throw p.fail("# " + kind + " for metric family \"" + family + "\" after its samples");
            }
        } else {
            finishFamily();
            startFamily(ns, ne);
        }
        switch (kind) {
            case HELP -> {
                if (hasHelp) {
                    throw p.fail("second # HELP line for metric family \"" + family + "\"");
                }
                hasHelp = true;
            }
            case TYPE -> {
                if (type != null) {
                    throw p.fail("second # TYPE line for metric family \"" + family + "\"");
                }
                type = p.metaType;
            }
            default -> {
                if (unit != null) {
                    throw p.fail("second # UNIT line for metric family \"" + family + "\"");
                }
                unit = p.unit;
            }
        }
    }

    private void startFamily(int ns, int ne) {
        family = new String(buf, ns, ne - ns, StandardCharsets.UTF_8);
        familyBytes = java.util.Arrays.copyOfRange(buf, ns, ne);
        type = null;
        hasHelp = false;
        unit = null;
        hasSamples = false;
        seenGroups.clear();
        haveGroup = false;
        histOpen = false;
        p.setFamily(ns, ne);
    }

    private void finishFamily() {
        if (family == null) {
            return;
        }
        MetricType t = type == null ? MetricType.UNKNOWN : type;
        for (String suffix : suffixes(t)) {
            if (!seenNames.add(family + suffix)) {
                throw p.fail("metric family name \"" + family + suffix + "\" clashes with an earlier family");
            }
        }
        if (unit != null && !unit.isEmpty()) {
            if (!family.endsWith("_" + unit)) {
                throw p.fail("metric family \"" + family + "\" does not end with its unit \"_" + unit + "\"");
            }
            if (t == MetricType.INFO || t == MetricType.STATESET) {
                throw p.fail("# UNIT is not allowed for " + t.openMetricsName() + " family \"" + family + "\"");
            }
        }
        if (histOpen) {
            histogramChecks();
        }
        family = null;
    }

    void onEnd() {
        finishFamily();
    }

    void onSample() {
        int ns = p.nameStartOffset();
        int ne = p.nameEndOffset();
        int fl = familyBytes == null ? 0 : familyBytes.length;
        boolean inFamily = family != null && ne - ns >= fl
                && java.util.Arrays.equals(buf, ns, ns + fl, familyBytes, 0, fl)
                && suffixAllowed(type, buf, ns + fl, ne);
        if (!inFamily) {
            finishFamily();
            startFamily(ns, ne);
            type = MetricType.UNKNOWN;
            fl = familyBytes.length;
        }
        hasSamples = true;
        MetricType t = type == null ? MetricType.UNKNOWN : type;
        p.setSeriesType(t);
        int ss = ns + fl; // suffix start
        LabelSpans labels = p.sampleLabels();
        double v = p.sampleValue();
        boolean bucket = is(buf, ss, ne, "_bucket");
        boolean isFamilyName = ss == ne;
        int excluded = -1;

        if (t == MetricType.STATESET) {
            excluded = labels.indexOf(buf, familyBytes);
            if (excluded < 0) {
                throw p.fail("stateset sample lacks the label \"" + family + "\"");
            }
        }
        double le = 0;
        if (bucket) {
            excluded = labels.indexOf(buf, "le");
            if (excluded < 0) {
                throw p.fail("histogram bucket lacks the \"le\" label");
            }
            le = canonicalFloatLabel(labels, excluded, "le");
            if (v != Math.rint(v)) {
                throw p.fail("bucket value must be an integer, got " + v);
            }
        }
        if ((is(buf, ss, ne, "_count") || is(buf, ss, ne, "_gcount")) && v != Math.rint(v)) {
            throw p.fail("count value must be an integer, got " + v);
        }
        if (t == MetricType.SUMMARY && isFamilyName) {
            excluded = labels.indexOf(buf, "quantile");
            if (excluded < 0) {
                throw p.fail("summary quantile sample lacks the \"quantile\" label");
            }
            double q = canonicalFloatLabel(labels, excluded, "quantile");
            if (!(q >= 0 && q <= 1)) {
                throw p.fail("quantile label must be between 0 and 1, got " + q);
            }
        }
        long g = t == MetricType.INFO ? 0 : groupHash(labels, excluded);
        boolean hasTs = p.sampleHasTimestamp();
        double ts = p.lastTimestampSeconds;
        if (haveGroup && g == groupHash) {
            if (hasTs != groupHasTimestamp) {
                throw p.fail("samples of one series must either all have or all lack a timestamp");
            }
            if (hasTs && ts < groupTimestamp && t != MetricType.INFO) {
                throw p.fail("timestamp went backwards within a series");
            }
        } else if (haveGroup && seenGroups.contains(g)) {
            throw p.fail("samples of one label group of \"" + family + "\" are not contiguous");
        }
        haveGroup = true;
        groupHash = g;
        groupHasTimestamp = hasTs;
        groupTimestamp = ts;
        seenGroups.add(g);

        if (t == MetricType.STATESET && v != 0 && v != 1) {
            throw p.fail("stateset sample value must be 0 or 1, got " + v);
        }
        if (t == MetricType.INFO && v != 1) {
            throw p.fail("info sample value must be 1, got " + v);
        }
        if (t == MetricType.SUMMARY && isFamilyName && v < 0) {
            throw p.fail("quantile value must not be negative, got " + v);
        }
        boolean counterLike = is(buf, ss, ne, "_total") || is(buf, ss, ne, "_sum") || is(buf, ss, ne, "_count")
                || bucket || is(buf, ss, ne, "_gcount");
        boolean gsum = is(buf, ss, ne, "_gsum");
        if ((counterLike || gsum) && Double.isNaN(v)) {
            throw p.fail("counter-like sample " + BytesText.quote(buf, ns, ne) + " must not be NaN");
        }
        if (counterLike && v < 0) {
            throw p.fail("counter-like sample " + BytesText.quote(buf, ns, ne) + " must not be negative");
        }
        if (p.sampleHasExemplar()) {
            boolean ok = ((t == MetricType.HISTOGRAM || t == MetricType.GAUGEHISTOGRAM) && bucket)
                    || (t == MetricType.COUNTER && is(buf, ss, ne, "_total"));
            if (!ok) {
                throw p.fail("exemplars are allowed only on counter _total and histogram _bucket samples");
            }
        }
        if (t == MetricType.HISTOGRAM || t == MetricType.GAUGEHISTOGRAM) {
            histogramSample(g, hasTs, ts, ss, ne, bucket, le, v);
        }
    }

    private double canonicalFloatLabel(LabelSpans labels, int i, String name) {
        int s = labels.valueStart[i];
        int e = labels.valueEnd[i];
        double d;
        try {
            d = NumberSyntax.parseOpenMetricsNumber(buf, s, e);
        } catch (NumberFormatException ex) {
            throw p.fail("label \"" + name + "\" must be a number, got " + BytesText.quote(buf, s, e));
        }
        if (Double.isNaN(d)) {
            throw p.fail("label \"" + name + "\" must not be NaN");
        }
        if (Double.isInfinite(d) && !is(buf, s, e, "+Inf") && !is(buf, s, e, "-Inf")) {
            throw p.fail("label \"" + name + "\" must spell infinity as +Inf or -Inf, got " + BytesText.quote(buf, s, e));
        }
        return d;
    }

    private void histogramSample(long g, boolean hasTs, double ts, int ss, int ne, boolean bucket, double le, double v) {
        if (!histOpen || g != histGroup || hasTs != histHasTs || (hasTs && ts != histTs)) {
            if (histOpen) {
                histogramChecks();
            }
            histOpen = true;
            histGroup = g;
            histHasTs = hasTs;
            histTs = ts;
            anyBucket = false;
            lastBucketValue = 0;
            hasCount = false;
            hasSum = false;
            hasGsum = false;
            negativeBuckets = false;
            negativeGsum = false;
        }
        if (bucket) {
            if (le < 0) {
                negativeBuckets = true;
            }
            if (anyBucket && le <= lastBucketLe) {
                throw p.fail("histogram buckets of \"" + family + "\" are not in increasing \"le\" order");
            }
            if (v < lastBucketValue) {
                throw p.fail("histogram bucket counts of \"" + family + "\" are not cumulative");
            }
            anyBucket = true;
            lastBucketLe = le;
            lastBucketValue = v;
        } else if (is(buf, ss, ne, "_count") || is(buf, ss, ne, "_gcount")) {
            hasCount = true;
            count = v;
        } else if (is(buf, ss, ne, "_sum")) {
            hasSum = true;
        } else if (is(buf, ss, ne, "_gsum")) {
            hasGsum = true;
            if (v < 0) {
                negativeGsum = true;
            }
        }
    }

    private void histogramChecks() {
        histOpen = false;
        if (!anyBucket || lastBucketLe != Double.POSITIVE_INFINITY) {
            throw p.fail("histogram \"" + family + "\" lacks the le=\"+Inf\" bucket");
        }
        if (hasCount && count != lastBucketValue) {
            throw p.fail("histogram \"" + family + "\" count does not match the +Inf bucket");
        }
        if (hasSum && !hasCount) {
            throw p.fail("histogram \"" + family + "\" has _sum but no _count");
        }
        if (hasGsum && !hasCount) {
            throw p.fail("gauge histogram \"" + family + "\" has _gsum but no _gcount");
        }
        if (!hasSum && !hasGsum && hasCount) {
            throw p.fail("histogram \"" + family + "\" has a count but no sum");
        }
        if (negativeBuckets && hasSum) {
            throw p.fail("histogram \"" + family + "\" has negative buckets, so it must not have _sum");
        }
        if (!negativeBuckets && negativeGsum) {
            throw p.fail("gauge histogram \"" + family + "\" has a negative _gsum but no negative buckets");
        }
    }

    /** Order-independent 64-bit hash of the label pairs, leaving out label {@code excluded}. */
    private long groupHash(LabelSpans labels, int excluded) {
        long sum = 0x9e3779b97f4a7c15L;
        for (int i = 0; i < labels.count; i++) {
            if (i == excluded) {
                continue;
            }
            long h = 0xcbf29ce484222325L;
            for (int k = labels.nameStart[i]; k < labels.nameEnd[i]; k++) {
                h = (h ^ (buf[k] & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;
            for (int k = labels.valueStart[i]; k < labels.valueEnd[i]; k++) {
                h = (h ^ (buf[k] & 0xff)) * 0x100000001b3L;
            }
            sum += mix(h);
        }
        return mix(sum);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A minimal open-addressing set of longs (no boxing). */
    static final class LongSet {
        private long[] slots = new long[16];
        private boolean[] used = new boolean[16];
        private int size;

        void clear() {
            if (size > 0) {
                java.util.Arrays.fill(used, false);
                size = 0;
            }
        }

        boolean contains(long v) {
            int mask = slots.length - 1;
            for (int i = (int) mix(v) & mask; used[i]; i = (i + 1) & mask) {
                if (slots[i] == v) {
                    return true;
                }
            }
            return false;
        }

        void add(long v) {
            if (size * 2 >= slots.length) {
                long[] os = slots;
                boolean[] ou = used;
                slots = new long[os.length * 2];
                used = new boolean[os.length * 2];
                size = 0;
                for (int i = 0; i < os.length; i++) {
                    if (ou[i]) {
                        add(os[i]);
                    }
                }
            }
            int mask = slots.length - 1;
            int i = (int) mix(v) & mask;
            while (used[i]) {
                if (slots[i] == v) {
                    return;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            slots[i] = v;
            size++;
        }
    }
}
