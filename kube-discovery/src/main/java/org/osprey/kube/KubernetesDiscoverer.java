package org.osprey.kube;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import org.osprey.scrape.config.KubernetesSdConfig;
import org.osprey.scrape.discovery.Discoverer;
import org.osprey.scrape.discovery.TargetGroup;

/**
 * One {@code kubernetes_sd_configs} entry: Fabric8 informers watch the role's objects (and, for
 * endpoints, the services and pods they refer to) in the configured namespaces with the configured
 * selectors; any change re-derives the complete target group list from the informer caches and
 * reports it, coalescing bursts of events. Thread-safety: start/close from any thread; informer
 * callbacks only schedule work on this discoverer's single scheduler thread.
 */
public final class KubernetesDiscoverer implements Discoverer {
    private static final Logger LOG = Logger.getLogger(KubernetesDiscoverer.class.getName());
    private static final long COALESCE_MILLIS = 50;
    private static final Path OWN_NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private final KubernetesSdConfig config;
    private final KubernetesClient client;
    private final boolean ownsClient;
    private final String name;
    private final ScheduledExecutorService scheduler;
    private final List<SharedIndexInformer<Node>> nodes = new ArrayList<>();
    private final List<SharedIndexInformer<Pod>> pods = new ArrayList<>();
    private final List<SharedIndexInformer<Service>> services = new ArrayList<>();
    private final List<SharedIndexInformer<Endpoints>> endpoints = new ArrayList<>();
    private final List<SharedIndexInformer<io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice>> slices = new ArrayList<>();
    private final List<SharedIndexInformer<io.fabric8.kubernetes.api.model.networking.v1.Ingress>> ingresses = new ArrayList<>();
    private Consumer<List<TargetGroup>> sink;
    private ScheduledFuture<?> pending;
    private volatile boolean closed;

    /**
     * @param client     the API client to watch with
     * @param ownsClient close the client on {@link #close()}
     */
    public KubernetesDiscoverer(KubernetesSdConfig config, KubernetesClient client, boolean ownsClient, String name) {
        this.config = config;
        this.client = client;
        this.ownsClient = ownsClient;
        this.name = name;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kubernetes-sd " + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Consumer<List<TargetGroup>> sink) {
        this.sink = sink;
        List<String> namespaces = namespaces();
        switch (config.role()) {
            case "node" -> nodes.add(inform(client.nodes(), "node"));
            case "pod" -> {
                for (String ns : namespaces) {
                    pods.add(inform(ns == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(ns), "pod"));
                }
                if (config.attachNodeMetadata()) {
                    nodes.add(inform(client.nodes(), "node"));
                }
            }
            case "service" -> {
                for (String ns : namespaces) {
                    services.add(inform(ns == null ? client.services().inAnyNamespace() : client.services().inNamespace(ns), "service"));
                }
            }
            case "endpoints" -> {
                for (String ns : namespaces) {
                    endpoints.add(inform(ns == null ? client.endpoints().inAnyNamespace() : client.endpoints().inNamespace(ns), "endpoints"));
                    services.add(inform(ns == null ? client.services().inAnyNamespace() : client.services().inNamespace(ns), "service"));
                    pods.add(inform(ns == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(ns), "pod"));
                }
            }
            case "endpointslice" -> {
                for (String ns : namespaces) {
                    var es = client.discovery().v1().endpointSlices();
                    slices.add(inform(ns == null ? es.inAnyNamespace() : es.inNamespace(ns), "endpointslice"));
                    services.add(inform(ns == null ? client.services().inAnyNamespace() : client.services().inNamespace(ns), "service"));
                    pods.add(inform(ns == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(ns), "pod"));
                }
            }
            case "ingress" -> {
                for (String ns : namespaces) {
                    var ing = client.network().v1().ingresses();
                    ingresses.add(inform(ns == null ? ing.inAnyNamespace() : ing.inNamespace(ns), "ingress"));
                }
            }
            default -> LOG.warning(name + ": unknown role " + config.role() + "; no targets");
        }
        // Informers have listed everything once they return from inform(); report the first state now.
        recompute();
    }

