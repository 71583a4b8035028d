package org.osprey.model.textformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;

class NameEscapingTest {
    @Test
    void escapesAsPrometheusSchemes() {
        assertEquals("my_metric", NameEscaping.UNDERSCORES.escape("my.metric"));
        assertEquals("a:b_c", NameEscaping.UNDERSCORES.escape("a:b_c"));
        assertEquals("_x", NameEscaping.UNDERSCORES.escape("1x"));
        assertEquals("my_dot_metric__total", NameEscaping.DOTS.escape("my.metric_total"));
        assertEquals("a____b", NameEscaping.DOTS.escape("a_-b"));
        assertEquals("U__my_2e_metric__total", NameEscaping.VALUES.escape("my.metric_total"));
        assertEquals("U___20ac_", NameEscaping.VALUES.escape("€"));
        assertEquals("plain", NameEscaping.VALUES.escape("plain"));
        assertEquals("my.metric", NameEscaping.ALLOW_UTF8.escape("my.metric"));
    }

    @Test
    void negotiatesFromAccept() {
        assertEquals(NameEscaping.UNDERSCORES, NameEscaping.fromAccept(null));
        assertEquals(NameEscaping.UNDERSCORES, NameEscaping.fromAccept("text/plain;version=0.0.4"));
        assertEquals(NameEscaping.ALLOW_UTF8, NameEscaping.fromAccept("text/plain;version=1.0.0;escaping=allow-utf-8"));
        assertEquals(NameEscaping.DOTS, NameEscaping.fromAccept("application/openmetrics-text; escaping=dots"));
    }

    @Test
    void escapesLabelSets() {
        assertEquals(Labels.of("__name__", "my_metric", "label_name", "v.a.l"),
                NameEscaping.UNDERSCORES.escape(Labels.of("__name__", "my.metric", "label.name", "v.a.l")));
    }
}
