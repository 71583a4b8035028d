package org.osprey.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osprey.model.labels.Labels;
import org.osprey.scrape.discovery.TargetGroup;

/**
 * Kubernetes objects to target groups with upstream's label names, one method per role.
 * Thread-safe: stateless.
 */
final class RoleTargets {
    private static final String P = MetaLabels.PREFIX;
    private static final List<String> NODE_ADDRESS_PRIORITY = List.of("InternalIP", "InternalDNS", "ExternalIP",
            "ExternalDNS", "Hostname");

    private RoleTargets() {
    }

    /** Node role: one target at the preferred address and the kubelet port, instance = node name. */
    static TargetGroup node(Node n) {
        String name = n.getMetadata().getName();
        Labels.Builder g = Labels.builder();
        g.set(P + "node_name", name);
        if (n.getSpec() != null) {
            MetaLabels.setIfNotEmpty(g, P + "node_provider_id", n.getSpec().getProviderID());
        }
        MetaLabels.addObjectMeta(g, "node", n.getMetadata());
        String addr = null;
        List<NodeAddress> addresses = n.getStatus() == null || n.getStatus().getAddresses() == null ? List.of()
                : n.getStatus().getAddresses();
        Set<String> seenTypes = new HashSet<>();
        for (NodeAddress a : addresses) {
            if (seenTypes.add(a.getType())) {
                g.set(P + "node_address_" + MetaLabels.sanitize(a.getType()), a.getAddress());
            }
        }
        for (String type : NODE_ADDRESS_PRIORITY) {
            for (NodeAddress a : addresses) {
                if (addr == null && type.equals(a.getType())) {
                    addr = a.getAddress();
                }
            }
        }
        List<Labels> targets = new ArrayList<>();
        if (addr != null) {
            int port = 10250;
            if (n.getStatus().getDaemonEndpoints() != null && n.getStatus().getDaemonEndpoints().getKubeletEndpoint() != null
                    && n.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort() != null) {
                port = n.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
            }
            targets.add(Labels.of("__address__", hostPort(addr, port), "instance", name));
        }
        return new TargetGroup(targets, g.build(), "node/" + name);
    }

    /** Pod role: one target per declared container port, or one per container without ports, at the pod IP. */
    static TargetGroup pod(Pod p, Map<String, Node> nodes, boolean attachNode) {
        String ns = p.getMetadata().getNamespace();
        String name = p.getMetadata().getName();
        String source = "pod/" + ns + "/" + name;
        String ip = p.getStatus() == null ? null : p.getStatus().getPodIP();
        if (ip == null || ip.isEmpty()) {
            return new TargetGroup(List.of(), Labels.EMPTY, source);
        }
        Labels.Builder g = Labels.builder();
        podLabels(g, p);
        if (attachNode && p.getSpec() != null && p.getSpec().getNodeName() != null) {
            Node node = nodes.get(p.getSpec().getNodeName());
            if (node != null) {
                MetaLabels.addObjectMeta(g, "node", node.getMetadata());
            }
        }
        List<Labels> targets = new ArrayList<>();
        addContainers(targets, p, p.getSpec() == null ? null : p.getSpec().getContainers(), false, ip);
        addContainers(targets, p, p.getSpec() == null ? null : p.getSpec().getInitContainers(), true, ip);
        return new TargetGroup(targets, g.build(), source);
    }

    private static void addContainers(List<Labels> out, Pod p, List<Container> containers, boolean init, String ip) {
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            String id = containerId(p, c.getName(), init);
            if (c.getPorts() == null || c.getPorts().isEmpty()) {
                Labels.Builder t = Labels.builder().set("__address__", ip);
                containerLabels(t, c, id, init);
                out.add(t.build());
                continue;
            }
            for (ContainerPort port : c.getPorts()) {
                Labels.Builder t = Labels.builder().set("__address__", hostPort(ip, port.getContainerPort()));
                containerLabels(t, c, id, init);
                MetaLabels.setIfNotEmpty(t, P + "pod_container_port_name", port.getName());
                t.set(P + "pod_container_port_number", String.valueOf(port.getContainerPort()));
                t.set(P + "pod_container_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
                out.add(t.build());
            }
        }
    }

