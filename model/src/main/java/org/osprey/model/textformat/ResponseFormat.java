package org.osprey.model.textformat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osprey.model.exposition.ProtobufCodec;
import org.osprey.model.textparse.ExpositionFormats;

/**
 * The format an exposition endpoint ({@code /metrics}, {@code /federate}, the Pushgateway's
 * {@code /metrics}) answers in, chosen from the request's {@code Accept} header as Prometheus's
 * {@code expfmt.Negotiate} chooses: entries by descending q (ties keep header order),
 * the first supported wins, and the text format is the fallback. Thread-safe: enum.
 */
public enum ResponseFormat {
    TEXT(ExpositionFormats.TEXT_CONTENT_TYPE),
    OPENMETRICS(ExpositionFormats.OPENMETRICS_CONTENT_TYPE),
    PROTOBUF(ProtobufCodec.CONTENT_TYPE);

    private final String contentType;

    ResponseFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The Content-Type header value to answer with. */
    public String contentType() {
        return contentType;
    }

    /**
     * Picks the response format.
     *
     * @param accept the Accept header, may be null
     * @param allowOpenMetrics whether this endpoint offers OpenMetrics
     * @param allowProtobuf whether this endpoint offers delimited protobuf
     */
    public static ResponseFormat negotiate(String accept, boolean allowOpenMetrics, boolean allowProtobuf) {
        if (accept == null || accept.isBlank()) {
            return TEXT;
        }
        record Choice(String type, String version, String proto, String encoding, double q, int order) {
        }
        List<Choice> choices = new ArrayList<>();
        int order = 0;
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            String type = params[0].trim().toLowerCase(Locale.ROOT);
            String version = "";
            String proto = "";
            String encoding = "";
            double q = 1;
            for (int i = 1; i < params.length; i++) {
                int eq = params[i].indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String k = params[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String v = params[i].substring(eq + 1).trim();
                switch (k) {
                    case "version" -> version = v;
                    case "proto" -> proto = v;
                    case "encoding" -> encoding = v;
                    case "q" -> {
                        try {
                            q = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                    default -> {
                        // charset, escaping: do not change the choice
                    }
                }
            }
            choices.add(new Choice(type, version, proto, encoding, q, order++));
        }
        choices.sort((a, b) -> a.q() != b.q() ? Double.compare(b.q(), a.q()) : Integer.compare(a.order(), b.order()));
        for (Choice c : choices) {
            if (c.q() <= 0) {
                continue;
            }
            switch (c.type()) {
                case "application/vnd.google.protobuf" -> {
                    if (allowProtobuf && c.proto().equals("io.prometheus.client.MetricFamily")
                            && (c.encoding().isEmpty() || c.encoding().equals("delimited"))) {
                        return PROTOBUF;
                    }
                }
                case "application/openmetrics-text" -> {
                    if (allowOpenMetrics && (c.version().isEmpty() || c.version().equals("1.0.0") || c.version().equals("0.0.1"))) {
                        return OPENMETRICS;
                    }
                }
                case "text/plain" -> {
                    if (c.version().isEmpty() || c.version().equals("0.0.4") || c.version().equals("1.0.0")) {
                        return TEXT;
                    }
                }
                default -> {
                    // */* and others: keep looking, text is the fallback anyway
                }
            }
        }
        return TEXT;
    }
}
