package org.osprey.model.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osprey.model.textformat.OpenMetricsWriter;
import org.osprey.model.textformat.TextFormatWriter;
import org.osprey.model.textparse.ExpositionFormats;
import org.osprey.model.textparse.ParserOptions;

/**
 * FORMAT.md's smoke test on Prometheus's real-world parser inputs: parse, write again (text,
 * OpenMetrics, protobuf), parse the output, and get the same families.
 */
class RoundTripTest {
    static Stream<Path> inputs() throws IOException {
        Path dir = Path.of(System.getProperty("osprey.shared", "../shared"), "exposition-tests", "prometheus-textparse");
        return Files.list(dir).sorted();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void parseWriteParseKeepsEveryFamily(Path file) throws IOException {
        byte[] in = Files.readAllBytes(file);
        String ct = file.toString().endsWith(".om.txt") ? ExpositionFormats.OPENMETRICS_CONTENT_TYPE : ExpositionFormats.TEXT_CONTENT_TYPE;
        List<MetricFamily> families = TextFamilies.parse(ct, in, 0, in.length, ParserOptions.SCRAPE);
        assertTrue(families.stream().mapToInt(f -> f.metrics().size()).sum() > 0, "no metrics in " + file);

        // The text writers follow Prometheus storage semantics, where an empty value is an absent
        // label, so they write no e=""; only the protobuf codec carries those pairs through.
        List<MetricFamily> withoutEmpty = withoutEmptyLabelNames(families);
        byte[] text = TextFormatWriter.toBytes(families);
        assertSameFamilies(withoutEmpty, TextFamilies.parse(ExpositionFormats.TEXT_CONTENT_TYPE, text, 0, text.length, ParserOptions.STRICT), "text");

        byte[] om = OpenMetricsWriter.toBytes(families);
        assertSameFamilies(withoutEmpty, TextFamilies.parse(ExpositionFormats.OPENMETRICS_CONTENT_TYPE, om, 0, om.length, ParserOptions.SCRAPE), "openmetrics");

        byte[] proto = ProtobufCodec.encodeDelimited(families);
        assertSameFamilies(families, ProtobufCodec.decodeDelimited(proto, 0, proto.length), "protobuf");
    }

    static List<MetricFamily> withoutEmptyLabelNames(List<MetricFamily> families) {
        return families.stream()
                .map(f -> f.withMetrics(f.metrics().stream().map(m -> m.withEmptyLabelNames(List.of())).toList()))
                .toList();
    }

    /** Compares family by family so a failure names the first family that differs. */
    static void assertSameFamilies(List<MetricFamily> want, List<MetricFamily> got, String via) {
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertEquals(want.get(i), got.get(i), via + ": family " + i);
        }
        assertEquals(want.size(), got.size(), via + ": family count");
    }
}
