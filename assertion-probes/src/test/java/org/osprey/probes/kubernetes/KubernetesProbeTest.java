package org.osprey.probes.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.osprey.probes.FailureReason;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.StepResult;
import org.osprey.probes.config.KubernetesSettings;

/**
 * Runs the create → read → delete cycle against the Fabric8 mock API server in CRUD mode. One server
 * for the class (static fields) keeps the run short; each test works in its own namespace.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesProbeTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void createReadDeleteCyclePassesAndLeavesNothingBehind() throws Exception {
        KubernetesProbe probe = new KubernetesProbe(new KubernetesSettings("probes", "crud-"), client, "apiserver");
        ProbeResult r = probe.run(Duration.ofSeconds(5));
        assertTrue(r.success(), r::message);
        assertEquals(List.of("create", "read", "delete"), r.steps().stream().map(StepResult::step).toList());
        assertTrue(r.steps().stream().allMatch(StepResult::success));
        assertEquals(0, client.configMaps().inNamespace("probes").list().getItems().size(), "the probe deleted its object");

        // The API server really saw a create, a read and a delete of the same generated name.
        List<String> calls = recorded();
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("POST /api/v1/namespaces/probes/configmaps")), calls::toString);
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("GET /api/v1/namespaces/probes/configmaps/crud-")), calls::toString);
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("DELETE /api/v1/namespaces/probes/configmaps/crud-")), calls::toString);

        // A second run uses a fresh name, so runs never collide with a leftover.
        assertTrue(probe.run(Duration.ofSeconds(5)).success());
        List<String> all = new java.util.ArrayList<>(calls);
        all.addAll(recorded());
        long distinctDeletes = all.stream().filter(c -> c.startsWith("DELETE /api/v1/namespaces/probes/")).map(c -> c.split(" ")[1]).distinct().count();
        assertEquals(2, distinctDeletes);
    }

    private List<String> recorded() throws InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        RecordedRequest req;
        while ((req = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            out.add(req.getMethod() + " " + req.getPath() + " " + req.getUtf8Body());
        }
        return out;
    }

    @Test
    void rejectedCreateFailsTheCreateStep() {
        server.expect().post().withPath("/api/v1/namespaces/locked/configmaps")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withStatus("Failure")
                        .withMessage("configmaps is forbidden: User \"osprey\" cannot create resource").build())
                .always();
        ProbeResult r = new KubernetesProbe(new KubernetesSettings("locked", "crud-"), client, "apiserver").run(Duration.ofSeconds(5));
        assertFalse(r.success());
        assertEquals(FailureReason.CREATE, r.reason());
        assertTrue(r.message().contains("HTTP 403"), r.message());
        assertTrue(r.message().contains("cannot create resource"), r.message());
        assertEquals(1, r.steps().size());
        assertFalse(r.steps().get(0).success());
    }

    @Test
    void failedReadStillCleansUp() {
        // 403, not 5xx: Fabric8 retries server errors, which would hide a one-off failure.
        server.expect().get().withPath("/api/v1/namespaces/flaky/configmaps/crud-fixed")
                .andReturn(403, new StatusBuilder().withCode(403).withStatus("Failure").withMessage("etcd timeout").build())
                .once();
        ProbeResult r = new KubernetesProbe(new KubernetesSettings("flaky", "crud-"), client, "apiserver", () -> "crud-fixed")
                .run(Duration.ofSeconds(5));
        assertEquals(FailureReason.READ, r.reason(), r::message);
        assertTrue(r.message().contains("etcd timeout"), r.message());
        assertTrue(r.message().endsWith("(cleaned up)"), r.message());
        assertEquals(List.of(true, false, true), r.steps().stream().map(StepResult::success).collect(Collectors.toList()));
        assertEquals(0, client.configMaps().inNamespace("flaky").list().getItems().size(), "deleted even though read failed");
    }

    @Test
    void rejectedDeleteFailsTheDeleteStepAndTheLeftoverIsLabelled() {
        server.expect().delete().withPath("/api/v1/namespaces/sticky/configmaps/crud-kept")
                .andReturn(403, new StatusBuilder().withCode(403).withStatus("Failure").withMessage("cannot delete resource").build())
                .always();
        ProbeResult r = new KubernetesProbe(new KubernetesSettings("sticky", "crud-"), client, "apiserver", () -> "crud-kept")
                .run(Duration.ofSeconds(5));
        assertEquals(FailureReason.DELETE, r.reason(), r::message);
        assertTrue(r.message().contains("cannot delete resource"), r.message());
        assertEquals(List.of(true, true, false), r.steps().stream().map(StepResult::success).collect(Collectors.toList()));
        var left = client.configMaps().inNamespace("sticky").withLabel(KubernetesProbe.MANAGED_BY_LABEL, KubernetesProbe.MANAGED_BY)
                .list().getItems();
        assertEquals(1, left.size(), "the leftover can be found by its label");
        assertEquals("apiserver", left.get(0).getData().get("probe"));
    }

    @Test
    void stepResultsReachTheMetricsThroughTheService() throws Exception {
        org.osprey.probes.config.ProbeConfig cfg = org.osprey.probes.config.ProbeConfigLoader.parse("""
                probes:
                  - name: crud
                    kind: kubernetes
                    severity: critical
                    kubernetes: {namespace: metrics}
                """, "k.yml");
        List<String> lines = new java.util.ArrayList<>();
        try (org.osprey.probes.ProbeService s = org.osprey.probes.ProbeService.unscheduled(cfg,
                org.osprey.probes.ProbeFactory.withKubernetes(client), org.osprey.probes.alert.AlertSink.NONE, java.time.Clock.systemUTC())) {
            assertTrue(s.runAll().get(0).success());
            s.visitMetrics(new org.osprey.probes.metrics.ProbeMetricVisitor() {
                @Override
                public void family(String name, String type, String help) {
                }

                @Override
                public void sample(String name, org.osprey.model.labels.Labels labels, double value) {
                    lines.add(name + labels + " " + value);
                }
            });
        }
        for (String step : List.of("create", "read", "delete")) {
            assertTrue(lines.contains("osprey_probe_step_success{probe=\"crud\", step=\"" + step + "\"} 1.0"), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("osprey_probe_step_duration_seconds{probe=\"crud\", step=\"" + step + "\"}")));
        }
        assertTrue(lines.contains("osprey_probe_success{kind=\"kubernetes\", probe=\"crud\", severity=\"critical\"} 1.0"), lines::toString);
        assertEquals(0, client.configMaps().inNamespace("metrics").list().getItems().size());
    }
}