    /** The namespaces to watch; a single null element means all namespaces. */
    private List<String> namespaces() {
        List<String> out = new ArrayList<>(config.namespaces());
        if (config.ownNamespace()) {
            try {
                out.add(Files.readString(OWN_NAMESPACE_FILE).trim());
            } catch (IOException e) {
                LOG.warning(name + ": cannot read own namespace from " + OWN_NAMESPACE_FILE + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            out.add(null);
        }
        return out;
    }

    private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> SharedIndexInformer<T> inform(
            FilterWatchListDeletable<T, L, R> op, String role) {
        FilterWatchListDeletable<T, L, R> filtered = op;
        for (KubernetesSdConfig.Selector s : config.selectors()) {
            if (!s.role().equals(role)) {
                continue;
            }
            if (!s.label().isBlank()) {
                filtered = filtered.withLabelSelector(s.label());
            }
            if (!s.field().isBlank()) {
                for (String term : s.field().split(",")) {
                    int ne = term.indexOf("!=");
                    if (ne > 0) {
                        filtered = filtered.withoutField(term.substring(0, ne).trim(), term.substring(ne + 2).trim());
                    } else {
                        int eq = term.indexOf('=');
                        String value = term.substring(eq + 1).replaceFirst("^=", "").trim();
                        filtered = filtered.withField(term.substring(0, eq).trim(), value);
                    }
                }
            }
        }
        return filtered.inform(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                changed();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changed();
            }
        }, 0);
    }

    private synchronized void changed() {
        if (closed || (pending != null && !pending.isDone())) {
            return;
        }
        pending = scheduler.schedule(this::recompute, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Derives every group from the informer caches and reports them. */
    private void recompute() {
        if (closed) {
            return;
        }
        List<TargetGroup> out = new ArrayList<>();
        try {
            switch (config.role()) {
                case "node" -> {
                    for (Node n : list(nodes)) {
                        out.add(RoleTargets.node(n));
                    }
                }
                case "pod" -> {
                    Map<String, Node> byName = index(list(nodes), n -> n.getMetadata().getName());
                    for (Pod p : list(pods)) {
                        out.add(RoleTargets.pod(p, byName, config.attachNodeMetadata()));
                    }
                }
                case "service" -> {
                    for (Service s : list(services)) {
                        out.add(RoleTargets.service(s));
                    }
                }
                case "endpoints" -> {
                    Map<String, Service> svc = index(list(services), KubernetesDiscoverer::key);
                    Map<String, Pod> podIndex = index(list(pods), KubernetesDiscoverer::key);
                    for (Endpoints e : list(endpoints)) {
                        out.add(RoleTargets.endpoints(e, svc, podIndex));
                    }
                }
                case "endpointslice" -> {
                    Map<String, Service> svc = index(list(services), KubernetesDiscoverer::key);
                    Map<String, Pod> podIndex = index(list(pods), KubernetesDiscoverer::key);
                    for (var es : list(slices)) {
                        out.add(RoleTargets.endpointSlice(es, svc, podIndex));
                    }
                }
                case "ingress" -> {
                    for (var in : list(ingresses)) {
                        out.add(RoleTargets.ingress(in));
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            LOG.warning(name + ": building targets failed: " + e);
            return;
        }
        synchronized (this) {
            if (!closed) {
                sink.accept(out);
            }
        }
    }

    private static String key(HasMetadata o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    private static <T> List<T> list(List<SharedIndexInformer<T>> informers) {
        List<T> out = new ArrayList<>();
        for (SharedIndexInformer<T> i : informers) {
            out.addAll(i.getStore().list());
        }
        out.sort((a, b) -> key((HasMetadata) a).compareTo(key((HasMetadata) b)));
        return out;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> m = new HashMap<>();
        for (T t : items) {
            m.put(key.apply(t), t);
        }
        return m;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }
        for (List<? extends SharedIndexInformer<?>> l : List.of(nodes, pods, services, endpoints, slices, ingresses)) {
            for (SharedIndexInformer<?> i : l) {
                i.close();
            }
        }
        scheduler.shutdownNow();
        if (ownsClient) {
            client.close();
        }
    }
}
