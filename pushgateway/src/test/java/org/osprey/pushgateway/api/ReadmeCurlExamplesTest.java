package org.osprey.pushgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.pushgateway.PushgatewayOptions;
import org.osprey.pushgateway.RunningPushgateway;

/**
 * Upstream README's curl examples, run with the real {@code curl} against Osprey (host swapped
 * for the loopback address; {@code -s -o /dev/null -w %{http_code}} added to read the status).
 * The same commands are listed in pushgateway/README.md.
 */
class ReadmeCurlExamplesTest {
    private static final String HOST = "http://pushgateway.example.org:9091";
    private RunningPushgateway pg;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        pg = new RunningPushgateway(PushgatewayOptions.defaults().withAdminApi(true));
    }

    @AfterEach
    void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private String sh(String command) throws Exception {
        String cmd = command.replace(HOST, pg.base).replaceFirst("curl ", "curl -s -o /dev/null -w '%{http_code}' ");
        Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), cmd + "\n" + out);
        return out.trim();
    }

    @Test
    void readmeExamplesInOrder() throws Exception {
        assertEquals("200", sh("echo \"some_metric 3.14\" | curl --data-binary @- " + HOST + "/metrics/job/some_job"));
        assertTrue(pg.pushedMetrics().contains("# TYPE some_metric untyped\nsome_metric{instance=\"\",job=\"some_job\"} 3.14\n"));

        String complex = "cat <<EOF | curl --data-binary @- " + HOST + "/metrics/job/some_job/instance/some_instance\n"
                + "# TYPE some_metric counter\n"
                + "some_metric{label=\"val1\"} 42\n"
                + "# TYPE another_metric gauge\n"
                + "# HELP another_metric Just an example.\n"
                + "another_metric 2398.283\n"
                + "EOF\n";
        // Upstream 1.5 rejects this second example too: some_metric is already untyped in {job="some_job"}.
        assertEquals("400", sh(complex));
        assertEquals("202", sh("curl -X DELETE " + HOST + "/metrics/job/some_job"));
        assertEquals("200", sh(complex));
        String s = pg.pushedMetrics();
        assertTrue(s.contains("some_metric{instance=\"some_instance\",job=\"some_job\",label=\"val1\"} 42\n"), s);
        assertTrue(s.contains("# HELP another_metric Just an example.\n# TYPE another_metric gauge\n"
                + "another_metric{instance=\"some_instance\",job=\"some_job\"} 2398.283\n"), s);

        assertEquals("202", sh("curl -X DELETE " + HOST + "/metrics/job/some_job/instance/some_instance"));
        assertFalse(pg.pushedMetrics().contains("some_instance"));

        assertEquals("200", sh("echo 'some_metric{foo=\"bar\"} 3.14' | curl --data-binary @- " + HOST
                + "/metrics/job/directory_cleaner/path@base64/$(printf '/var/tmp' | base64 | tr '+/' '-_' | tr -d '=')"));
        assertTrue(pg.pushedMetrics().contains("some_metric{foo=\"bar\",instance=\"\",job=\"directory_cleaner\",path=\"/var/tmp\"} 3.14\n"));

        assertEquals("200", sh("echo \"some_metric 3.14\" | gzip | curl -H 'Content-Encoding: gzip' --data-binary @- " + HOST + "/metrics/job/some_job"));
        assertTrue(pg.pushedMetrics().contains("some_metric{instance=\"\",job=\"some_job\"} 3.14\n"));

        assertEquals("202", sh("curl -X PUT " + HOST + "/api/v1/admin/wipe"));
        assertFalse(pg.pushedMetrics().contains("some_metric"));
        assertEquals("200", sh("curl -X GET " + HOST + "/api/v1/status"));
        assertEquals("200", sh("curl -X GET " + HOST + "/api/v1/metrics"));
        assertEquals("200", sh("curl " + HOST + "/-/healthy"));
        assertEquals("200", sh("curl " + HOST + "/-/ready"));
    }
}
