package org.osprey.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osprey.scrape.config.HttpClientConfig;
import org.osprey.scrape.config.KubernetesSdConfig;
import org.osprey.scrape.config.TlsConfig;
import org.osprey.scrape.discovery.Discoverer;
import org.osprey.scrape.discovery.DiscoveryProvider;

/**
 * Plugs Kubernetes discovery into scrape through {@link java.util.ServiceLoader}: builds a Fabric8
 * client the way upstream picks its API access (explicit {@code api_server} with its HTTP client
 * settings, else {@code kubeconfig_file}, else in-cluster service account) and runs a
 * {@link KubernetesDiscoverer}. Thread-safe: stateless.
 */
public final class KubernetesDiscoveryProvider implements DiscoveryProvider {
    @Override
    public Class<?> configType() {
        return KubernetesSdConfig.class;
    }

    @Override
    public Discoverer create(Object config, String name) {
        KubernetesSdConfig c = (KubernetesSdConfig) config;
        KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig(c)).build();
        return new KubernetesDiscoverer(c, client, true, name);
    }

    static Config clientConfig(KubernetesSdConfig c) {
        if (!c.kubeconfigFile().isEmpty()) {
            return Config.fromKubeconfig(new File(c.kubeconfigFile()));
        }
        if (c.apiServer().isEmpty()) {
            return Config.autoConfigure(null);
        }
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(c.apiServer());
        HttpClientConfig http = c.http();
        TlsConfig tls = http.tls();
        if (tls.insecureSkipVerify()) {
            b.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        if (!tls.caFile().isEmpty()) {
            b.withCaCertFile(tls.caFile());
        }
        if (!tls.certFile().isEmpty()) {
            b.withClientCertFile(tls.certFile()).withClientKeyFile(tls.keyFile());
        }
        if (http.authorization() != null) {
            HttpClientConfig.Authorization a = http.authorization();
            b.withOauthToken(a.credentialsFile().isEmpty() ? a.credentials() : read(a.credentialsFile()));
        }
        if (http.basicAuth() != null) {
            HttpClientConfig.BasicAuth ba = http.basicAuth();
            b.withUsername(ba.usernameFile().isEmpty() ? ba.username() : read(ba.usernameFile()))
                    .withPassword(ba.passwordFile().isEmpty() ? ba.password() : read(ba.passwordFile()));
        }
        return b.build();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
