package org.osprey.tsdb.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.StorageConformanceTest;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;

class BackfillCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return BackfillCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesTwoHourBlocksThatAStorageOpenedOnTheDirectoryServes() throws Exception {
        StringBuilder om = new StringBuilder("# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n");
        // 5 h of data every 5 min for two series, timestamps in seconds
        for (long s = 0; s < 5 * 3600; s += 300) {
            om.append("http_requests_total{code=\"200\",path=\"/a\\\"b\"} ").append(s).append(' ').append(s).append('\n');
            om.append("http_requests_total{code=\"500\"} ").append(s / 10.0).append(' ').append(s).append(".5\n");
        }
        om.append("# TYPE up gauge\nup 1 7200\n# EOF\n");
        Path file = Files.writeString(dir.resolve("in.om"), om);
        Path data = dir.resolve("data");
        assertEquals(0, run("tsdb", "create-blocks-from", "openmetrics", file.toString(), data.toString()));
        String out = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("BLOCK ULID\tMIN TIME\tMAX TIME"), out);
        assertTrue(out.contains("wrote 3 blocks with 121 samples"), out);
        try (Tsdb db = Tsdb.open(data, TsdbOptions.defaults().withCompaction(false))) {
            assertEquals(3, db.blocks().size());
            Map<Labels, List<long[]>> got = StorageConformanceTest.read(db, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.regex("__name__", ".+"));
            List<long[]> ok = got.get(Labels.of("__name__", "http_requests_total", "code", "200", "path", "/a\"b"));
            assertEquals(60, ok.size());
            assertEquals(300_000, ok.get(1)[0]);
            assertEquals(300.0, Double.longBitsToDouble(ok.get(1)[1]));
            assertEquals(500, got.get(Labels.of("__name__", "http_requests_total", "code", "500")).get(0)[0]);
            assertEquals(1, got.get(Labels.of("__name__", "up")).size());
        }
    }

    @Test
    void acceptsTheArgumentsTheLauncherPassesAfterStrippingTheSubcommandWords() throws Exception {
        Path file = Files.writeString(dir.resolve("in.om"), "# TYPE up gauge\nup 1 60\nup 0 120\n# EOF\n");
        Path data = dir.resolve("data");
        assertEquals(0, run(file.toString(), data.toString()), errBytes.toString(StandardCharsets.UTF_8));
        try (Tsdb db = Tsdb.open(data, TsdbOptions.defaults().withCompaction(false))) {
            assertEquals(2, StorageConformanceTest.read(db, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.equal("__name__", "up"))
                    .get(Labels.of("__name__", "up")).size());
        }
    }

    @Test
    void sampleWithoutTimestampIsAnErrorNamingTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.om"), "a 1 10\nb 2\n# EOF\n");
        assertEquals(1, run("create-blocks-from", "openmetrics", file.toString(), dir.resolve("d").toString()));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("line 2: expected timestamp"), errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingEofAndBadUsageAreReported() throws Exception {
        Path file = Files.writeString(dir.resolve("noeof.om"), "a 1 10\n");
        assertEquals(1, run("create-blocks-from", "openmetrics", file.toString(), dir.resolve("d").toString()));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("# EOF"));
        assertEquals(2, run("create-blocks-from", "csv"));
    }
}
