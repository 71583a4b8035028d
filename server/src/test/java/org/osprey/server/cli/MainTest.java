package org.osprey.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.osprey.model.value.PromDuration;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryFlagWithDefaultsAndTheSubcommands() {
        assertEquals(0, run("--help"));
        String help = out();
        for (FlagSpec f : ServerFlags.flagSet().flags()) {
            assertTrue(help.contains("--" + (f.kind() == FlagKind.BOOL ? "[no-]" : "") + f.name()), f.name());
        }
        assertTrue(help.contains("(default: \"0.0.0.0:9090\")"), help);
        assertTrue(help.contains("(default: \"data/\")"), help);
        assertTrue(help.contains("check config"), help);
        assertTrue(help.contains("tsdb create-blocks-from openmetrics"), help);
    }

    @Test
    void unknownFlagExitsTwoNamingTheFlag() {
        assertEquals(2, run("--web.listen-adress=:9090"));
        assertTrue(err().contains("unknown long flag '--web.listen-adress'"), err());
    }

    @Test
    void badDurationExitsTwoNamingFlagAndValue() {
        assertEquals(2, run("--storage.tsdb.retention.time", "fortnight"));
        assertTrue(err().contains("invalid value \"fortnight\" for flag '--storage.tsdb.retention.time'"), err());
    }

    @Test
    void badEnumAndMissingValueExitTwo() {
        assertEquals(2, run("--log.level=loud"));
        assertTrue(err().contains("must be one of debug, info, warn, error"), err());
        assertEquals(2, run("--config.file"));
        assertTrue(err().contains("expected argument for flag '--config.file'"), err());
        assertEquals(2, run("--web.listen-address=nocolon"));
        assertTrue(err().contains("missing port"), err());
    }

    @Test
    void unknownCommandExitsTwo() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
    }

    @Test
    void bothFlagSpellingsAndBoolNegationParse() throws Exception {
        ServerOptions a = ServerOptions.parse("--web.listen-address=127.0.0.1:9191", "--query.timeout", "30s",
                "--web.enable-lifecycle", "--no-web.enable-admin-api", "--storage.tsdb.retention.size", "512MB");
        assertEquals("127.0.0.1", a.listenHost());
        assertEquals(9191, a.listenPort());
        assertEquals(30_000, a.queryTimeoutMillis());
        assertTrue(a.enableLifecycle());
        assertEquals(false, a.enableAdminApi());
        assertEquals(512L << 20, a.retentionBytes());
        assertEquals(0, a.retentionMillis(), "size alone disables the 15d default as upstream");
        ServerOptions d = ServerOptions.parse();
        assertEquals("0.0.0.0", d.listenHost());
        assertEquals(9090, d.listenPort());
        assertEquals(15L * 86_400_000L, d.retentionMillis());
        assertEquals(300_000, d.lookbackDeltaMillis());
        assertEquals("data", d.tsdbPath().toString());
        assertEquals("5m", d.flags().get("query.lookback-delta"));
    }

    @Test
    void delegatedSubcommandReportsAvailabilityOrRuns() {
        Subcommand missing = new Subcommand("nothing here", "org.osprey.does.not.Exist", "x");
        assertEquals(false, missing.available());
        assertEquals(1, missing.run(new String[0], System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err().contains("'nothing here' is not available yet"), err());
    }

    @Test
    void versionPrintsOspreyAndPrometheusVersions() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("osprey, version "), out());
    }

    @Test
    void durationsRoundTripInUpstreamForm() {
        assertEquals(90 * 60_000L, PromDuration.parseMillis("1h30m"));
        assertEquals("1h30m", PromDuration.format(90 * 60_000L));
        assertEquals("15d", PromDuration.format(15L * 86_400_000L));
        assertEquals("2w", PromDuration.format(14L * 86_400_000L));
        assertEquals(1_500, PromDuration.parseMillis("1s500ms"));
        try {
            PromDuration.parseMillis("30m1h");
            throw new AssertionError("units out of order must fail");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("not a valid duration string"));
        }
    }
}
