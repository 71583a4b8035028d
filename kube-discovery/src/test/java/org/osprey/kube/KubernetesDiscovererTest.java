package org.osprey.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.scrape.config.HttpClientConfig;
import org.osprey.scrape.config.KubernetesSdConfig;
import org.osprey.scrape.discovery.TargetGroup;

/** Each role against Fabric8's mock API server in CRUD mode: objects created, changed and deleted. */
@EnableKubernetesMockClient(crud = true)
class KubernetesDiscovererTest {
    KubernetesClient client;
    KubernetesMockServer server;

    private static KubernetesSdConfig sd(String role, List<String> namespaces, List<KubernetesSdConfig.Selector> selectors) {
        return new KubernetesSdConfig(role, "", "", namespaces, false, selectors, false, false, HttpClientConfig.DEFAULT);
    }

    private static List<TargetGroup> await(AtomicReference<List<TargetGroup>> latest, Predicate<List<TargetGroup>> ok)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (latest.get() == null || !ok.test(latest.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("discovery did not reach the expected state; last: " + latest.get());
            }
            Thread.sleep(20);
        }
        return latest.get();
    }

    /**
     * Closes after the mock server has flushed its watch events: the mock's watch listener waits
     * on its own send queue when a watch closes mid-send, which stalls its event loop.
     */
    private static void quietClose(KubernetesDiscoverer d) throws InterruptedException {
        Thread.sleep(300);
        d.close();
    }

    private static int targetCount(List<TargetGroup> gs) {
        return gs.stream().mapToInt(g -> g.targets().size()).sum();
    }

    private Pod pod(String ns, String name, String ip, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels)
                .addToAnnotations("prometheus.io/scrape", "true").endMetadata()
                .withNewSpec().withNodeName("node-a")
                .addNewContainer().withName("app").withImage("example/app:1")
                .addNewPort().withName("metrics").withContainerPort(9100).withProtocol("TCP").endPort()
                .addNewPort().withContainerPort(8080).endPort().endContainer()
                .addNewContainer().withName("sidecar").withImage("example/side:1").endContainer()
                .endSpec()
                .withNewStatus().withPodIP(ip).withHostIP("10.1.0.1").withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    }

    @Test
    void podRoleFollowsCreateUpdateDelete() throws Exception {
        AtomicReference<List<TargetGroup>> latest = new AtomicReference<>();
        KubernetesDiscoverer d1 = new KubernetesDiscoverer(sd("pod", List.of("default"), List.of()), client, false, "t");
        try {
            d1.start(latest::set);
            client.pods().inNamespace("default").resource(pod("default", "web-1", "10.0.0.5", Map.of("app.kubernetes.io/name", "web"))).create();
            client.pods().inNamespace("other").resource(pod("other", "elsewhere", "10.0.0.9", Map.of())).create();
            List<TargetGroup> gs = await(latest, g -> targetCount(g) == 3);
            TargetGroup g = gs.get(0);
            assertEquals("pod/default/web-1", g.source());
            Labels gl = g.labels();
            assertEquals("default", gl.get("__meta_kubernetes_namespace"));
            assertEquals("web-1", gl.get("__meta_kubernetes_pod_name"));
            assertEquals("web", gl.get("__meta_kubernetes_pod_label_app_kubernetes_io_name"));
            assertEquals("true", gl.get("__meta_kubernetes_pod_labelpresent_app_kubernetes_io_name"));
            assertEquals("true", gl.get("__meta_kubernetes_pod_annotation_prometheus_io_scrape"));
            assertEquals("true", gl.get("__meta_kubernetes_pod_ready"));
            assertEquals("Running", gl.get("__meta_kubernetes_pod_phase"));
            assertEquals("node-a", gl.get("__meta_kubernetes_pod_node_name"));
            assertEquals("10.0.0.5", gl.get("__meta_kubernetes_pod_ip"));
            Labels t = g.targets().get(0);
            assertEquals("10.0.0.5:9100", t.get("__address__"));
            assertEquals("app", t.get("__meta_kubernetes_pod_container_name"));
            assertEquals("metrics", t.get("__meta_kubernetes_pod_container_port_name"));
            assertEquals("9100", t.get("__meta_kubernetes_pod_container_port_number"));
            assertEquals("TCP", t.get("__meta_kubernetes_pod_container_port_protocol"));
            assertEquals("false", t.get("__meta_kubernetes_pod_container_init"));
            assertEquals("10.0.0.5:8080", g.targets().get(1).get("__address__"));
            assertEquals("10.0.0.5", g.targets().get(2).get("__address__"), "a container without ports gets the bare pod IP");

            client.pods().inNamespace("default").withName("web-1").edit(p -> new PodBuilder(p).editStatus().withPodIP("10.0.0.6").endStatus().build());
            await(latest, gl2 -> targetCount(gl2) == 3 && gl2.get(0).targets().get(0).get("__address__").equals("10.0.0.6:9100"));
            client.pods().inNamespace("default").withName("web-1").delete();
            await(latest, gl2 -> targetCount(gl2) == 0);
        } finally {
            quietClose(d1);
        }
    }

    @Test
    void labelSelectorNarrowsTheWatch() throws Exception {
        AtomicReference<List<TargetGroup>> latest = new AtomicReference<>();
        var sel = List.of(new KubernetesSdConfig.Selector("pod", "app=web", ""));
        client.pods().inNamespace("default").resource(pod("default", "web", "10.0.0.1", Map.of("app", "web"))).create();
        client.pods().inNamespace("default").resource(pod("default", "db", "10.0.0.2", Map.of("app", "db"))).create();
        KubernetesDiscoverer d2 = new KubernetesDiscoverer(sd("pod", List.of(), sel), client, false, "t");
        try {
            d2.start(latest::set);
            List<TargetGroup> gs = await(latest, g -> targetCount(g) > 0);
            assertEquals(1, gs.size());
            assertEquals("web", gs.get(0).labels().get("__meta_kubernetes_pod_name"));
        } finally {
            quietClose(d2);
        }
    }

    @Test
    void nodeRole() throws Exception {
        AtomicReference<List<TargetGroup>> latest = new AtomicReference<>();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a").addToLabels("topology.kubernetes.io/zone", "eu-1").endMetadata()
                .withNewSpec().withProviderID("aws:///i-123").endSpec()
                .withNewStatus().addNewAddress().withType("Hostname").withAddress("node-a.local").endAddress()
                .addNewAddress().withType("InternalIP").withAddress("10.1.0.1").endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                .endStatus().build()).create();
        KubernetesDiscoverer d3 = new KubernetesDiscoverer(sd("node", List.of(), List.of()), client, false, "t");
        try {
            d3.start(latest::set);
            TargetGroup g = await(latest, gs -> targetCount(gs) == 1).get(0);
            assertEquals(Labels.of("__address__", "10.1.0.1:10250", "instance", "node-a"), g.targets().get(0));
            assertEquals("eu-1", g.labels().get("__meta_kubernetes_node_label_topology_kubernetes_io_zone"));
            assertEquals("aws:///i-123", g.labels().get("__meta_kubernetes_node_provider_id"));
            assertEquals("10.1.0.1", g.labels().get("__meta_kubernetes_node_address_InternalIP"));
            assertEquals("node-a.local", g.labels().get("__meta_kubernetes_node_address_Hostname"));
        } finally {
            quietClose(d3);
        }
    }

    @Test
    void serviceAndEndpointsRoles() throws Exception {
        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withNamespace("default")
                .withName("api").addToLabels("tier", "front").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.10").withType("ClusterIP")
                .addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort().endSpec().build()).create();
        client.pods().inNamespace("default").resource(pod("default", "api-1", "10.0.0.7", Map.of("app", "api"))).create();
        client.endpoints().inNamespace("default").resource(new EndpointsBuilder().withNewMetadata().withNamespace("default")
                .withName("api").endMetadata()
                .addNewSubset().addNewAddress().withIp("10.0.0.7").withNodeName("node-a")
                .withNewTargetRef().withKind("Pod").withName("api-1").withNamespace("default").endTargetRef().endAddress()
                .addNewNotReadyAddress().withIp("10.0.0.8").endNotReadyAddress()
                .addNewPort().withName("metrics").withPort(9100).withProtocol("TCP").endPort().endSubset().build()).create();

        AtomicReference<List<TargetGroup>> svc = new AtomicReference<>();
        KubernetesDiscoverer d4 = new KubernetesDiscoverer(sd("service", List.of("default"), List.of()), client, false, "s");
        try {
            d4.start(svc::set);
            TargetGroup g = await(svc, gs -> targetCount(gs) == 1).get(0);
            Labels t = g.targets().get(0);
            assertEquals("api.default.svc:80", t.get("__address__"));
            assertEquals("http", t.get("__meta_kubernetes_service_port_name"));
            assertEquals("10.96.0.10", t.get("__meta_kubernetes_service_cluster_ip"));
            assertEquals("front", g.labels().get("__meta_kubernetes_service_label_tier"));
        } finally {
            quietClose(d4);
        }
        AtomicReference<List<TargetGroup>> eps = new AtomicReference<>();
        KubernetesDiscoverer d5 = new KubernetesDiscoverer(sd("endpoints", List.of("default"), List.of()), client, false, "e");
        try {
            d5.start(eps::set);
            TargetGroup g = await(eps, gs -> targetCount(gs) == 2).get(0);
            assertEquals("api", g.labels().get("__meta_kubernetes_endpoints_name"));
            assertEquals("api", g.labels().get("__meta_kubernetes_service_name"), "service labels join the group");
            Labels ready = g.targets().get(0);
            assertEquals("10.0.0.7:9100", ready.get("__address__"));
            assertEquals("true", ready.get("__meta_kubernetes_endpoint_ready"));
            assertEquals("Pod", ready.get("__meta_kubernetes_endpoint_address_target_kind"));
            assertEquals("api-1", ready.get("__meta_kubernetes_pod_name"), "pod labels join pod-backed addresses");
            assertEquals("app", ready.get("__meta_kubernetes_pod_container_name"));
            Labels notReady = g.targets().get(1);
            assertEquals("10.0.0.8:9100", notReady.get("__address__"));
            assertEquals("false", notReady.get("__meta_kubernetes_endpoint_ready"));
            assertTrue(notReady.get("__meta_kubernetes_pod_name").isEmpty());
        } finally {
            quietClose(d5);
        }
    }

    @Test
    void scrapeManagerFindsTheProviderAndRelabelsPodTargets() throws Exception {
        client.pods().inNamespace("default").resource(pod("default", "web-1", "10.0.0.5", Map.of("app", "web"))).create();
        String yaml = """
                scrape_configs:
                  - job_name: kube
                    scrape_interval: 1h
                    kubernetes_sd_configs:
                      - role: pod
                        api_server: %s
                        namespaces: {names: [default]}
                        tls_config: {insecure_skip_verify: true}
                    relabel_configs:
                      - {source_labels: [__meta_kubernetes_pod_container_port_name], regex: metrics, action: keep}
                      - {source_labels: [__meta_kubernetes_pod_label_app], target_label: app}
                      - {source_labels: [__meta_kubernetes_pod_name], target_label: pod}
                """.formatted(client.getConfiguration().getMasterUrl());
        org.osprey.scrape.config.PrometheusConfig cfg =
                org.osprey.scrape.config.ConfigLoader.load(yaml, "k.yml", null, k -> null);
        try (org.osprey.scrape.ScrapeManager m = new org.osprey.scrape.ScrapeManager(new org.osprey.tsdb.memory.MemoryStorage())) {
            m.applyConfig(cfg);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (m.activeTargets().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, m.activeTargets().size(), "only the port named metrics is kept");
            Labels l = m.activeTargets().get(0).labels();
            assertEquals(Labels.of("app", "web", "pod", "web-1", "job", "kube", "instance", "10.0.0.5:9100"), l);
            assertEquals(2, m.droppedTargets().size(), "the other port and the portless container are dropped");
            Thread.sleep(300);
        }
    }

    @Test
    void endpointSliceAndIngressRoles() throws Exception {
        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withNamespace("default")
                .withName("api").endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
        client.discovery().v1().endpointSlices().inNamespace("default").resource(
                new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder().withNewMetadata().withNamespace("default")
                        .withName("api-abc").addToLabels("kubernetes.io/service-name", "api").endMetadata()
                        .withAddressType("IPv4")
                        .addNewEndpoint().withAddresses("10.0.0.7").withNewConditions().withReady(true).endConditions()
                        .withNodeName("node-a").withZone("eu-1a").endEndpoint()
                        .addNewPort().withName("metrics").withPort(9100).withProtocol("TCP").endPort().build()).create();
        client.network().v1().ingresses().inNamespace("default").resource(
                new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder().withNewMetadata().withNamespace("default")
                        .withName("web").endMetadata().withNewSpec().withIngressClassName("nginx")
                        .addNewTl().withHosts("secure.example.com").endTl()
                        .addNewRule().withHost("secure.example.com").withNewHttp().addNewPath().withPath("/app")
                        .withPathType("Prefix").withNewBackend().withNewService().withName("api").withNewPort().withNumber(80)
                        .endPort().endService().endBackend().endPath().endHttp().endRule()
                        .addNewRule().withHost("plain.example.com").endRule()
                        .endSpec().build()).create();

        AtomicReference<List<TargetGroup>> es = new AtomicReference<>();
        KubernetesDiscoverer d6 = new KubernetesDiscoverer(sd("endpointslice", List.of("default"), List.of()), client, false, "es");
        try {
            d6.start(es::set);
            TargetGroup g = await(es, gs -> targetCount(gs) == 1).get(0);
            Labels t = g.targets().get(0);
            assertEquals("10.0.0.7:9100", t.get("__address__"));
            assertEquals("true", t.get("__meta_kubernetes_endpointslice_endpoint_conditions_ready"));
            assertEquals("eu-1a", t.get("__meta_kubernetes_endpointslice_endpoint_zone"));
            assertEquals("metrics", t.get("__meta_kubernetes_endpointslice_port_name"));
            assertEquals("IPv4", g.labels().get("__meta_kubernetes_endpointslice_address_type"));
            assertEquals("api", g.labels().get("__meta_kubernetes_service_name"));
        } finally {
            quietClose(d6);
        }
        AtomicReference<List<TargetGroup>> ing = new AtomicReference<>();
        KubernetesDiscoverer d7 = new KubernetesDiscoverer(sd("ingress", List.of("default"), List.of()), client, false, "in");
        try {
            d7.start(ing::set);
            TargetGroup g = await(ing, gs -> targetCount(gs) == 2).get(0);
            assertEquals(Labels.of("__address__", "secure.example.com", "__meta_kubernetes_ingress_scheme", "https",
                    "__meta_kubernetes_ingress_path", "/app"), g.targets().get(0));
            assertEquals(Labels.of("__address__", "plain.example.com", "__meta_kubernetes_ingress_scheme", "http",
                    "__meta_kubernetes_ingress_path", "/"), g.targets().get(1));
            assertEquals("nginx", g.labels().get("__meta_kubernetes_ingress_class_name"));
        } finally {
            quietClose(d7);
        }
    }
}
