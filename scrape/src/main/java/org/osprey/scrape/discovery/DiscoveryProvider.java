package org.osprey.scrape.discovery;

/**
 * A discovery kind implemented outside this module (kube-discovery), found with
 * {@link java.util.ServiceLoader}: it claims config records of one type and runs them.
 * Thread-safe: implementations are stateless factories.
 */
public interface DiscoveryProvider {
    /** The config record type this provider runs, e.g. {@code KubernetesSdConfig}. */
    Class<?> configType();

    /**
     * @param config an instance of {@link #configType()}
     * @param name   a name for logs and threads, e.g. {@code "job/kubernetes_sd_configs/0"}
     */
    Discoverer create(Object config, String name);
}
