package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.alertmanager.cli.CheckAlertmanagerCommand;

/**
 * Crafted configs checked by the real {@code amtool check-config} 0.25 and by
 * {@code osprey check alertmanager}: both must accept or reject each one. Skipped only when amtool
 * is not installed.
 */
class CheckConfigDifferentialTest {
    private static final Path AMTOOL = Path.of("/usr/bin/amtool");
    private static final String R = "receivers:\n  - name: r\n";

    @TempDir
    Path dir;

    private static Map<String, String> cases() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("minimal", "route: {receiver: r}\n" + R);
        m.put("unknown top-level key", "foo: 1\nroute: {receiver: r}\n" + R);
        m.put("unknown route key", "route: {receiver: r, group_bye: [a]}\n" + R);
        m.put("no route", R);
        m.put("root without receiver", "route: {group_by: [a]}\n" + R);
        m.put("undefined receiver", "route: {receiver: r, routes: [{receiver: x}]}\n" + R);
        m.put("duplicate receiver", "route: {receiver: r}\n" + R + "  - name: r\n");
        m.put("receiver without name", "route: {receiver: r}\n" + R + "  - webhook_configs: [{url: 'http://a/'}]\n");
        m.put("wildcard and labels", "route: {receiver: r, group_by: ['...', a]}\n" + R);
        m.put("duplicate group_by", "route: {receiver: r, group_by: [a, a]}\n" + R);
        m.put("bad group_by name", "route: {receiver: r, group_by: ['a-b']}\n" + R);
        m.put("zero group_interval", "route: {receiver: r, group_interval: 0s}\n" + R);
        m.put("zero repeat_interval", "route: {receiver: r, repeat_interval: 0s}\n" + R);
        m.put("bad duration", "route: {receiver: r, group_wait: 5x}\n" + R);
        m.put("root matchers", "route: {receiver: r, matchers: ['a=b']}\n" + R);
        m.put("root continue", "route: {receiver: r, continue: true}\n" + R);
        m.put("matchers unquoted and regex", "route: {receiver: r, routes: [{matchers: ['severity=critical', 'team!~\"a|b\"', 'x=~y.*']}]}\n" + R);
        m.put("matchers braces", "route: {receiver: r, routes: [{matchers: ['{a=\"b\", c!=\"d\"}']}]}\n" + R);
        m.put("bad matcher regex", "route: {receiver: r, routes: [{matchers: ['a=~\"(\"']}]}\n" + R);
        m.put("bad matcher syntax", "route: {receiver: r, routes: [{matchers: ['a']}]}\n" + R);
        m.put("bad match_re", "route: {receiver: r, routes: [{match_re: {a: '('}}]}\n" + R);
        m.put("bad match label", "route: {receiver: r, routes: [{match: {'a-b': x}}]}\n" + R);
        m.put("inhibit rule", "route: {receiver: r}\n" + R
                + "inhibit_rules:\n  - source_matchers: [a=b]\n    target_matchers: ['c=~\"d|e\"']\n    equal: [f]\n");
        m.put("inhibit bad equal", "route: {receiver: r}\n" + R + "inhibit_rules:\n  - source_match: {a: b}\n    equal: ['f-g']\n");
        m.put("time intervals", "route: {receiver: r, routes: [{receiver: r, mute_time_intervals: [w], active_time_intervals: [w]}]}\n" + R
                + "time_intervals:\n  - name: w\n    time_intervals:\n      - weekdays: ['monday:friday']\n"
                + "        times: [{start_time: '09:00', end_time: '17:00'}]\n        days_of_month: ['1:5', '-3:-1']\n"
                + "        months: ['jan:march']\n        location: Europe/Berlin\n");
        m.put("legacy mute_time_intervals", "route: {receiver: r, routes: [{receiver: r, mute_time_intervals: [w]}]}\n" + R
                + "mute_time_intervals:\n  - name: w\n    time_intervals: [{weekdays: [saturday, sunday]}]\n");
        m.put("undefined time interval", "route: {receiver: r, routes: [{receiver: r, mute_time_intervals: [nope]}]}\n" + R);
        m.put("duplicate time interval", "route: {receiver: r}\n" + R
                + "time_intervals:\n  - name: w\n    time_intervals: []\n  - name: w\n    time_intervals: []\n");
        m.put("bad time of day", "route: {receiver: r}\n" + R
                + "time_intervals:\n  - name: w\n    time_intervals: [{times: [{start_time: '25:00', end_time: '26:00'}]}]\n");
        m.put("bad weekday", "route: {receiver: r}\n" + R + "time_intervals:\n  - name: w\n    time_intervals: [{weekdays: [funday]}]\n");
        m.put("email ok", "global: {smtp_smarthost: 'a:25', smtp_from: 'a@b.c'}\nroute: {receiver: r}\n"
                + "receivers:\n  - name: r\n    email_configs: [{to: 'x@y.z', headers: {X-A: b}}]\n");
        m.put("email without to", "global: {smtp_smarthost: 'a:25', smtp_from: 'a@b.c'}\nroute: {receiver: r}\n"
                + "receivers:\n  - name: r\n    email_configs: [{}]\n");
        m.put("email without smarthost", "global: {smtp_from: 'a@b.c'}\nroute: {receiver: r}\n"
                + "receivers:\n  - name: r\n    email_configs: [{to: 'x@y.z'}]\n");
        m.put("email without from", "global: {smtp_smarthost: 'a:25'}\nroute: {receiver: r}\n"
                + "receivers:\n  - name: r\n    email_configs: [{to: 'x@y.z'}]\n");
        m.put("email duplicate header", "global: {smtp_smarthost: 'a:25', smtp_from: 'a@b.c'}\nroute: {receiver: r}\n"
                + "receivers:\n  - name: r\n    email_configs: [{to: 'x@y.z', headers: {Subject: a, subject: b}}]\n");
        m.put("email unknown key", "global: {smtp_smarthost: 'a:25', smtp_from: 'a@b.c'}\nroute: {receiver: r}\n"
                + "receivers:\n  - name: r\n    email_configs: [{to: 'x@y.z', cc: 'q@y.z'}]\n");
        m.put("webhook ok", "route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs: [{url: 'http://a:1/x', max_alerts: 3,"
                + " send_resolved: false, http_config: {basic_auth: {username: u, password: p}}}]\n");
        m.put("webhook without url", "route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs: [{}]\n");
        m.put("webhook ftp url", "route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs: [{url: 'ftp://a/x'}]\n");
        m.put("webhook negative max_alerts", "route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs: [{url: 'http://a/', max_alerts: -1}]\n");
        m.put("http_config two auths", "route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs: [{url: 'http://a/',"
                + " http_config: {bearer_token: t, basic_auth: {username: u}}}]\n");
        m.put("slack without url", "route: {receiver: r}\nreceivers:\n  - name: r\n    slack_configs: [{channel: '#a'}]\n");
        m.put("pagerduty without key", "route: {receiver: r}\nreceivers:\n  - name: r\n    pagerduty_configs: [{}]\n");
        m.put("pagerduty ok", "route: {receiver: r}\nreceivers:\n  - name: r\n    pagerduty_configs: [{routing_key: k}]\n");
        m.put("global resolve_timeout", "global: {resolve_timeout: 1m}\nroute: {receiver: r}\n" + R);
        m.put("global unknown key", "global: {resolve_timeot: 1m}\nroute: {receiver: r}\n" + R);
        m.put("smtp both password and file", "global: {smtp_auth_password: a, smtp_auth_password_file: /b}\nroute: {receiver: r}\n" + R);
        m.put("duplicate yaml key", "route: {receiver: r}\nroute: {receiver: r}\n" + R);
        m.put("not yaml mapping", "- a\n- b\n");
        return m;
    }

    @Test
    void ospreyAndAmtoolAgreeOnEveryCase() throws Exception {
        assumeTrue(Files.isExecutable(AMTOOL), "amtool is not installed at /usr/bin/amtool; skipping");
        List<String> disagreements = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> c : cases().entrySet()) {
            Path f = dir.resolve("case" + n++ + ".yml");
            Files.writeString(f, c.getValue());
            Process p = new ProcessBuilder(AMTOOL.toString(), "check-config", f.toString()).redirectErrorStream(true).start();
            String upstreamOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            boolean upstream = p.exitValue() == 0;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean osprey = CheckAlertmanagerCommand.run(new String[] {f.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) == 0;
            if (upstream != osprey) {
                disagreements.add(c.getKey() + ": amtool " + (upstream ? "accepts" : "rejects") + ", osprey "
                        + (osprey ? "accepts" : "rejects") + "\n  amtool: " + upstreamOut.strip().replace("\n", " ")
                        + "\n  osprey: " + out.toString(StandardCharsets.UTF_8).strip().replace("\n", " "));
            }
        }
        System.out.println("check-config differential against amtool 0.25: " + (cases().size() - disagreements.size()) + "/"
                + cases().size() + " agree");
        assertEquals(List.of(), disagreements);
    }
}
