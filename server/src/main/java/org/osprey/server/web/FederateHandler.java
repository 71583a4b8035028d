package org.osprey.server.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;
import org.osprey.server.api.ApiException;
import org.osprey.server.api.ApiParams;
import org.osprey.server.api.RequestParams;
import org.osprey.server.metrics.TextMetricsWriter;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SelectHints;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.Storage;
import org.osprey.server.api.ApiContext;

/**
 * {@code /federate}: the latest sample (within the lookback delta) of every series matching any
 * {@code match[]}, with the global external labels added where the series lacks them, in the text
 * format with timestamps, grouped by metric name as upstream. Thread-safe.
 */
final class FederateHandler implements HttpHandler {
    private final ApiContext ctx;

    FederateHandler(ApiContext ctx) {
        this.ctx = ctx;
    }

    private record Point(Labels labels, long t, double v) {
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        ApiParams p = RequestParams.read(ex);
        Storage storage = ctx.storage();
        if (storage == null || ctx.queries() == null) {
            WebServer.sendText(ex, 503, "Service Unavailable");
            return;
        }
        List<LabelMatcher[]> sets = new ArrayList<>();
        try {
            for (String m : p.all("match[]")) {
                sets.add(ctx.queries().parseSelector(m).toArray(new LabelMatcher[0]));
            }
        } catch (ApiException e) {
            WebServer.sendText(ex, 400, e.getMessage());
            return;
        }
        long now = System.currentTimeMillis();
        long lookback = ctx.options().lookbackDeltaMillis();
        Labels external = ctx.externalLabels();
        TreeMap<Labels, Point> points = new TreeMap<>();
        try (Querier q = storage.querier(now - lookback, now)) {
            SelectHints hints = new SelectHints(now - lookback, now, 0, "");
            for (LabelMatcher[] set : sets) {
                SeriesSet ss = q.select(false, hints, set);
                SampleIterator reuse = null;
                while (ss.next()) {
                    var s = ss.at();
                    SampleIterator it = s.iterator(reuse);
                    reuse = it;
                    long t = Long.MIN_VALUE;
                    double v = 0;
                    while (it.next()) {
                        if (it.atT() > now) {
                            break;
                        }
                        t = it.atT();
                        v = it.at();
                    }
                    if (t == Long.MIN_VALUE || StaleNaN.isStale(v)) {
                        continue;
                    }
                    Labels ls = s.labels();
                    if (!external.isEmpty()) {
                        Labels.Builder b = ls.toBuilder();
                        for (int i = 0; i < external.size(); i++) {
                            if (!ls.has(external.name(i))) {
                                b.set(external.name(i), external.value(i));
                            }
                        }
                        ls = b.build();
                    }
                    points.put(ls, new Point(ls, t, v));
                }
            }
        }
        TreeMap<String, List<Point>> byName = new TreeMap<>();
        for (Point pt : points.values()) {
            byName.computeIfAbsent(pt.labels().metricName(), k -> new ArrayList<>()).add(pt);
        }
        StringBuilder sb = new StringBuilder();
        for (var e : byName.entrySet()) {
            sb.append("# TYPE ").append(e.getKey()).append(" untyped\n");
            for (Point pt : e.getValue()) {
                Labels l = pt.labels().withoutMetricName();
                String[] kv = new String[l.size() * 2];
                for (int i = 0; i < l.size(); i++) {
                    kv[2 * i] = l.name(i);
                    kv[2 * i + 1] = l.value(i);
                }
                StringBuilder line = new StringBuilder();
                new TextMetricsWriter(line).sample(e.getKey(), pt.v(), kv);
                line.setLength(line.length() - 1);
                sb.append(line).append(' ').append(pt.t()).append('\n');
            }
        }
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        ex.getResponseSender().send(sb.toString());
    }
}
