package org.osprey.scrape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osprey.model.labels.Labels;
import org.osprey.model.textparse.Entry;
import org.osprey.model.textparse.ExpositionFormats;
import org.osprey.model.textparse.ExpositionParseException;
import org.osprey.model.textparse.ExpositionParser;
import org.osprey.model.value.StaleNaN;
import org.osprey.scrape.config.RelabelRules;
import org.osprey.scrape.config.ScrapeConfig;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.Storage;

/**
 * Appends one target's scrape bodies to a {@link Storage}: the hot path of scraping, separate from
 * scheduling and HTTP so it can be measured and reused.
 *
 * <p>Per body: parse with model's streaming parser, look up each series by its raw bytes in the
 * {@link SeriesCache} (a hit appends {@code (ref, t, v)} with no label work), apply honor_labels /
 * exported_ prefixing and metric_relabel_configs only on a miss, enforce the limits (exceeding one
 * fails the scrape: rolled back, {@code up 0}), write stale markers for series seen last time but
 * not now, then the five synthetic series, all in one commit. A failed scrape counts as an empty
 * one, so everything the target had exposed goes stale, as upstream does.
 * Thread-safety: not thread-safe; one instance per target, used by one thread at a time.
 */
public final class TargetIngester {
    private static final String[] REPORT_NAMES = {"up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added",
            // extra_scrape_metrics only:
            "scrape_timeout_seconds", "scrape_sample_limit", "scrape_body_size_bytes"};
    private static final int BASE_REPORTS = 5;

    /** Receives samples the storage refused (out of order, duplicate, ...), for counting. */
    public interface RejectionListener {
        void rejected(SampleRejectedException.Reason reason);
    }

    /**
     * What one scrape produced. Counts are samples in the body, samples kept after metric
     * relabeling, and series new to this target.
     */
    public record Outcome(boolean up, String error, int samplesScraped, int samplesPostRelabel, int seriesAdded,
                          double durationSeconds, Map<String, MetricMetadata> metadata) {
    }

    private final Labels targetLabels;
    private final ScrapeConfig cfg;
    private final Storage storage;
    private final RelabelRules metricRelabel;
    private final RejectionListener rejections;
    private final long timeoutMillis;
    private final SeriesCache cache = new SeriesCache();
    private final Labels[] reportLabels = new Labels[REPORT_NAMES.length];
    private final long[] reportRefs = new long[REPORT_NAMES.length];
    private SeriesCache.Entry[] prevSeen = new SeriesCache.Entry[64];
    private int prevCount;
    private SeriesCache.Entry[] curSeen = new SeriesCache.Entry[64];
    private int curCount;
    private int iter;
    private long lastScrapeT = Long.MIN_VALUE;

    /**
     * @param targetLabels the labels the target puts on every series (job, instance, ...; no {@code __} labels)
     * @param cfg          the job's config (honor_labels, honor_timestamps, limits, fallback protocol)
     */
    public TargetIngester(Labels targetLabels, ScrapeConfig cfg, RelabelRules metricRelabel, Storage storage,
                          RejectionListener rejections) {
        this(targetLabels, cfg, cfg.scrapeTimeoutMillis(), metricRelabel, storage, rejections);
    }

    /** @param timeoutMillis the target's own timeout (relabeling may set {@code __scrape_timeout__}) */
    public TargetIngester(Labels targetLabels, ScrapeConfig cfg, long timeoutMillis, RelabelRules metricRelabel,
                          Storage storage, RejectionListener rejections) {
        this.timeoutMillis = timeoutMillis;
        this.targetLabels = targetLabels;
        this.cfg = cfg;
        this.storage = storage;
        this.metricRelabel = metricRelabel;
        this.rejections = rejections;
        for (int i = 0; i < REPORT_NAMES.length; i++) {
            reportLabels[i] = targetLabels.toBuilder().set(Labels.METRIC_NAME, REPORT_NAMES[i]).build();
        }
    }

