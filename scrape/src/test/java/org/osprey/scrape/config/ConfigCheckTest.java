package org.osprey.scrape.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ConfigCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void validFileListsRuleFilesAndExitsZero() throws Exception {
        Files.writeString(dir.resolve("a.rules.yml"), "groups: []\n");
        Files.writeString(dir.resolve("b.rules.yml"), "groups: []\n");
        Path cfg = dir.resolve("prometheus.yml");
        Files.writeString(cfg, """
                rule_files: ["*.rules.yml"]
                scrape_configs:
                  - job_name: node
                    consul_sd_configs: [{server: "localhost:8500"}]
                    static_configs: [{targets: ["localhost:9100"]}]
                """);
        assertEquals(0, run(cfg.toString()));
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.startsWith("Checking " + cfg + "\n"), o);
        assertTrue(o.contains("  SUCCESS: 2 rule files found\n"), o);
        assertTrue(o.contains("a.rules.yml"), o);
        assertTrue(o.contains(" SUCCESS: " + cfg + " is valid prometheus config file syntax\n"), o);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("consul_sd_configs"), err.toString());
    }

    @Test
    void unknownKeyFailsWithFileLineAndKey() throws Exception {
        Path cfg = dir.resolve("bad.yml");
        Files.writeString(cfg, "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: x\n    scrape_intervall: 5s\n");
        assertEquals(1, run(cfg.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("  FAILED: parsing YAML file " + cfg), e);
        assertTrue(e.contains("line 5: field scrape_intervall not found"), e);
    }

    @Test
    void missingCertFileFailsUnlessSyntaxOnly() throws Exception {
        Path cfg = dir.resolve("tls.yml");
        Files.writeString(cfg, "scrape_configs:\n  - job_name: x\n    tls_config: {cert_file: c.pem, key_file: k.pem}\n");
        assertEquals(1, run(cfg.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("c.pem"));
        assertEquals(0, run("--syntax-only", cfg.toString()));
    }

    @Test
    void noFileIsUsageError() {
        assertEquals(2, run());
    }
}
