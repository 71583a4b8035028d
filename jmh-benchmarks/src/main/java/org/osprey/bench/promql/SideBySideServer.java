package org.osprey.bench.promql;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.osprey.model.labels.Labels;
import org.osprey.promql.Engine;
import org.osprey.promql.EngineOptions;
import org.osprey.promql.PromqlException;
import org.osprey.promql.value.Matrix;
import org.osprey.promql.value.Sample;
import org.osprey.promql.value.Scalar;
import org.osprey.promql.value.Series;
import org.osprey.promql.value.StringValue;
import org.osprey.promql.value.Value;
import org.osprey.promql.value.Vector;
import org.osprey.promql.testing.SeriesNotation;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Storage;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;

/**
 * A minimal query API (/api/v1/query, /api/v1/query_range) over the PromQL engine and an in-memory
 * TSDB loaded from one OpenMetrics history file, so {@code shared/bench/compare_queries.py} can diff
 * the engine against Prometheus 2.42 on identical samples before the full server is wired.
 * Usage: {@code SideBySideServer <file.om> <port>}. Thread-safe: the engine and storage are.
 */
public final class SideBySideServer {
    private SideBySideServer() {
    }

    public static void main(String[] args) throws Exception {
        Storage storage = Tsdb.inMemory(TsdbOptions.defaults().withCompaction(false).withWal(false, false)
                .withRetention(Long.MAX_VALUE / 4, 0));
        long t0 = System.nanoTime();
        long n = load(storage, Path.of(args[0]));
        System.out.printf("loaded %d samples in %.1fs%n", n, (System.nanoTime() - t0) / 1e9);
        Engine engine = new Engine(EngineOptions.defaults());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 64);
        http.createContext("/api/v1/query", ex -> handle(ex, engine, storage, false));
        http.createContext("/api/v1/query_range", ex -> handle(ex, engine, storage, true));
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        http.start();
        System.out.println("listening on " + args[1]);
    }

    static long load(Storage storage, Path file) throws IOException {
        Map<String, Labels> seriesCache = new HashMap<>();
        Map<Labels, long[]> refs = new HashMap<>();
        long n = 0;
        Appender app = storage.appender();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int close = line.lastIndexOf('}');
                int sp1 = line.indexOf(' ', close < 0 ? 0 : close);
                int sp2 = line.indexOf(' ', sp1 + 1);
                String desc = line.substring(0, sp1);
                Labels labels = seriesCache.computeIfAbsent(desc, SeriesNotation::parseSeries);
                double v = parseValue(line.substring(sp1 + 1, sp2 < 0 ? line.length() : sp2));
                long t = Math.round(Double.parseDouble(line.substring(sp2 + 1)) * 1000);
                long[] ref = refs.computeIfAbsent(labels, k -> new long[1]);
                ref[0] = app.append(ref[0], labels, t, v);
                if (++n % 50_000 == 0) {
                    app.commit();
                    app = storage.appender();
                }
            }
        }
        app.commit();
        return n;
    }

    private static double parseValue(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static void handle(HttpExchange ex, Engine engine, Storage storage, boolean range) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String q = ex.getRequestURI().getRawQuery();
        Map<String, String> p = form(body);
        p.putAll(form(q == null ? "" : q));
        String out;
        int code = 200;
        try {
            Value v;
            if (range) {
                v = engine.rangeQuery(storage, p.get("query"), ms(p.get("start")), ms(p.get("end")),
                        ms(p.get("step"))).execute().value();
            } else {
                long t = p.containsKey("time") ? ms(p.get("time")) : System.currentTimeMillis();
                v = engine.instantQuery(storage, p.get("query"), t).execute().value();
            }
            out = "{\"status\":\"success\",\"data\":" + json(v) + "}";
        } catch (PromqlException e) {
            code = e.type().name().equals("BAD_DATA") ? 400 : 422;
            StringBuilder sb = new StringBuilder("{\"status\":\"error\",\"errorType\":\"").append(e.type().apiName())
                    .append("\",\"error\":");
            str(sb, e.getMessage());
            out = sb.append('}').toString();
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static long ms(String s) {
        return Math.round(Double.parseDouble(s) * 1000);
    }

    private static Map<String, String> form(String s) {
        Map<String, String> m = new HashMap<>();
        for (String kv : s.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static String json(Value v) {
        StringBuilder sb = new StringBuilder("{\"resultType\":\"").append(v.type().apiName()).append("\",\"result\":");
        switch (v) {
            case Scalar s -> point(sb, s.t(), s.v());
            case StringValue s -> {
                sb.append('[').append(s.t() / 1000.0).append(',');
                str(sb, s.v());
                sb.append(']');
            }
            case Vector vec -> {
                sb.append('[');
                boolean first = true;
                for (Sample s : vec.samples()) {
                    sb.append(first ? "" : ",").append("{\"metric\":");
                    first = false;
                    labels(sb, s.labels());
                    sb.append(",\"value\":");
                    point(sb, s.t(), s.v());
                    sb.append('}');
                }
                sb.append(']');
            }
            case Matrix m -> {
                sb.append('[');
                boolean first = true;
                for (Series s : m.series()) {
                    sb.append(first ? "" : ",").append("{\"metric\":");
                    first = false;
                    labels(sb, s.labels());
                    sb.append(",\"values\":[");
                    for (int i = 0; i < s.size(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        point(sb, s.timestamps()[i], s.values()[i]);
                    }
                    sb.append("]}");
                }
                sb.append(']');
            }
        }
        return sb.append('}').toString();
    }

    private static void point(StringBuilder sb, long t, double v) {
        sb.append('[').append(t / 1000.0).append(",\"");
        if (Double.isNaN(v)) {
            sb.append("NaN");
        } else if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "+Inf" : "-Inf");
        } else {
            sb.append(v);
        }
        sb.append("\"]");
    }

    private static void labels(StringBuilder sb, Labels l) {
        sb.append('{');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            str(sb, l.name(i));
            sb.append(':');
            str(sb, l.value(i));
        }
        sb.append('}');
    }

    private static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
