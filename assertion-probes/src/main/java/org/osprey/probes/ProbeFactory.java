package org.osprey.probes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Supplier;
import org.osprey.probes.config.ProbeDefinition;
import org.osprey.probes.http.HttpProbe;
import org.osprey.probes.kubernetes.KubernetesProbe;
import org.osprey.probes.tcp.TcpProbe;

/**
 * Builds the {@link Probe} for a definition. The Kubernetes client is created on first need only,
 * so a file without kubernetes probes never reads a kubeconfig. Thread-safe: {@link #create}
 * synchronizes.
 */
public final class ProbeFactory implements AutoCloseable {
    private final Supplier<KubernetesClient> kubernetesClients;
    private final boolean ownsClient;
    private KubernetesClient kubernetes;

    private ProbeFactory(Supplier<KubernetesClient> kubernetesClients, boolean ownsClient) {
        this.kubernetesClients = kubernetesClients;
        this.ownsClient = ownsClient;
    }

    /** Uses Fabric8's default configuration (in-cluster service account, else ~/.kube/config). */
    public static ProbeFactory withDefaultKubernetes() {
        return new ProbeFactory(() -> new KubernetesClientBuilder().build(), true);
    }

    /** Uses the caller's client; {@link #close()} leaves it open. */
    public static ProbeFactory withKubernetes(KubernetesClient client) {
        return new ProbeFactory(() -> client, false);
    }

    public synchronized Probe create(ProbeDefinition d) {
        return switch (d.kind()) {
            case HTTP -> new HttpProbe(d.http(), d.timeout());
            case TCP -> new TcpProbe(d.tcp());
            case KUBERNETES -> {
                if (kubernetes == null) {
                    kubernetes = kubernetesClients.get();
                }
                yield new KubernetesProbe(d.kubernetes(), kubernetes, d.name());
            }
        };
    }

    @Override
    public synchronized void close() {
        if (ownsClient && kubernetes != null) {
            kubernetes.close();
        }
        kubernetes = null;
    }
}
