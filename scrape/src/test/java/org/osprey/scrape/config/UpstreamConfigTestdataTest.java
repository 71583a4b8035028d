package org.osprey.scrape.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of upstream's config/testdata (shared/config-tests, read unmodified): each
 * *.good.yml loads, each *.bad.yml fails naming the field and cause. Where upstream's
 * config_test.go gives an expected error text, ours must contain it.
 */
class UpstreamConfigTestdataTest {
    /** Upstream's expected error substrings (facts from config_test.go), where we match its wording. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("jobname.bad.yml", "job_name is empty"),
            Map.entry("jobname_dup.bad.yml", "found multiple scrape configs with job name \"prometheus\""),
            Map.entry("scrape_interval.bad.yml", "scrape timeout greater than scrape interval"),
            Map.entry("labelname.bad.yml", "\"\\xff\" is not a valid label name"),
            Map.entry("labelvalue.bad.yml", "\"\\xff\" is not a valid label value"),
            Map.entry("regex.bad.yml", "error parsing regexp"),
            Map.entry("modulus_missing.bad.yml", "relabel configuration for hashmod requires non-zero modulus"),
            Map.entry("labelkeep.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelkeep2.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelkeep3.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelkeep4.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelkeep5.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labeldrop.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labeldrop2.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labeldrop3.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labeldrop4.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labeldrop5.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("dropequal.bad.yml", "relabel configuration for dropequal action requires 'target_label' value"),
            Map.entry("dropequal1.bad.yml", "dropequal action requires only 'source_labels' and `target_label`, and no other fields"),
            Map.entry("keepequal.bad.yml", "relabel configuration for keepequal action requires 'target_label' value"),
            Map.entry("keepequal1.bad.yml", "keepequal action requires only 'source_labels' and `target_label`, and no other fields"),
            Map.entry("labelmap.bad.yml", "!!binary value contains invalid base64 data"),
            Map.entry("lowercase.bad.yml", "relabel configuration for lowercase action requires 'target_label' value"),
            Map.entry("lowercase3.bad.yml", "'replacement' can not be set for lowercase action"),
            Map.entry("uppercase.bad.yml", "relabel configuration for uppercase action requires 'target_label' value"),
            Map.entry("uppercase3.bad.yml", "'replacement' can not be set for uppercase action"),
            Map.entry("rules.bad.yml", "invalid rule file path"),
            Map.entry("unknown_attr.bad.yml", "field consult_sd_configs not found in type"),
            Map.entry("bearertoken.bad.yml", "at most one of bearer_token & bearer_token_file must be configured"),
            Map.entry("bearertoken_basicauth.bad.yml", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured"),
            Map.entry("kubernetes_http_config_without_api_server.bad.yml", "to use custom HTTP client configuration please provide the 'api_server' URL explicitly"),
            Map.entry("kubernetes_kubeconfig_with_own_namespace.bad.yml", "cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously"),
            Map.entry("kubernetes_api_server_with_own_namespace.bad.yml", "cannot use 'api_server' and 'namespaces.own_namespace' simultaneously"),
            Map.entry("kubernetes_kubeconfig_with_apiserver.bad.yml", "cannot use 'kubeconfig_file' and 'api_server' simultaneously"),
            Map.entry("kubernetes_kubeconfig_with_http_config.bad.yml", "cannot use a custom HTTP client configuration together with 'kubeconfig_file'"),
            Map.entry("kubernetes_bearertoken.bad.yml", "at most one of bearer_token & bearer_token_file must be configured"),
            Map.entry("kubernetes_role.bad.yml", "role"),
            Map.entry("kubernetes_selectors_endpoints.bad.yml", "endpoints role supports only pod, service, endpoints selectors"),
            Map.entry("kubernetes_selectors_ingress.bad.yml", "ingress role supports only ingress selectors"),
            Map.entry("kubernetes_selectors_node.bad.yml", "node role supports only node selectors"),
            Map.entry("kubernetes_selectors_pod.bad.yml", "pod role supports only pod"),
            Map.entry("kubernetes_selectors_service.bad.yml", "service role supports only service selectors"),
            Map.entry("kubernetes_namespace_discovery.bad.yml", "field foo not found in type kubernetes.plain"),
            Map.entry("kubernetes_selectors_duplicated_role.bad.yml", "duplicated selector role: pod"),
            Map.entry("kubernetes_selectors_incorrect_selector.bad.yml", "invalid selector: 'metadata.status-Running'; can't understand 'metadata.status-Running'"),
            Map.entry("kubernetes_bearertoken_basicauth.bad.yml", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured"),
            Map.entry("kubernetes_authorization_basicauth.bad.yml", "at most one of basic_auth, oauth2 & authorization must be configured"),
            Map.entry("url_in_targetgroup.bad.yml", "\"http://bad\" is not a valid hostname"),
            Map.entry("target_label_missing.bad.yml", "relabel configuration for replace action requires 'target_label' value"),
            Map.entry("target_label_hashmod_missing.bad.yml", "relabel configuration for hashmod action requires 'target_label' value"),
            Map.entry("unknown_global_attr.bad.yml", "field nonexistent_field not found in type config.plain"),
            Map.entry("remote_read_url_missing.bad.yml", "url for remote_read is empty"),
            Map.entry("remote_write_header.bad.yml", "x-prometheus-remote-write-version is a reserved header. It must not be changed"),
            Map.entry("remote_read_header.bad.yml", "x-prometheus-remote-write-version is a reserved header. It must not be changed"),
            Map.entry("remote_write_authorization_header.bad.yml", "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter"),
            Map.entry("remote_write_wrong_msg.bad.yml", "invalid protobuf_message value: unknown type for remote write protobuf message io.prometheus.writet.v2.Request, supported: prometheus.WriteRequest, io.prometheus.write.v2.Request"),
            Map.entry("remote_write_url_missing.bad.yml", "url for remote_write is empty"),
            Map.entry("remote_write_dup.bad.yml", "found multiple remote write configs with job name \"queue1\""),
            Map.entry("remote_read_dup.bad.yml", "found multiple remote read configs with job name \"queue1\""),
            Map.entry("section_key_dup.bad.yml", "field scrape_configs already set in type config.plain"),
            Map.entry("empty_scrape_config.bad.yml", "empty or null scrape config section"),
            Map.entry("empty_rw_config.bad.yml", "empty or null remote write config section"),
            Map.entry("empty_rr_config.bad.yml", "empty or null remote read config section"),
            Map.entry("empty_target_relabel_config.bad.yml", "empty or null target relabeling rule"),
            Map.entry("empty_metric_relabel_config.bad.yml", "empty or null metric relabeling rule"),
            Map.entry("empty_alert_relabel_config.bad.yml", "empty or null alert relabeling rule"),
            Map.entry("empty_alertmanager_relabel_config.bad.yml", "empty or null Alertmanager target relabeling rule"),
            Map.entry("empty_rw_relabel_config.bad.yml", "empty or null relabeling rule in remote write config"),
            Map.entry("empty_static_config.bad.yml", "empty or null section in static_configs"),
            Map.entry("scrape_body_size_limit.bad.yml", "units: unknown unit  in 100"),
            Map.entry("http_url_no_scheme.bad.yml", "URL scheme must be 'http' or 'https'"),
            Map.entry("http_url_no_host.bad.yml", "host is missing in URL"),
            Map.entry("http_token_file.bad.yml", "at most one of bearer_token & bearer_token_file must be configured"),
            Map.entry("http_url_bad_scheme.bad.yml", "URL scheme must be 'http' or 'https'"),
            Map.entry("empty_scrape_config_action.bad.yml", "relabel action cannot be empty"),
            Map.entry("tracing_missing_endpoint.bad.yml", "tracing endpoint must be set"),
            Map.entry("tracing_invalid_header.bad.yml", "x-prometheus-remote-write-version is a reserved header. It must not be changed"),
            Map.entry("tracing_invalid_authorization_header.bad.yml", "authorization header configuration is not yet supported"),
            Map.entry("tracing_invalid_compression.bad.yml", "invalid compression type foo provided, valid options: gzip"),
            Map.entry("scrape_config_files_glob.bad.yml", "invalid scrape config file path \"scrape_configs/*/*\""),
            Map.entry("scrape_config_files_scrape_protocols.bad.yml", "scrape_protocols: unknown scrape protocol prometheusproto, supported: [OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0] for scrape config with job name \"node\""),
            Map.entry("scrape_config_files_scrape_protocols2.bad.yml", "duplicated protocol in scrape_protocols, got [OpenMetricsText1.0.0 PrometheusProto OpenMetricsText1.0.0] for scrape config with job name \"node\""),
            Map.entry("scrape_config_files_fallback_scrape_protocol1.bad.yml", "invalid fallback_scrape_protocol for scrape config with job name \"node\": unknown scrape protocol prometheusproto, supported: [OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0]"),
            Map.entry("scrape_config_files_fallback_scrape_protocol2.bad.yml", "unmarshal errors"),
            Map.entry("scrape_config_utf8_conflicting.bad.yml", "utf8 metric names requested but validation scheme is not set to UTF8"),
            Map.entry("scrape_config_files_double_import.bad.yml", "found multiple scrape configs with job name \"prometheus\""),
            Map.entry("scrape_config_files_duplicate.bad.yml", "found multiple scrape configs with job name \"prometheus\""),
            Map.entry("scrape_config_files_global.bad.yml", "scrape timeout greater than scrape interval for scrape config with job name \"prometheus\""),
            Map.entry("scrape_config_files_global_duplicate.bad.yml", "found multiple scrape configs with job name \"prometheus\""),
            Map.entry("scrape_config_files.bad.yml", "scrape timeout greater than scrape interval for scrape config with job name \"prometheus\""),
            // Cases upstream's table does not word; our error must still name the field and cause.
            Map.entry("metric_name_validation_scheme.bad.yml", "unknown global name validation method specified"),
            Map.entry("static_config.bad.yml", "field targets not found in type config.plain"),
            Map.entry("remote_write_queue_capacity_zero.bad.yml", "capacity must be greater than 0"),
            Map.entry("remote_write_queue_max_backoff_less_than_min.bad.yml", "max_backoff (1s) must not be less than min_backoff (10s)"),
            Map.entry("remote_write_queue_max_samples_per_send_zero.bad.yml", "max_samples_per_send must be greater than 0"),
            Map.entry("remote_write_queue_max_shards_zero.bad.yml", "max_shards must be greater than 0"),
            Map.entry("remote_write_queue_min_shards_greater_than_max.bad.yml", "min_shards (100) must not be greater than max_shards (10)"),
            Map.entry("remote_write_queue_min_shards_zero.bad.yml", "min_shards must be greater than 0"),
            Map.entry("tsdb_chunk_encoding_floats.bad.yml", "unknown chunk encoding for floats \"xor3\""),
            Map.entry("tsdb_chunk_encoding_floats_wrong_case.bad.yml", "unknown chunk encoding for floats \"XOR\""),
            Map.entry("tsdb_chunk_encoding_floats_wrong_case_xor2.bad.yml", "unknown chunk encoding for floats \"XOR2\""),
            Map.entry("tsdb_retention_percentage.bad.yml", "retention percentage must be between 0 and 100"),
            Map.entry("tsdb_retention_percentage_negative.bad.yml", "retention percentage must be between 0 and 100"),
            Map.entry("tsdb_retention_size.bad.yml", "negative size not allowed: -1GB"),
            Map.entry("tsdb_retention_time.bad.yml", "not a valid duration string: \"-1h\""));

    static Path dir() {
        return Path.of(System.getProperty("osprey.shared", "../../shared"), "config-tests");
    }

    @Test
    void everyGoodAndBadCase() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir())) {
            files = s.filter(p -> p.toString().endsWith(".good.yml") || p.toString().endsWith(".bad.yml")).sorted().toList();
        }
        assertTrue(files.size() > 100, "expected the upstream testdata under " + dir());
        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            String problem = check(f, name);
            if (problem == null) {
                passed++;
            } else {
                failures.add(name + ": " + problem);
            }
        }
        System.out.println("config-tests: " + passed + " passed, " + failures.size() + " failed");
        failures.forEach(System.out::println);
        assertEquals(List.of(), failures, passed + " passed, " + failures.size() + " failed");
    }

    private static String check(Path f, String name) {
        boolean good = name.endsWith(".good.yml");
        try {
            PrometheusConfig c = ConfigLoader.load(Files.readString(f), "testdata/" + name, f.getParent(),
                    v -> null);
            return good ? null : "loaded but should have been rejected";
        } catch (ConfigException e) {
            if (good) {
                return "rejected: " + e.getMessage();
            }
            String want = EXPECTED.get(name);
            if (want == null) {
                return "no expected error recorded; got: " + e.getMessage();
            }
            return e.getMessage().contains(want) ? null : "error \"" + e.getMessage() + "\" lacks \"" + want + "\"";
        } catch (IOException | RuntimeException e) {
            return "crashed: " + e;
        }
    }
}
