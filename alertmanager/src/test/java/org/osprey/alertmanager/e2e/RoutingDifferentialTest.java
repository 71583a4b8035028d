package org.osprey.alertmanager.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.alertmanager.config.AlertmanagerConfig;
import org.osprey.alertmanager.config.ConfigLoader;
import org.osprey.alertmanager.config.MatcherParser;
import org.osprey.alertmanager.config.Route;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;

/**
 * One routing tree (nesting, continue, regex and negative matchers, legacy match/match_re) asked
 * for many label sets, by the real {@code amtool config routes test} 0.25 and by Osprey's router:
 * the receivers, in order, must be the same. Skipped only when amtool is not installed.
 */
class RoutingDifferentialTest {
    private static final Path AMTOOL = Path.of("/usr/bin/amtool");

    @TempDir
    Path dir;

    private static final String TREE = """
            route:
              receiver: default
              routes:
                - matchers: ['severity=~"critical|page"']
                  receiver: pager
                  continue: true
                  routes:
                    - match: {team: db}
                      receiver: db-pager
                    - matchers: [team!=web, 'env!~"dev|test"']
                      receiver: prod-pager
                - match_re: {service: '^(api|web)$'}
                  receiver: web
                  routes:
                    - matchers: ['{env="dev"}']
                      receiver: web-dev
                      continue: true
                    - matchers: [env=dev]
                      receiver: web-dev-2
                - matchers: [team=db]
                  receiver: db
                  continue: true
                - matchers: ['team=~"d.*"']
                  receiver: d-teams
            receivers:
              - name: default
              - name: pager
              - name: db-pager
              - name: prod-pager
              - name: web
              - name: web-dev
              - name: web-dev-2
              - name: db
              - name: d-teams
            """;

    private static final String[] LABEL_SETS = {
        "severity=critical", "severity=critical team=db", "severity=page team=web", "severity=page team=ops env=prod",
        "severity=page env=dev", "severity=warning", "service=api", "service=api env=dev", "service=apix",
        "service=web env=prod", "team=db", "team=dev", "team=db severity=critical service=api", "team=design env=test",
        "severity=critical service=web env=dev", "foo=bar",
    };

    @Test
    void receiversMatchAmtool() throws Exception {
        assumeTrue(Files.isExecutable(AMTOOL), "amtool is not installed at /usr/bin/amtool; skipping");
        Path f = dir.resolve("routes.yml");
        Files.writeString(f, TREE);
        AlertmanagerConfig cfg = ConfigLoader.load(f);
        List<String> diffs = new ArrayList<>();
        for (String set : LABEL_SETS) {
            List<String> cmd = new ArrayList<>(List.of(AMTOOL.toString(), "config", "routes", "test", "--config.file=" + f));
            cmd.addAll(List.of(set.split(" ")));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String upstream = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(20, TimeUnit.SECONDS);
            Labels.Builder b = Labels.builder();
            for (String kv : set.split(" ")) {
                LabelMatcher m = MatcherParser.parseOne(kv);
                b.set(m.name(), m.value());
            }
            String osprey = String.join(",", cfg.route().match(b.build()).stream().map(Route::receiver).toList());
            if (!upstream.equals(osprey)) {
                diffs.add(set + ": amtool " + upstream + ", osprey " + osprey);
            }
        }
        System.out.println("routing differential against amtool 0.25: " + (LABEL_SETS.length - diffs.size()) + "/"
                + LABEL_SETS.length + " label sets agree");
        assertEquals(List.of(), diffs);
    }
}
