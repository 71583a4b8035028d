package org.osprey.scrape.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.PromDuration;

class ConfigLoaderTest {
    private static PrometheusConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(yaml, "test.yml", Path.of("/etc/osprey"), Map.of("TEST", "TestValue")::get);
    }

    @Test
    void emptyFileHasUpstreamDefaults() throws Exception {
        PrometheusConfig c = load("");
        assertEquals(60_000, c.global().scrapeIntervalMillis());
        assertEquals(10_000, c.global().scrapeTimeoutMillis());
        assertEquals(60_000, c.global().evaluationIntervalMillis());
        assertEquals(GlobalConfig.DEFAULT_SCRAPE_PROTOCOLS, c.global().scrapeProtocols());
    }

    @Test
    void scrapeConfigInheritsGlobalsAndDefaults() throws Exception {
        PrometheusConfig c = load("""
                global: {scrape_interval: 5s, sample_limit: 100, body_size_limit: 1MB}
                scrape_configs:
                  - job_name: a
                    static_configs: [{targets: ["h:1"], labels: {env: prod}}]
                """);
        ScrapeConfig a = c.scrapeConfig("a");
        assertEquals(5_000, a.scrapeIntervalMillis());
        assertEquals(5_000, a.scrapeTimeoutMillis(), "timeout capped at the interval");
        assertEquals("/metrics", a.metricsPath());
        assertEquals("http", a.scheme());
        assertTrue(a.honorTimestamps());
        assertFalse(a.honorLabels());
        assertEquals(100, a.sampleLimit());
        assertEquals(1 << 20, a.bodySizeLimit());
        assertEquals(Labels.of("__address__", "h:1"), a.staticConfigs().get(0).targets().get(0));
        assertEquals(Labels.of("env", "prod"), a.staticConfigs().get(0).labels());
    }

    @Test
    void relativePathsResolveAgainstConfigFolder() throws Exception {
        PrometheusConfig c = load("""
                rule_files: [rules/*.yml]
                scrape_configs:
                  - job_name: a
                    bearer_token_file: token
                    tls_config: {ca_file: /abs/ca.pem}
                    file_sd_configs: [{files: [sd/*.json]}]
                """);
        assertEquals(List.of("/etc/osprey/rules/*.yml"), c.ruleFiles());
        ScrapeConfig a = c.scrapeConfig("a");
        assertEquals(new HttpClientConfig.Authorization("Bearer", "", "/etc/osprey/token"), a.http().authorization());
        assertEquals("/abs/ca.pem", a.http().tls().caFile());
        assertEquals(List.of("/etc/osprey/sd/*.json"), a.fileSdConfigs().get(0).files());
        assertEquals(300_000, a.fileSdConfigs().get(0).refreshIntervalMillis());
    }

    @Test
    void externalLabelsExpandEnvironment() throws Exception {
        Path f = UpstreamConfigTestdataTest.dir().resolve("external_labels.good.yml");
        PrometheusConfig c = ConfigLoader.load(Files.readString(f), f.toString(), null, Map.of("TEST", "TestValue")::get);
        assertEquals(Labels.of("bar", "foo", "baz", "fooTestValuebar", "foo", "TestValue", "qux", "foo${TEST}",
                "xyz", "foo$bar"), c.global().externalLabels());
    }

    @Test
    void unsupportedDiscoveryLoadsWithWarningNamingKindAndJob() throws Exception {
        Path f = UpstreamConfigTestdataTest.dir().resolve("conf.good.yml");
        PrometheusConfig c = ConfigLoader.loadFile(f);
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("consul_sd_configs") && w.contains("\"service-y\"")),
                c.warnings().toString());
        assertEquals(1, c.scrapeConfig("service-y").unsupportedSdConfigs().size());
        assertEquals(2, c.scrapeConfig("service-kubernetes-namespaces").kubernetesSdConfigs().size()
                + c.scrapeConfig("service-kubernetes").kubernetesSdConfigs().size());
        ScrapeConfig x = c.scrapeConfig("service-x");
        assertEquals(50_000, x.scrapeIntervalMillis());
        assertEquals(5_000, x.scrapeTimeoutMillis());
        assertEquals(10L << 20, x.bodySizeLimit());
        assertEquals("hashmod", x.relabelConfigs().get(1).action());
        assertEquals(8, x.relabelConfigs().get(1).modulus());
        assertEquals(15L << 20, c.scrapeConfig("prometheus").bodySizeLimit());
    }

    @Test
    void unknownKeyNamesFileLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("scrape_configs:\n  - job_name: a\n    honour_labels: true\n"));
        assertEquals("parsing YAML file test.yml: yaml: unmarshal errors:\n  line 3: field honour_labels not found in type config.plain",
                e.getMessage());
    }

    @Test
    void durationsFollowUpstreamSyntax() {
        assertEquals(90 * 60_000, PromDuration.parseMillis("1h30m"));
        assertEquals(1_500, PromDuration.parseMillis("1s500ms"));
        assertEquals(0, PromDuration.parseMillis("0"));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parseMillis("30m1h"));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parseMillis("1.5s"));
        assertEquals("1h30m", PromDuration.format(90 * 60_000));
    }

    @Test
    void extraScrapeMetricsLocalOverridesGlobal() throws Exception {
        for (String[] c : new String[][] {{"global_enable_extra_scrape_metrics.good.yml", "true"},
                {"local_disable_extra_scrape_metrics.good.yml", "false"},
                {"local_enable_extra_scrape_metrics.good.yml", "true"}, {"conf.good.yml", "false"}}) {
            PrometheusConfig cfg = ConfigLoader.loadFile(UpstreamConfigTestdataTest.dir().resolve(c[0]));
            assertEquals(Boolean.parseBoolean(c[1]), cfg.scrapeConfigs().get(0).extraScrapeMetrics(), c[0]);
        }
    }
}
