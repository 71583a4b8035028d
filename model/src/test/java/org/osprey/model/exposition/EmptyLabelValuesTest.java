package org.osprey.model.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;
import org.osprey.model.textparse.ExpositionFormats;

/**
 * Labels pushed with an empty value: {@link Labels} drops them (storage semantics), the family
 * model records their names so a Pushgateway can expose {@code e=""} as upstream 1.5 does.
 */
class EmptyLabelValuesTest {
    private static List<MetricFamily> text(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return TextFamilies.parse(ExpositionFormats.TEXT_CONTENT_TYPE, b, 0, b.length);
    }

    @Test
    void textKeepsEmptyValuedLabelNamesApartFromLabels() {
        List<Metric> ms = text("m{e=\"\"} 1\nm{e=\"x\"} 2\nm 3\nn{c=\"\",b=\"1\",a=\"\"} 4\n").stream()
                .flatMap(f -> f.metrics().stream()).toList();
        assertEquals(List.of("e"), ms.get(0).emptyLabelNames());
        assertEquals(Labels.EMPTY, ms.get(0).labels(), "Labels semantics unchanged: e=\"\" is not in labels()");
        assertEquals(List.of(), ms.get(1).emptyLabelNames());
        assertEquals("x", ms.get(1).labels().get("e"));
        assertEquals(List.of(), ms.get(2).emptyLabelNames());
        assertEquals(List.of("a", "c"), ms.get(3).emptyLabelNames(), "sorted");
        assertEquals(Labels.of("b", "1"), ms.get(3).labels());
    }

    @Test
    void quotesInsideValuesAndQuotedNamesAreNotMistakenForEmptyValues() {
        byte[] b = "{\"my.metric\",\"la.bel\"=\"\",q=\"x\\\"\\\"\",r=\"\\\\\"} 1\n".getBytes(StandardCharsets.UTF_8);
        Metric m = TextFamilies.parse("text/plain; version=1.0.0", b, 0, b.length).getFirst().metrics().getFirst();
        assertEquals(List.of("la.bel"), m.emptyLabelNames());
        assertEquals("x\"\"", m.labels().get("q"));
        assertEquals("\\", m.labels().get("r"));
    }

    @Test
    void summariesWithAndWithoutAnEmptyLabelAreTwoMetrics() {
        MetricFamily s = text("# TYPE s summary\ns{e=\"\",quantile=\"0.5\"} 1\ns_sum{e=\"\"} 2\ns_count{e=\"\"} 3\n"
                + "s{quantile=\"0.5\"} 4\ns_sum 5\ns_count 6\n").getFirst();
        assertEquals(2, s.metrics().size());
        assertEquals(List.of("e"), s.metrics().get(0).emptyLabelNames());
        assertEquals(3, s.metrics().get(0).count());
        assertEquals(List.of(), s.metrics().get(1).emptyLabelNames());
        assertEquals(6, s.metrics().get(1).count());
    }

    @Test
    void protobufDecodesAndEncodesEmptyValuedPairs() throws Exception {
        Metric m = Metric.ofValue(Labels.of("b", "1"), 2, Metric.NO_TIMESTAMP).withEmptyLabelNames(List.of("a", "c"));
        List<MetricFamily> in = List.of(new MetricFamily("g", null, MetricType.GAUGE, List.of(m)));
        byte[] wire = ProtobufCodec.encodeDelimited(in);
        assertEquals(in, ProtobufCodec.decodeDelimited(wire, 0, wire.length));
        // Metric.label entries as upstream's Go client writes them: sorted, the empty value as a present field 2
        String raw = new String(wire, StandardCharsets.ISO_8859_1);
        int a = raw.indexOf("\n\u0005\n\u0001a\u0012\u0000");
        int bPair = raw.indexOf("\n\u0006\n\u0001b\u0012\u00011");
        int c = raw.indexOf("\n\u0005\n\u0001c\u0012\u0000");
        assertTrue(a >= 0 && a < bPair && bPair < c, "pairs a, b, c in order: " + a + " " + bPair + " " + c);
    }

    @Test
    void aLabelBothEmptyAndSetIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Metric.ofValue(Labels.of("e", "x"), 1, Metric.NO_TIMESTAMP).withEmptyLabelNames(List.of("e")));
        assertThrows(IllegalArgumentException.class,
                () -> Metric.ofValue(Labels.EMPTY, 1, Metric.NO_TIMESTAMP).withEmptyLabelNames(List.of("b", "a")));
    }
}
