package org.osprey.model.exposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;
import org.osprey.model.textformat.TextFormatWriter;
import org.osprey.model.textparse.ExpositionFormats;

class ProtobufCodecTest {
    /** A delimited MetricFamily written byte by byte from metrics.proto's field numbers. */
    static final byte[] HAND_MADE = {
        0x1c, // message length 28
        0x0a, 0x01, 'a', // name = "a"
        0x18, 0x00, // type = COUNTER
        0x22, 0x15, // metric, 21 bytes
        0x0a, 0x06, 0x0a, 0x01, 'x', 0x12, 0x01, 'y', // label {name: "x", value: "y"}
        0x1a, 0x09, 0x09, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f, // counter {value: 1.0}
        0x30, 0x05, // timestamp_ms = 5
    };

    @Test
    void decodesUpstreamWireLayout() throws IOException {
        List<MetricFamily> fs = ProtobufCodec.decodeDelimited(new ByteArrayInputStream(HAND_MADE));
        assertEquals(List.of(new MetricFamily("a", null, MetricType.COUNTER,
                List.of(Metric.ofValue(Labels.of("x", "y"), 1.0, 5)))), fs);
    }

    @Test
    void encodesTheSameBytes() {
        byte[] out = ProtobufCodec.encodeDelimited(List.of(new MetricFamily("a", null, MetricType.COUNTER,
                List.of(Metric.ofValue(Labels.of("x", "y"), 1.0, 5)))));
        assertArrayEquals(HAND_MADE, out);
    }

    @Test
    void rejectsTruncatedInput() {
        byte[] cut = java.util.Arrays.copyOf(HAND_MADE, HAND_MADE.length - 3);
        assertThrows(IOException.class, () -> ProtobufCodec.decodeDelimited(cut, 0, cut.length));
    }

    @Test
    void realExpositionRoundTripsTextProtobufText() throws IOException {
        Path text = Path.of(System.getProperty("osprey.shared", "../shared"), "exposition-tests",
                "prometheus-text-expfmt", "text.prom");
        byte[] in = Files.readAllBytes(text);
        List<MetricFamily> families = TextFamilies.parse(ExpositionFormats.TEXT_CONTENT_TYPE, in, 0, in.length);
        assertEquals(true, families.size() > 10, "families: " + families.size());
        assertEquals(true, families.stream().anyMatch(f -> f.type() == MetricType.SUMMARY));
        byte[] proto = ProtobufCodec.encodeDelimited(families);
        List<MetricFamily> decoded = ProtobufCodec.decodeDelimited(proto, 0, proto.length);
        assertEquals(families, decoded);
        byte[] again = TextFormatWriter.toBytes(decoded);
        assertEquals(families, TextFamilies.parse(ExpositionFormats.TEXT_CONTENT_TYPE, again, 0, again.length));
    }
}
