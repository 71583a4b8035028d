package org.osprey.model.textformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.osprey.model.textparse.ExpositionFormats;

class ResponseFormatTest {
    @Test
    void negotiatesLikeExpfmt() {
        assertEquals(ResponseFormat.TEXT, ResponseFormat.negotiate(null, true, true));
        assertEquals(ResponseFormat.TEXT, ResponseFormat.negotiate("*/*", true, true));
        assertEquals(ResponseFormat.OPENMETRICS, ResponseFormat.negotiate(ExpositionFormats.SCRAPE_ACCEPT_HEADER, true, true));
        assertEquals(ResponseFormat.TEXT, ResponseFormat.negotiate(ExpositionFormats.SCRAPE_ACCEPT_HEADER, false, true));
        assertEquals(ResponseFormat.PROTOBUF, ResponseFormat.negotiate(
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3", true, true));
        assertEquals(ResponseFormat.TEXT, ResponseFormat.negotiate(
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3", true, false));
        assertEquals(ResponseFormat.TEXT, ResponseFormat.negotiate("application/openmetrics-text;q=0.2,text/plain;q=0.9", true, true));
        assertEquals(ResponseFormat.TEXT, ResponseFormat.negotiate("application/openmetrics-text;version=9.9.9", true, true));
    }
}