    /**
     * Ingests one scrape and commits it with its synthetic series.
     *
     * @param buf         the body in buf[0, len); ignored when fetchError is set
     * @param contentType the response's Content-Type, or null
     * @param fetchError  why the fetch failed, or null
     * @param t           the scrape's timestamp, epoch ms
     * @param startNanos  {@link System#nanoTime()} when the scrape began, for scrape_duration_seconds
     */
    public Outcome ingest(byte[] buf, int len, String contentType, String fetchError, long t, long startNanos) {
        String err = fetchError;
        Appender app = storage.appender();
        Counts counts = new Counts();
        Map<String, MetricMetadata> meta = null;
        try {
            if (err == null) {
                meta = new HashMap<>();
                appendBody(app, buf, len, contentType, t, counts, meta);
            } else {
                appendBody(app, null, 0, null, t, counts, null);
            }
        } catch (ExpositionParseException | IllegalArgumentException e) {
            app.rollback();
            app = storage.appender();
            err = e.getMessage();
            meta = null;
            counts = new Counts();
            appendBody(app, null, 0, null, t, counts, null);
        }
        double duration = (System.nanoTime() - startNanos) / 1e9;
        long bodySize = err == null ? len : "body size limit exceeded".equals(err) ? -1 : 0;
        appendReport(app, t, err == null ? 1 : 0, duration, counts, bodySize);
        app.commit();
        lastScrapeT = t;
        return new Outcome(err == null, err, counts.total, counts.added, counts.seriesAdded, duration,
                meta == null ? null : Map.copyOf(meta));
    }

    private static final class Counts {
        int total;
        int added;
        int seriesAdded;
    }

