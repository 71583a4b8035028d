package org.osprey.model.textparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;

class ParserTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textFormatSeriesMetadataAndRawBytes() {
        byte[] in = b("# HELP http_requests_total The total.\\nnumber\n# TYPE http_requests_total counter\n"
                + "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
                + "  http_requests_total { method = \"get\" , code=\"4\\\"0\\\\0\\n\", } +Inf\n# a comment\n\n");
        ExpositionParser p = ExpositionFormats.parserFor("text/plain; version=0.0.4", in, 0, in.length);
        assertEquals(Entry.HELP, p.next());
        assertEquals("http_requests_total", p.familyName());
        assertEquals("The total.\nnumber", p.help());
        assertEquals(Entry.TYPE, p.next());
        assertEquals(MetricType.COUNTER, p.type());
        assertEquals(Entry.SERIES, p.next());
        assertEquals("http_requests_total{method=\"post\",code=\"200\"}",
                new String(p.buffer(), p.seriesStart(), p.seriesEnd() - p.seriesStart(), StandardCharsets.UTF_8));
        assertEquals(Labels.of("__name__", "http_requests_total", "method", "post", "code", "200"), p.labels());
        assertEquals(1027.0, p.value());
        assertTrue(p.hasTimestamp());
        assertEquals(1395066363000L, p.timestampMillis());
        assertEquals(MetricType.COUNTER, p.type());
        assertEquals(2, p.lineNumber() + 0 - 1);
        assertEquals(Entry.SERIES, p.next());
        assertEquals("4\"0\\0\n", p.labels().get("code"));
        assertEquals(Double.POSITIVE_INFINITY, p.value());
        assertFalse(p.hasTimestamp());
        assertEquals(Entry.COMMENT, p.next());
        assertEquals(" a comment", p.comment());
        assertEquals(Entry.EOF, p.next());
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void textFormatErrorsNameLineAndProblem() {
        byte[] in = b("a 1\nb 2\nmetric{label=\"bla\"} x\n");
        ExpositionParser p = new PromTextParser(in, 0, in.length);
        p.next();
        p.next();
        ExpositionParseException e = assertThrows(ExpositionParseException.class, p::next);
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("line 3: invalid value \"x\""), e.getMessage());
    }

    @Test
    void textEscapesStrictVersusScrape() {
        byte[] in = b("# HELP m a \\\"q\\\" \\\\ \\n\nm{l=\"a\\tb\"} 1\n");
        ExpositionParser scrape = ExpositionFormats.parserFor("text/plain", in, 0, in.length);
        assertEquals(Entry.HELP, scrape.next());
        assertEquals("a \\\"q\\\" \\ \n", scrape.help());
        assertEquals(Entry.SERIES, scrape.next());
        assertEquals("a\\tb", scrape.labels().get("l"));
        ExpositionParser strict = new PromTextParser(in, 0, in.length);
        assertEquals(Entry.HELP, strict.next());
        assertEquals("a \"q\" \\ \n", strict.help());
        ExpositionParseException e = assertThrows(ExpositionParseException.class, strict::next);
        assertTrue(e.getMessage().startsWith("line 2: invalid escape sequence"), e.getMessage());
        byte[] badHelp = b("# HELP m a\\tb\n");
        ExpositionParser strict2 = new PromTextParser(badHelp, 0, badHelp.length);
        assertThrows(ExpositionParseException.class, strict2::next);
    }

    @Test
    void textScrapeModeMatchesPrometheusLeniency() {
        // no final line feed: accepted by a scrape, rejected by the strict parser
        byte[] noLf = b("a{b=\"c\"} 1");
        ExpositionParser scrape = ExpositionFormats.parserFor("text/plain", noLf, 0, noLf.length);
        assertEquals(Entry.SERIES, scrape.next());
        assertEquals(Entry.EOF, scrape.next());
        ExpositionParser strict = new PromTextParser(noLf, 0, noLf.length);
        assertThrows(ExpositionParseException.class, strict::next);
        // hex floats and '_' are refused when scraping, as Prometheus refuses them
        for (String bad : new String[] {"foo 0x1p-3\n", "foo 1_2\n", "foo 0 1_2\n", "a true\n", "{a=\"ok\"} 1\n", "a{b=\"\u00ff\"} 1\n"}) {
            byte[] in = bad.getBytes(StandardCharsets.ISO_8859_1);
            ExpositionParser p = ExpositionFormats.parserFor("text/plain", in, 0, in.length);
            assertThrows(ExpositionParseException.class, p::next, bad);
        }
        byte[] hex = b("foo 0x1p-3\n");
        ExpositionParser strictHex = new PromTextParser(hex, 0, hex.length);
        assertEquals(Entry.SERIES, strictHex.next());
        assertEquals(0.125, strictHex.value());
        // a NUL inside a label value is data
        byte[] nul = b("a{b=\"x\u0000y\"} 1\n");
        ExpositionParser pn = ExpositionFormats.parserFor("text/plain", nul, 0, nul.length);
        assertEquals(Entry.SERIES, pn.next());
        assertEquals("x\u0000y", pn.labels().get("b"));
    }

    @Test
    void typeLineWithoutType() {
        byte[] in = b("# TYPE m\nm 1\n");
        ExpositionParser strict = new PromTextParser(in, 0, in.length);
        assertEquals(Entry.COMMENT, strict.next());
        assertEquals(Entry.SERIES, strict.next());
        ExpositionParser scrape = ExpositionFormats.parserFor("text/plain", in, 0, in.length);
        ExpositionParseException e = assertThrows(ExpositionParseException.class, scrape::next);
        assertEquals("line 1: expected text in TYPE", e.getMessage());
    }

    @Test
    void scrapeModeNormalizesLeAndQuantileAsPrometheus3() {
        byte[] in = b("# TYPE s summary\ns{quantile=\"0\"} 1\ns{quantile=\"0.25\"} 1\n# TYPE h histogram\n"
                + "h_bucket{le=\"100\"} 1\nh_bucket{le=\"1e+06\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\nu{le=\"1\"} 1\n");
        ExpositionParser p = ExpositionFormats.parserFor("text/plain", in, 0, in.length);
        StringBuilder got = new StringBuilder();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                Labels l = p.labels();
                got.append(l.has("quantile") ? l.get("quantile") : l.get("le")).append(' ');
            }
        }
        assertEquals("0.0 0.25 100.0 1e+06 +Inf   1 ", got.toString());
        ExpositionParser strict = new PromTextParser(in, 0, in.length);
        strict.next();
        strict.next();
        assertEquals("0", strict.labels().get("quantile"));
    }

    @Test
    void textFormatQuotedUtf8Names() {
        byte[] in = b("{\"my.metric\",\"label.name\"=\"v\"} 1\n");
        ExpositionParser p = new PromTextParser(in, 0, in.length);
        assertEquals(Entry.SERIES, p.next());
        assertEquals(Labels.of("__name__", "my.metric", "label.name", "v"), p.labels());
    }

    @Test
    void textFormatTypesForHistogramSuffixes() {
        byte[] in = b("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 2\nh_count 1\nh_other 3\n");
        ExpositionParser p = new PromTextParser(in, 0, in.length);
        p.next();
        MetricType[] want = {MetricType.HISTOGRAM, MetricType.HISTOGRAM, MetricType.HISTOGRAM, MetricType.UNKNOWN};
        for (MetricType t : want) {
            assertEquals(Entry.SERIES, p.next());
            assertEquals(t, p.type());
        }
    }

    @Test
    void textScrapeModeTypesFromTheLastTypeLineAndSkipsStrictChecks() {
        byte[] in = b("# HELP h x\n# HELP h y\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 2\nh_count 1\nh_other 3\nh 4\n");
        ExpositionParser p = ExpositionFormats.parserFor("text/plain", in, 0, in.length);
        assertEquals(Entry.HELP, p.next());
        assertEquals(Entry.HELP, p.next());
        assertEquals("y", p.help());
        assertEquals(Entry.TYPE, p.next());
        assertEquals("h", p.familyName());
        MetricType[] want = {MetricType.HISTOGRAM, MetricType.HISTOGRAM, MetricType.HISTOGRAM, MetricType.UNKNOWN, MetricType.HISTOGRAM};
        for (MetricType t : want) {
            assertEquals(Entry.SERIES, p.next());
            assertEquals(t, p.type(), p.metricName());
        }
        byte[] strictBad = b("# HELP h x\n# HELP h y\n");
        ExpositionParser strict = new PromTextParser(strictBad, 0, strictBad.length);
        strict.next();
        assertThrows(ExpositionParseException.class, strict::next);
    }

    @Test
    void openMetricsExemplarsTimestampsAndCreated() {
        byte[] in = b("# TYPE foo_seconds counter\n# UNIT foo_seconds seconds\n# HELP foo_seconds Some \\\"help\\\"\n"
                + "foo_seconds_total{a=\"b\"} 17 1520879607.789 # {id=\"c\\\"x\"} 0.5 1520879607.1\n"
                + "foo_seconds_created{a=\"b\"} 1520430000.123\n"
                + "# EOF\n");
        ExpositionParser p = ExpositionFormats.parserFor("application/openmetrics-text; version=1.0.0", in, 0, in.length);
        assertEquals(Entry.TYPE, p.next());
        assertEquals(Entry.UNIT, p.next());
        assertEquals("seconds", p.unit());
        assertEquals(Entry.HELP, p.next());
        assertEquals("Some \"help\"", p.help());
        assertEquals(Entry.SERIES, p.next());
        assertEquals(MetricType.COUNTER, p.type());
        assertEquals(17.0, p.value());
        assertEquals(1520879607789L, p.timestampMillis());
        assertTrue(p.hasExemplar());
        assertEquals(Labels.of("id", "c\"x"), p.exemplarLabels());
        assertEquals(0.5, p.exemplarValue());
        assertEquals(1520879607100L, p.exemplarTimestampMillis());
        assertEquals(1520430000123L, p.createdTimestampMillis());
        assertEquals(Entry.SERIES, p.next());
        assertEquals("foo_seconds_created", p.metricName());
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void openMetricsCanSkipCreatedSeries() {
        byte[] in = b("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\nh_created 10\n# EOF");
        ExpositionParser p = ExpositionFormats.parserFor("application/openmetrics-text", in, 0, in.length,
                new ParserOptions(true, true));
        p.next();
        String[] names = new String[3];
        for (int i = 0; i < 3; i++) {
            assertEquals(Entry.SERIES, p.next());
            names[i] = p.metricName();
            assertEquals(10_000L, p.createdTimestampMillis());
        }
        assertArrayEquals(new String[] {"h_bucket", "h_count", "h_sum"}, names);
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void openMetricsQuotedUtf8Names() {
        byte[] in = b("# TYPE \"my.metric\" gauge\n# HELP \"my.metric\" Wie geht's\n{\"my.metric\",\"läbel.x\"=\"v\",b=\"c\"} 1\n# EOF\n");
        for (ParserOptions o : new ParserOptions[] {ParserOptions.STRICT, ParserOptions.SCRAPE}) {
            ExpositionParser p = ExpositionFormats.parserFor("application/openmetrics-text", in, 0, in.length, o);
            assertEquals(Entry.TYPE, p.next());
            assertEquals("my.metric", p.familyName());
            assertEquals(Entry.HELP, p.next());
            assertEquals(Entry.SERIES, p.next());
            assertEquals(MetricType.GAUGE, p.type());
            assertEquals(Labels.of("__name__", "my.metric", "läbel.x", "v", "b", "c"), p.labels());
            assertEquals(Entry.EOF, p.next());
        }
    }

    @Test
    void openMetricsScrapeModeChecksUnitSuffixAsPrometheus() {
        byte[] in = b("# UNIT a_seconds bytes\n# EOF\n");
        ExpositionParser p = ExpositionFormats.parserFor("application/openmetrics-text", in, 0, in.length);
        ExpositionParseException e = assertThrows(ExpositionParseException.class, p::next);
        assertEquals("line 1: unit \"bytes\" not a suffix of metric \"a_seconds\"", e.getMessage());
    }

    @Test
    void openMetricsCreatedTimestampAcrossQuotedSummary() {
        byte[] in = b("# TYPE \"rpc.seconds\" summary\n{\"rpc.seconds\",quantile=\"0\"} 1\n{\"rpc.seconds_created\"} 1520872607.123\n"
                + "{quantile=\"0.5\",\"rpc.seconds\",a=\"b\"} 2\n{\"rpc.seconds_sum\"} 3\n# EOF\n");
        ExpositionParser p = ExpositionFormats.parserFor("application/openmetrics-text", in, 0, in.length,
                new ParserOptions(false, true));
        assertEquals(Entry.TYPE, p.next());
        assertEquals(Entry.SERIES, p.next());
        assertEquals(Labels.of("__name__", "rpc.seconds", "quantile", "0.0"), p.labels());
        assertEquals(1520872607123L, p.createdTimestampMillis());
        assertEquals(Entry.SERIES, p.next()); // the _created line is skipped
        assertEquals(Labels.of("__name__", "rpc.seconds", "quantile", "0.5", "a", "b"), p.labels());
        assertEquals(Long.MIN_VALUE, p.createdTimestampMillis()); // other labels: no created sample
        assertEquals(Entry.SERIES, p.next());
        assertEquals("rpc.seconds_sum", p.metricName());
        // as in Prometheus, the lookup only scans ahead: a _created line already passed is not found
        assertEquals(Long.MIN_VALUE, p.createdTimestampMillis());
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void openMetricsRequiresEof() {
        byte[] in = b("a 1\n");
        ExpositionParser p = new OpenMetricsParser(in, 0, in.length);
        p.next();
        ExpositionParseException e = assertThrows(ExpositionParseException.class, p::next);
        assertEquals("line 2: data does not end with # EOF", e.getMessage());
    }

    @Test
    void scrapeModeAcceptsWhatStrictRejects() {
        byte[] in = b("# TYPE a histogram\na_bucket{le=\"-1\"} 0\na_bucket{le=\"+Inf\"} 0\na_sum 0\na_count 0\n# EOF\n");
        ExpositionParser strict = ExpositionFormats.parserFor("application/openmetrics-text", in, 0, in.length, ParserOptions.STRICT);
        assertThrows(ExpositionParseException.class, () -> {
            while (strict.next() != Entry.EOF) {
                // drain
            }
        });
        ExpositionParser scrape = ExpositionFormats.parserFor("application/openmetrics-text", in, 0, in.length);
        int n = 0;
        while (scrape.next() != Entry.EOF) {
            n++;
        }
        assertEquals(5, n);
    }

    @Test
    void contentNegotiation() {
        assertEquals(ExpositionFormats.Format.OPENMETRICS_TEXT,
                ExpositionFormats.formatOf("Application/OpenMetrics-Text; version=1.0.0; charset=utf-8"));
        assertEquals(ExpositionFormats.Format.PROMETHEUS_TEXT, ExpositionFormats.formatOf("text/plain; version=0.0.4"));
        assertEquals(ExpositionFormats.Format.PROMETHEUS_TEXT, ExpositionFormats.formatOf(""));
        assertEquals(ExpositionFormats.Format.PROMETHEUS_TEXT, ExpositionFormats.formatOf(null));
        assertTrue(ExpositionFormats.SCRAPE_ACCEPT_HEADER.startsWith("application/openmetrics-text;version=1.0.0"));
    }

    @Test
    void parsesAtAnOffsetWithinALargerBuffer() {
        byte[] in = b("garbage|x 5\n|more");
        ExpositionParser p = new PromTextParser(in, 8, 4);
        assertEquals(Entry.SERIES, p.next());
        assertEquals(5.0, p.value());
        assertEquals(8, p.seriesStart());
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void numbersParseExactlyAndRejectJavaOnlySpellings() {
        String[] good = {"1", "-3e3", "0.1", "1.7560473e+06", ".5", "5.", "123456789012345678901234", "4.9e-324", "0x1p-2", "Inf", "-inf", "NaN", "08"};
        for (String g : good) {
            byte[] bs = b(g);
            double want = g.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : g.equals("-inf") ? Double.NEGATIVE_INFINITY
                    : g.equals("NaN") ? Double.NaN : Double.parseDouble(g);
            assertEquals(want, NumberSyntax.parseGoFloat(bs, 0, bs.length), g);
        }
        for (String bad : new String[] {"1d", "1f", " 1", "1_0", "0x1", "+nan", "", "e5", "1e", "Infinityx"}) {
            byte[] bs = b(bad);
            assertThrows(NumberFormatException.class, () -> NumberSyntax.parseGoFloat(bs, 0, bs.length), bad);
        }
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            byte[] bs = b(Double.toString(d).replace("E", "e"));
            assertEquals(d, NumberSyntax.parseDecimal(bs, 0, bs.length), Arrays.toString(bs));
        }
    }
}
