package org.osprey.model.textparse;

import java.util.Locale;

/**
 * Content negotiation for scraping: the {@code Accept} header Prometheus sends and the choice of
 * parser from a response's {@code Content-Type}. Thread-safe: stateless.
 */
public final class ExpositionFormats {
    /** The text formats a scrape can receive. */
    public enum Format {
        /** Prometheus text format 0.0.4 (also 1.0.0, which adds quoted UTF-8 names). */
        PROMETHEUS_TEXT,
        /** OpenMetrics 1.0.0 / 0.0.1 text. */
        OPENMETRICS_TEXT
    }

    /**
     * The {@code Accept} header Prometheus 3 sends with its default scrape protocols
     * (OpenMetrics 1.0.0, OpenMetrics 0.0.1, text 1.0.0, text 0.0.4, then anything), weights
     * counting down from 0.6 as upstream computes them.
     */
    public static final String SCRAPE_ACCEPT_HEADER =
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                    + "application/openmetrics-text;version=0.0.1;q=0.5,"
                    + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                    + "text/plain;version=0.0.4;q=0.3,"
                    + "*/*;q=0.2";

    /** The Content-Type of text format 0.0.4 responses (as /metrics and /federate send it). */
    public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The Content-Type of OpenMetrics 1.0.0 responses. */
    public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private ExpositionFormats() {
    }

    /**
     * The format a response's Content-Type announces: OpenMetrics for the media type
     * {@code application/openmetrics-text} (any parameters), the text format for everything else,
     * including a missing or unparsable header, as Prometheus falls back to the text parser.
     */
    public static Format formatOf(String contentType) {
        if (contentType == null) {
            return Format.PROMETHEUS_TEXT;
        }
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return "application/openmetrics-text".equals(media) ? Format.OPENMETRICS_TEXT : Format.PROMETHEUS_TEXT;
    }

    /**
     * A Prometheus-compatible scrape parser ({@link ParserOptions#SCRAPE}) for buf[off, off+len)
     * chosen by Content-Type.
     */
    public static ExpositionParser parserFor(String contentType, byte[] buf, int off, int len) {
        return parserFor(contentType, buf, off, len, ParserOptions.SCRAPE);
    }

    /** A parser for buf[off, off+len) chosen by Content-Type, with the given options. */
    public static ExpositionParser parserFor(String contentType, byte[] buf, int off, int len, ParserOptions options) {
        return switch (formatOf(contentType)) {
            case OPENMETRICS_TEXT -> new OpenMetricsParser(buf, off, len, options.strict(), options.skipCreatedSeries());
            case PROMETHEUS_TEXT -> new PromTextParser(buf, off, len, options.strict());
        };
    }
}
