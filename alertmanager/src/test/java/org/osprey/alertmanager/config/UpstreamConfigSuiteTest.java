package org.osprey.alertmanager.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.osprey.alertmanager.cli.CheckAlertmanagerCommand;
import org.osprey.model.labels.Labels;

/**
 * Runs every upstream fixture in shared/alertmanager-tests: the expected outcome of each config
 * file comes from the fixture's own FORMAT.md tables, read at test time.
 */
class UpstreamConfigSuiteTest {
    private static Path shared() {
        return Path.of(System.getProperty("osprey.shared", "../../shared")).resolve("alertmanager-tests");
    }

    /** file name to expected validity, parsed from the "config/ — valid" and "— invalid" tables. */
    private static Map<String, Boolean> expectations() throws IOException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Boolean section = null;
        for (String line : Files.readAllLines(shared().resolve("FORMAT.md"))) {
            if (line.startsWith("## ")) {
                section = line.startsWith("## config/ — valid") ? Boolean.TRUE
                        : line.startsWith("## config/ — invalid") ? Boolean.FALSE : null;
                continue;
            }
            if (section != null && line.startsWith("| conf.")) {
                for (String f : line.split("\\|")[1].split(",")) {
                    out.put(f.strip(), section);
                }
            }
        }
        return out;
    }

    private static Properties skips() throws IOException {
        Properties p = new Properties();
        try (InputStream in = UpstreamConfigSuiteTest.class.getResourceAsStream("/alertmanager-tests.skip")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p;
    }

    @Test
    void everyUpstreamConfigFixtureIsAcceptedOrRejectedAsUpstreamDoes() throws IOException {
        Map<String, Boolean> expected = expectations();
        Properties skips = skips();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int skipped = 0;
        try (var files = Files.list(shared().resolve("config"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                Boolean valid = expected.get(name);
                if (valid == null) {
                    failures.add(name + ": not listed in FORMAT.md");
                    continue;
                }
                if (skips.containsKey(name)) {
                    skipped++;
                    continue;
                }
                String outcome;
                try {
                    ConfigLoader.load(f);
                    outcome = null;
                } catch (ConfigException e) {
                    outcome = e.getMessage();
                }
                if (valid && outcome != null) {
                    failures.add(name + ": expected valid, rejected with: " + outcome);
                } else if (!valid && outcome == null) {
                    failures.add(name + ": expected to be rejected, but loaded");
                } else {
                    passed++;
                }
            }
        }
        System.out.printf("alertmanager-tests config: %d passed, %d failed, %d skipped of %d%n", passed,
                failures.size(), skipped, expected.size());
        assertEquals(46, expected.size(), "FORMAT.md lists 20 valid and 26 invalid files");
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void rejectionsNameTheCause() throws Exception {
        Path c = shared().resolve("config");
        assertMessage(c.resolve("conf.smtp-both-password-and-file.yml"), "at most one of smtp_auth_password & smtp_auth_password_file must be configured");
        assertMessage(c.resolve("conf.nil-match_re-route.yml"), "invalid_label");
        assertMessage(c.resolve("conf.nil-source_match_re-inhibition.yml"), "invalid_source_label");
        assertMessage(c.resolve("conf.nil-target_match_re-inhibition.yml"), "invalid_target_label");
        assertMessage(c.resolve("conf.opsgenie-default-apikey-old-team.yml"), "teams");
        assertMessage(c.resolve("conf.sns-invalid.yml"), "must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
    }

    private static void assertMessage(Path f, String part) {
        try {
            ConfigLoader.load(f);
            fail(f + " loaded");
        } catch (ConfigException e) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void goodConfigDetails() throws Exception {
        AlertmanagerConfig c = ConfigLoader.load(shared().resolve("config/conf.good.yml"));
        assertEquals("host.example.org", c.global().smtpHello());
        assertEquals(5 * 60_000, c.global().resolveTimeoutMillis());
        assertEquals(30_000, c.route().groupWaitMillis());
        assertEquals(3 * 3600_000, c.route().repeatIntervalMillis());
        Route db = c.route().routes().get(2);
        assertEquals(List.of("alertname", "cluster", "database"), db.groupBy());
        assertEquals(3 * 3600_000, db.routes().get(0).repeatIntervalMillis(), "children inherit intervals");
        assertEquals(1, c.inhibitRules().size());
        assertEquals(List.of("alertname", "cluster", "service"), c.inhibitRules().get(0).equal());

        AlertmanagerConfig all = ConfigLoader.load(shared().resolve("config/conf.group-by-all.yml"));
        assertTrue(all.route().groupByAll());
        Labels l = Labels.of("a", "1", "b", "2");
        assertEquals(l, all.route().groupLabels(l));

        AlertmanagerConfig empty = ConfigLoader.load(shared().resolve("config/conf.empty-fields.yml"));
        assertTrue(empty.global().smtpRequireTls());
        assertEquals("localhost", empty.global().smtpHello());
        assertEquals("", empty.receivers().get(0).emailConfigs().get(0).authUsername());

        AlertmanagerConfig pw = ConfigLoader.load(shared().resolve("config/conf.smtp-password-global-and-local.yml"));
        List<EmailConfig> mails = pw.receivers().get(0).emailConfigs();
        assertEquals("/tmp/globaluserpassword", mails.get(0).authPasswordFile());
        assertEquals("/tmp/localuser1password", mails.get(1).authPasswordFile());
        assertEquals("", mails.get(2).authPasswordFile(), "an inline password suppresses the inherited file");
        assertEquals("mysecret", mails.get(2).authPassword());
        assertEquals("/tmp/globalusersecret", mails.get(2).authSecretFile());
        assertEquals("", mails.get(3).authSecretFile());

        AlertmanagerConfig http = ConfigLoader.load(shared().resolve("config/conf.http-config.good.yml"));
        assertFalse(http.global().httpConfig().followRedirects());
    }

    @Test
    void amtoolCliFixtures() throws Exception {
        Path cli = shared().resolve("cli");
        assertEquals(0, check(cli.resolve("conf.good.yml")));
        assertEquals(1, check(cli.resolve("conf.bad.yml")));
        AlertmanagerConfig routing = ConfigLoader.load(cli.resolve("conf.routing.yml"));
        assertEquals(List.of("test1"), receivers(routing, "1"));
        assertEquals(List.of("test1", "test2"), receivers(routing, "2"));
        assertEquals(List.of("default"), receivers(routing, "volovina"));
        AlertmanagerConfig reverted = ConfigLoader.load(cli.resolve("conf.routing-reverted.yml"));
        assertEquals(List.of("test2", "test1"), receivers(reverted, "2"));
        System.out.println("alertmanager-tests cli: 2 check-config and 4 routing cases passed");
    }

    private static List<String> receivers(AlertmanagerConfig c, String test) {
        return c.route().match(Labels.of("test", test)).stream().map(Route::receiver).toList();
    }

    private static int check(Path f) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = CheckAlertmanagerCommand.run(new String[] {f.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        String text = o.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(rc == 0 ? "SUCCESS" : "FAILED"), text);
        return rc;
    }
}
