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

    @Test
    void corruptedInputFailsOnlyWithIOException() {
        byte[] good = ProtobufCodec.encodeDelimited(List.of(
                new MetricFamily("h", "help", MetricType.HISTOGRAM, List.of(Metric.ofHistogram(Labels.of("a", "b"), 3, 1.5,
                        List.of(new Bucket(0.5, 1), new Bucket(Double.POSITIVE_INFINITY, 3)), 7))),
                new MetricFamily("s", null, MetricType.SUMMARY, List.of(Metric.ofSummary(Labels.EMPTY, 2, 1,
                        List.of(new Quantile(0.5, 0.1)), Metric.NO_TIMESTAMP)))));
        long seed = System.nanoTime();
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = good.clone();
            int edits = 1 + r.nextInt(3);
            for (int k = 0; k < edits; k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            if (r.nextBoolean()) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
            try {
                ProtobufCodec.decodeDelimited(b, 0, b.length);
            } catch (IOException expected) {
                // rejected as malformed
            } catch (RuntimeException bug) {
                throw new AssertionError("seed " + seed + ", iteration " + i + ": " + bug, bug);
            }
        }
    }
}
