package org.osprey.scrape.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code kubernetes_sd_configs} entry, validated as upstream; {@code kube-discovery} runs it.
 * Thread-safe: immutable.
 */
public record KubernetesSdConfig(String role, String apiServer, String kubeconfigFile, List<String> namespaces,
                                 boolean ownNamespace, List<Selector> selectors, boolean attachNodeMetadata,
                                 boolean attachNamespaceMetadata, HttpClientConfig http) {
    public static final List<String> ROLES = List.of("pod", "service", "endpoints", "endpointslice", "node", "ingress");
    private static final Map<String, List<String>> ALLOWED_SELECTORS = Map.of(
            "pod", List.of("pod", "node"),
            "service", List.of("service"),
            "endpointslice", List.of("pod", "service", "endpointslice"),
            "endpoints", List.of("pod", "service", "endpoints"),
            "node", List.of("node"),
            "ingress", List.of("ingress"));

    public KubernetesSdConfig {
        namespaces = List.copyOf(namespaces);
        selectors = List.copyOf(selectors);
    }

    /** A label and/or field selector applied to the watch of one role's objects. */
    public record Selector(String role, String label, String field) {
    }

    static KubernetesSdConfig parse(YamlNode n, Path baseDir) throws ConfigException {
        YamlNode.Fields f = n.fields("kubernetes.plain");
        String role = f.string("role", "");
        if (role.isEmpty()) {
            throw n.error("role missing (one of: pod, service, endpoints, endpointslice, node, ingress)");
        }
        if (!ROLES.contains(role)) {
            throw n.error("unknown Kubernetes SD role \"" + role + "\"");
        }
        String api = f.string("api_server", "");
        String kubeconfig = HttpClientConfig.resolve(baseDir, f.string("kubeconfig_file", ""));
        boolean customHttp = HttpClientConfig.anyPresent(f);
        HttpClientConfig http = HttpClientConfig.parse(f, baseDir);
        List<String> names = List.of();
        boolean own = false;
        YamlNode ns = f.get("namespaces");
        if (ns != null && !ns.isNull()) {
            YamlNode.Fields nf = ns.fields("kubernetes.plain");
            names = nf.strings("names");
            own = nf.bool("own_namespace", false);
            nf.done();
        }
        boolean attachNode = false;
        boolean attachNs = false;
        YamlNode am = f.get("attach_metadata");
        if (am != null && !am.isNull()) {
            YamlNode.Fields af = am.fields("kubernetes.AttachMetadataConfig");
            attachNode = af.bool("node", false);
            attachNs = af.bool("namespace", false);
            af.done();
        }
        List<Selector> selectors = new java.util.ArrayList<>();
        for (YamlNode s : f.list("selectors")) {
            YamlNode.Fields sf = s.fields("kubernetes.SelectorConfig");
            selectors.add(new Selector(sf.string("role", ""), sf.string("label", ""), sf.string("field", "")));
            sf.done();
        }
        f.done();
        if (!api.isEmpty() && !kubeconfig.isEmpty()) {
            throw n.error("cannot use 'kubeconfig_file' and 'api_server' simultaneously");
        }
        if (!kubeconfig.isEmpty() && customHttp) {
            throw n.error("cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
        }
        if (api.isEmpty() && customHttp) {
            throw n.error("to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
        }
        if (!api.isEmpty() && own) {
            throw n.error("cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
        }
        if (!kubeconfig.isEmpty() && own) {
            throw n.error("cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously");
        }
        Set<String> seen = new HashSet<>();
        for (Selector s : selectors) {
            if (!seen.add(s.role())) {
                throw n.error("duplicated selector role: " + s.role());
            }
            List<String> allowed = ALLOWED_SELECTORS.get(role);
            if (!allowed.contains(s.role())) {
                throw n.error(role + " role supports only " + String.join(", ", allowed) + " selectors");
            }
            try {
                SelectorSyntax.checkFieldSelector(s.field());
                SelectorSyntax.checkLabelSelector(s.label());
            } catch (IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
        }
        return new KubernetesSdConfig(role, api, kubeconfig, names, own, selectors, attachNode, attachNs, http);
    }
}