    private void appendBody(Appender app, byte[] buf, int len, String contentType, long t, Counts c,
                            Map<String, MetricMetadata> meta) {
        iter++;
        curCount = 0;
        if (buf != null && len > 0) {
            try {
                parseAndAppend(app, buf, len, contentType, t, c, meta);
            } catch (ScrapeFailure e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        // Stale markers for what the last scrape had and this one lacks.
        for (int i = 0; i < prevCount; i++) {
            SeriesCache.Entry e = prevSeen[i];
            if (e.lastIter != iter && e.labels != null) {
                appendStale(app, e, t);
            }
        }
        SeriesCache.Entry[] tmp = prevSeen;
        prevSeen = curSeen;
        prevCount = curCount;
        curSeen = tmp;
        Arrays.fill(curSeen, 0, curSeen.length, null);
        if (cache.size() > 2 * prevCount + 1024) {
            cache.evictOlderThan(iter);
        }
    }

    private void parseAndAppend(Appender app, byte[] body, int len, String contentType, long t, Counts c,
                                Map<String, MetricMetadata> meta) throws ScrapeFailure {
        String ct = parseableContentType(contentType);
        ExpositionParser p = ExpositionFormats.parserFor(ct, body, 0, len);
        long sampleLimit = cfg.sampleLimit();
        boolean honorTs = cfg.honorTimestamps();
        boolean trackTsStaleness = cfg.trackTimestampsStaleness();
        for (Entry kind = p.next(); kind != Entry.EOF; kind = p.next()) {
            switch (kind) {
                case SERIES -> {
                    c.total++;
                    byte[] buf = p.buffer();
                    int from = p.seriesStart();
                    int to = p.seriesEnd();
                    int h = SeriesCache.hash(buf, from, to);
                    SeriesCache.Entry e = cache.get(buf, from, to, h);
                    boolean isNew = false;
                    if (e == null) {
                        Labels l = finalLabels(p.labels());
                        e = cache.add(buf, from, to, h);
                        e.labels = l;
                        e.lastIter = iter - 1;
                        isNew = true;
                    }
                    if (e.labels == null) {
                        continue;
                    }
                    c.added++;
                    if (sampleLimit > 0 && c.added > sampleLimit) {
                        throw new ScrapeFailure("sample limit exceeded");
                    }
                    boolean explicitTs = honorTs && p.hasTimestamp();
                    long ts = explicitTs ? p.timestampMillis() : t;
                    try {
                        e.ref = app.append(e.ref, e.labels, ts, p.value());
                        e.lastT = ts;
                        if (isNew) {
                            c.seriesAdded++;
                        }
                    } catch (SampleRejectedException rejected) {
                        rejections.rejected(rejected.reason());
                    }
                    if ((!explicitTs || trackTsStaleness) && e.lastIter != iter) {
                        e.lastIter = iter;
                        if (curCount == curSeen.length) {
                            curSeen = Arrays.copyOf(curSeen, curCount * 2);
                        }
                        curSeen[curCount++] = e;
                    }
                }
                case TYPE -> metadata(meta, p.familyName()).set(1, p.type().openMetricsName());
                case HELP -> metadata(meta, p.familyName()).set(2, p.help());
                case UNIT -> metadata(meta, p.familyName()).set(3, p.unit());
                default -> {
                }
            }
        }
        if (meta != null) {
            for (Map.Entry<String, MetricMetadata> m : meta.entrySet()) {
                MetricMetadata mm = m.getValue();
                if (mm.type().isEmpty()) {
                    m.setValue(new MetricMetadata(mm.metric(), "unknown", mm.help(), mm.unit()));
                }
            }
        }
    }

    /**
     * The Content-Type to parse with. Prometheus 3 refuses a blank or unknown Content-Type unless
     * the job names a fallback_scrape_protocol, and so do we (same wording).
     */
    private String parseableContentType(String contentType) throws ScrapeFailure {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (media.equals("text/plain") || media.equals("application/openmetrics-text")) {
            return contentType;
        }
        String fallback = cfg.fallbackScrapeProtocol();
        if (fallback.isEmpty()) {
            throw new ScrapeFailure(media.isEmpty()
                    ? "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target"
                    : "received unsupported Content-Type \"" + contentType + "\" and no fallback_scrape_protocol specified for target");
        }
        return fallback.startsWith("OpenMetrics") ? ExpositionFormats.OPENMETRICS_CONTENT_TYPE : ExpositionFormats.TEXT_CONTENT_TYPE;
    }

    /** A tiny mutable view over the record stored in the map, so TYPE/HELP/UNIT can arrive in any order. */
    private record MetaSlot(Map<String, MetricMetadata> map, String family) {
        void set(int field, String value) {
            if (map == null) {
                return;
            }
            MetricMetadata m = map.getOrDefault(family, new MetricMetadata(family, "", "", ""));
            map.put(family, switch (field) {
                case 1 -> new MetricMetadata(family, value, m.help(), m.unit());
                case 2 -> new MetricMetadata(family, m.type(), value, m.unit());
                default -> new MetricMetadata(family, m.type(), m.help(), value);
            });
        }
    }

    private static MetaSlot metadata(Map<String, MetricMetadata> meta, String family) {
        return new MetaSlot(meta, family);
    }

    /**
     * Target labels merged into scraped labels (honor_labels: scraped win; otherwise target wins
     * and the scraped value moves to exported_NAME), then metric_relabel_configs and the label
     * limits. Null when relabeling dropped the series.
     */
    private Labels finalLabels(Labels scraped) throws ScrapeFailure {
        Labels.Builder b = scraped.toBuilder();
        if (cfg.honorLabels()) {
            for (int i = 0; i < targetLabels.size(); i++) {
                if (!scraped.has(targetLabels.name(i))) {
                    b.set(targetLabels.name(i), targetLabels.value(i));
                }
            }
        } else {
            List<String[]> conflicts = null;
            for (int i = 0; i < targetLabels.size(); i++) {
                String existing = scraped.get(targetLabels.name(i));
                if (!existing.isEmpty()) {
                    if (conflicts == null) {
                        conflicts = new java.util.ArrayList<>();
                    }
                    conflicts.add(new String[] {targetLabels.name(i), existing});
                }
                b.set(targetLabels.name(i), targetLabels.value(i));
            }
            if (conflicts != null) {
                for (String[] cf : conflicts) {
                    String name = "exported_" + cf[0];
                    while (!b.get(name).isEmpty()) {
                        name = "exported_" + name;
                    }
                    b.set(name, cf[1]);
                }
            }
        }
        Labels l = metricRelabel.process(b.build());
        if (l == null || l.isEmpty()) {
            return null;
        }
        checkLimits(l);
        return l;
    }

    private void checkLimits(Labels l) throws ScrapeFailure {
        String metric = truncate(l.metricName(), 50);
        if (cfg.labelLimit() > 0 && l.size() > cfg.labelLimit()) {
            throw new ScrapeFailure("label_limit exceeded (metric: " + metric + ", number of labels: " + l.size()
                    + ", limit: " + cfg.labelLimit() + ")");
        }
        for (int i = 0; i < l.size(); i++) {
            String n = l.name(i);
            String v = l.value(i);
            if (cfg.labelNameLengthLimit() > 0 && n.length() > cfg.labelNameLengthLimit()) {
                throw new ScrapeFailure("label_name_length_limit exceeded (metric: " + metric + ", label name: "
                        + truncate(n, 50) + ", length: " + n.length() + ", limit: " + cfg.labelNameLengthLimit() + ")");
            }
            if (cfg.labelValueLengthLimit() > 0 && v.length() > cfg.labelValueLengthLimit()) {
                throw new ScrapeFailure("label_value_length_limit exceeded (metric: " + metric + ", label name: "
                        + truncate(n, 50) + ", value: \"" + truncate(v, 50) + "\", length: " + v.length()
                        + ", limit: " + cfg.labelValueLengthLimit() + ")");
            }
        }
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    private void appendStale(Appender app, SeriesCache.Entry e, long t) {
        try {
            e.ref = app.append(e.ref, e.labels, Math.max(t, e.lastT), StaleNaN.VALUE);
        } catch (SampleRejectedException ignored) {
            // A newer explicit timestamp already exists; nothing to mark.
        }
    }

    private void appendReport(Appender app, long t, double up, double duration, Counts c, long bodySize) {
        double[] values = {up, duration, c.total, c.added, c.seriesAdded, timeoutMillis / 1000.0, cfg.sampleLimit(),
                bodySize};
        int n = cfg.extraScrapeMetrics() ? values.length : BASE_REPORTS;
        for (int i = 0; i < n; i++) {
            try {
                reportRefs[i] = app.append(reportRefs[i], reportLabels[i], t, values[i]);
            } catch (SampleRejectedException e) {
                rejections.rejected(e.reason());
            }
        }
    }

    /**
     * The target went away: every series it had, and its synthetic series, get stale markers, at
     * {@code now} or just after the last scrape, whichever is later. Does nothing if it never scraped.
     */
    public void endOfRunStaleness(long now) {
        if (lastScrapeT == Long.MIN_VALUE) {
            return;
        }
        long t = Math.max(now, lastScrapeT + 1);
        Appender app = storage.appender();
        for (int i = 0; i < prevCount; i++) {
            if (prevSeen[i].labels != null) {
                appendStale(app, prevSeen[i], t);
            }
        }
        int n = cfg.extraScrapeMetrics() ? reportLabels.length : BASE_REPORTS;
        for (int i = 0; i < n; i++) {
            try {
                reportRefs[i] = app.append(reportRefs[i], reportLabels[i], t, StaleNaN.VALUE);
            } catch (SampleRejectedException ignored) {
                // already newer data
            }
        }
        app.commit();
    }
}