    private static void containerLabels(Labels.Builder t, Container c, String id, boolean init) {
        t.set(P + "pod_container_name", c.getName());
        MetaLabels.setIfNotEmpty(t, P + "pod_container_image", c.getImage());
        MetaLabels.setIfNotEmpty(t, P + "pod_container_id", id);
        t.set(P + "pod_container_init", Boolean.toString(init));
    }

    private static String containerId(Pod p, String container, boolean init) {
        if (p.getStatus() == null) {
            return null;
        }
        List<ContainerStatus> statuses = init ? p.getStatus().getInitContainerStatuses() : p.getStatus().getContainerStatuses();
        if (statuses == null) {
            return null;
        }
        for (ContainerStatus s : statuses) {
            if (container.equals(s.getName())) {
                return s.getContainerID();
            }
        }
        return null;
    }

    /** The pod-level labels shared by the pod and endpoints roles. */
    static void podLabels(Labels.Builder g, Pod p) {
        g.set(P + "namespace", p.getMetadata().getNamespace());
        g.set(P + "pod_name", p.getMetadata().getName());
        MetaLabels.setIfNotEmpty(g, P + "pod_uid", p.getMetadata().getUid());
        MetaLabels.addObjectMeta(g, "pod", p.getMetadata());
        if (p.getStatus() != null) {
            MetaLabels.setIfNotEmpty(g, P + "pod_ip", p.getStatus().getPodIP());
            MetaLabels.setIfNotEmpty(g, P + "pod_host_ip", p.getStatus().getHostIP());
            MetaLabels.setIfNotEmpty(g, P + "pod_phase", p.getStatus().getPhase());
            g.set(P + "pod_ready", ready(p));
        }
        if (p.getSpec() != null) {
            MetaLabels.setIfNotEmpty(g, P + "pod_node_name", p.getSpec().getNodeName());
        }
        if (p.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference o : p.getMetadata().getOwnerReferences()) {
                if (Boolean.TRUE.equals(o.getController())) {
                    g.set(P + "pod_controller_kind", o.getKind());
                    g.set(P + "pod_controller_name", o.getName());
                }
            }
        }
    }

    private static String ready(Pod p) {
        if (p.getStatus().getConditions() != null) {
            for (PodCondition c : p.getStatus().getConditions()) {
                if ("Ready".equals(c.getType())) {
                    return c.getStatus().toLowerCase(java.util.Locale.ROOT);
                }
            }
        }
        return "unknown";
    }

    /** Service role: one target per service port at the service's cluster DNS name. */
    static TargetGroup service(Service s) {
        String ns = s.getMetadata().getNamespace();
        String name = s.getMetadata().getName();
        Labels.Builder g = Labels.builder();
        serviceLabels(g, s);
        List<Labels> targets = new ArrayList<>();
        if (s.getSpec() != null && s.getSpec().getPorts() != null) {
            String host = name + "." + ns + ".svc";
            for (ServicePort port : s.getSpec().getPorts()) {
                Labels.Builder t = Labels.builder().set("__address__", hostPort(host, port.getPort()));
                MetaLabels.setIfNotEmpty(t, P + "service_port_name", port.getName());
                t.set(P + "service_port_number", String.valueOf(port.getPort()));
                t.set(P + "service_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
                String type = s.getSpec().getType();
                if ("ExternalName".equals(type)) {
                    MetaLabels.setIfNotEmpty(t, P + "service_external_name", s.getSpec().getExternalName());
                } else {
                    MetaLabels.setIfNotEmpty(t, P + "service_cluster_ip", s.getSpec().getClusterIP());
                }
                MetaLabels.setIfNotEmpty(t, P + "service_type", type);
                targets.add(t.build());
            }
        }
        return new TargetGroup(targets, g.build(), "svc/" + ns + "/" + name);
    }

    static void serviceLabels(Labels.Builder g, Service s) {
        g.set(P + "namespace", s.getMetadata().getNamespace());
        g.set(P + "service_name", s.getMetadata().getName());
        MetaLabels.addObjectMeta(g, "service", s.getMetadata());
    }

    /**
     * Endpoints role: one target per address and port, with the endpoints', its service's and (for
     * pod-backed addresses) the pod's labels; ready and not-ready addresses both, told apart by
     * {@code __meta_kubernetes_endpoint_ready}.
     */
    static TargetGroup endpoints(Endpoints e, Map<String, Service> services, Map<String, Pod> pods) {
        String ns = e.getMetadata().getNamespace();
        String name = e.getMetadata().getName();
        Labels.Builder g = Labels.builder();
        g.set(P + "namespace", ns);
        g.set(P + "endpoints_name", name);
        MetaLabels.addObjectMeta(g, "endpoints", e.getMetadata());
        Service svc = services.get(ns + "/" + name);
        if (svc != null) {
            serviceLabels(g, svc);
        }
        List<Labels> targets = new ArrayList<>();
        if (e.getSubsets() != null) {
            for (EndpointSubset ss : e.getSubsets()) {
                if (ss.getPorts() == null) {
                    continue;
                }
                for (EndpointPort port : ss.getPorts()) {
                    addEndpointAddresses(targets, ss.getAddresses(), port, "true", ns, pods);
                    addEndpointAddresses(targets, ss.getNotReadyAddresses(), port, "false", ns, pods);
                }
            }
        }
        return new TargetGroup(targets, g.build(), "endpoints/" + ns + "/" + name);
    }

    private static void addEndpointAddresses(List<Labels> out, List<EndpointAddress> addrs, EndpointPort port,
                                             String ready, String ns, Map<String, Pod> pods) {
        if (addrs == null) {
            return;
        }
        for (EndpointAddress a : addrs) {
            Labels.Builder t = Labels.builder().set("__address__", hostPort(a.getIp(), port.getPort()));
            MetaLabels.setIfNotEmpty(t, P + "endpoint_port_name", port.getName());
            t.set(P + "endpoint_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
            t.set(P + "endpoint_ready", ready);
            MetaLabels.setIfNotEmpty(t, P + "endpoint_hostname", a.getHostname());
            MetaLabels.setIfNotEmpty(t, P + "endpoint_node_name", a.getNodeName());
            if (a.getTargetRef() != null) {
                MetaLabels.setIfNotEmpty(t, P + "endpoint_address_target_kind", a.getTargetRef().getKind());
                MetaLabels.setIfNotEmpty(t, P + "endpoint_address_target_name", a.getTargetRef().getName());
                if ("Pod".equals(a.getTargetRef().getKind())) {
                    Pod pod = pods.get(ns + "/" + a.getTargetRef().getName());
                    if (pod != null) {
                        podLabels(t, pod);
                        podContainerForPort(t, pod, port.getPort());
                    }
                }
            }
            out.add(t.build());
        }
    }

    private static void podContainerForPort(Labels.Builder t, Pod pod, Integer portNumber) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null || portNumber == null) {
            return;
        }
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort cp : c.getPorts()) {
                if (portNumber.equals(cp.getContainerPort())) {
                    t.set(P + "pod_container_name", c.getName());
                    MetaLabels.setIfNotEmpty(t, P + "pod_container_image", c.getImage());
                    MetaLabels.setIfNotEmpty(t, P + "pod_container_port_name", cp.getName());
                    t.set(P + "pod_container_port_number", String.valueOf(cp.getContainerPort()));
                    t.set(P + "pod_container_port_protocol", cp.getProtocol() == null ? "TCP" : cp.getProtocol());
                    return;
                }
            }
        }
    }

    /**
     * EndpointSlice role: one target per endpoint address and port, with the slice's labels, its
     * service's (named by the {@code kubernetes.io/service-name} label) and pod labels for pod-backed
     * endpoints.
     */
    static TargetGroup endpointSlice(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice es,
                                     Map<String, Service> services, Map<String, Pod> pods) {
        String ns = es.getMetadata().getNamespace();
        String name = es.getMetadata().getName();
        Labels.Builder g = Labels.builder();
        g.set(P + "namespace", ns);
        g.set(P + "endpointslice_name", name);
        MetaLabels.setIfNotEmpty(g, P + "endpointslice_address_type", es.getAddressType());
        MetaLabels.addObjectMeta(g, "endpointslice", es.getMetadata());
        Map<String, String> ml = es.getMetadata().getLabels();
        Service svc = ml == null ? null : services.get(ns + "/" + ml.get("kubernetes.io/service-name"));
        if (svc != null) {
            serviceLabels(g, svc);
        }
        List<Labels> targets = new ArrayList<>();
        if (es.getEndpoints() != null && es.getPorts() != null) {
            for (var port : es.getPorts()) {
                for (var ep : es.getEndpoints()) {
                    if (ep.getAddresses() == null) {
                        continue;
                    }
                    for (String addr : ep.getAddresses()) {
                        Labels.Builder t = Labels.builder().set("__address__", hostPort(addr, port.getPort()));
                        MetaLabels.setIfNotEmpty(t, P + "endpointslice_port_name", port.getName());
                        if (port.getPort() != null) {
                            t.set(P + "endpointslice_port", String.valueOf(port.getPort()));
                        }
                        t.set(P + "endpointslice_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
                        MetaLabels.setIfNotEmpty(t, P + "endpointslice_port_app_protocol", port.getAppProtocol());
                        if (ep.getConditions() != null) {
                            conditionLabel(t, "ready", ep.getConditions().getReady());
                            conditionLabel(t, "serving", ep.getConditions().getServing());
                            conditionLabel(t, "terminating", ep.getConditions().getTerminating());
                        }
                        MetaLabels.setIfNotEmpty(t, P + "endpointslice_endpoint_hostname", ep.getHostname());
                        MetaLabels.setIfNotEmpty(t, P + "endpointslice_endpoint_node_name", ep.getNodeName());
                        MetaLabels.setIfNotEmpty(t, P + "endpointslice_endpoint_zone", ep.getZone());
                        if (ep.getTargetRef() != null) {
                            MetaLabels.setIfNotEmpty(t, P + "endpointslice_address_target_kind", ep.getTargetRef().getKind());
                            MetaLabels.setIfNotEmpty(t, P + "endpointslice_address_target_name", ep.getTargetRef().getName());
                            if ("Pod".equals(ep.getTargetRef().getKind())) {
                                Pod pod = pods.get(ns + "/" + ep.getTargetRef().getName());
                                if (pod != null) {
                                    podLabels(t, pod);
                                    podContainerForPort(t, pod, port.getPort());
                                }
                            }
                        }
                        targets.add(t.build());
                    }
                }
            }
        }
        return new TargetGroup(targets, g.build(), "endpointslice/" + ns + "/" + name);
    }

    private static void conditionLabel(Labels.Builder t, String name, Boolean v) {
        if (v != null) {
            t.set(P + "endpointslice_endpoint_conditions_" + name, v.toString());
        }
    }

    /** Ingress role: one target per rule host and path; scheme https when a TLS entry names the host. */
    static TargetGroup ingress(io.fabric8.kubernetes.api.model.networking.v1.Ingress in) {
        String ns = in.getMetadata().getNamespace();
        String name = in.getMetadata().getName();
        Labels.Builder g = Labels.builder();
        g.set(P + "namespace", ns);
        g.set(P + "ingress_name", name);
        MetaLabels.addObjectMeta(g, "ingress", in.getMetadata());
        List<Labels> targets = new ArrayList<>();
        var spec = in.getSpec();
        if (spec != null) {
            MetaLabels.setIfNotEmpty(g, P + "ingress_class_name", spec.getIngressClassName());
            Set<String> tlsHosts = new HashSet<>();
            if (spec.getTls() != null) {
                spec.getTls().forEach(t -> {
                    if (t.getHosts() != null) {
                        tlsHosts.addAll(t.getHosts());
                    }
                });
            }
            if (spec.getRules() != null) {
                for (var rule : spec.getRules()) {
                    String host = rule.getHost() == null ? "" : rule.getHost();
                    List<String> paths = new ArrayList<>();
                    if (rule.getHttp() != null && rule.getHttp().getPaths() != null) {
                        rule.getHttp().getPaths().forEach(p -> paths.add(p.getPath() == null || p.getPath().isEmpty() ? "/" : p.getPath()));
                    }
                    if (paths.isEmpty()) {
                        paths.add("/");
                    }
                    for (String path : paths) {
                        Labels.Builder t = Labels.builder().set("__address__", host);
                        t.set(P + "ingress_scheme", tlsHosts.contains(host) ? "https" : "http");
                        t.set(P + "ingress_path", path);
                        targets.add(t.build());
                    }
                }
            }
        }
        return new TargetGroup(targets, g.build(), "ingress/" + ns + "/" + name);
    }

    static String hostPort(String host, Integer port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == null ? h : h + ":" + port;
    }
}
