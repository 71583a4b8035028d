package org.osprey.probes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.probes.FailureReason;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.config.HttpSettings;

/**
 * A real HTTPS server on loopback with a fresh self-signed certificate for "localhost" (made by the
 * JDK's keytool), reached as 127.0.0.1: untrusted and mismatched, so only insecure_skip_verify passes.
 */
class HttpsProbeTest {
    private static HttpsServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "probe", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost", "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static HttpSettings settings(boolean insecure) {
        return new HttpSettings(URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/"), "GET", Map.of(), null,
                List.of(204), null, Map.of(), null, insecure, true);
    }

    @Test
    void untrustedCertificateFailsAsTls() {
        ProbeResult r = new HttpProbe(settings(false), Duration.ofSeconds(5)).run(Duration.ofSeconds(5));
        assertEquals(FailureReason.TLS, r.reason(), r::message);
    }

    @Test
    void insecureSkipVerifyAcceptsUntrustedAndMismatchedCertificate() {
        ProbeResult r = new HttpProbe(settings(true), Duration.ofSeconds(5)).run(Duration.ofSeconds(5));
        assertTrue(r.success(), r::message);
    }
}
