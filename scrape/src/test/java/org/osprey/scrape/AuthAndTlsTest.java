package org.osprey.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.scrape.config.ConfigLoader;
import org.osprey.tsdb.memory.MemoryStorage;

/**
 * basic_auth, authorization (inline and from a file), bearer_token, and tls_config against
 * loopback targets; the CA and server certificate are made here with the JDK's keytool.
 */
class AuthAndTlsTest {
    @TempDir
    static Path dir;

    private static FakeTarget tlsTarget;
    private static Path caPem;

    @BeforeAll
    static void makeCertificates() throws Exception {
        String pass = "changeit";
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Osprey Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "keys.p12", "-storepass", pass);
        // JDK 20+ keytool signs a new key pair with another entry directly (-signer): one step.
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-signer", "ca", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", "keys.p12",
                "-storepass", pass);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "keys.p12", "-storepass", pass, "-file", "ca.pem");
        caPem = dir.resolve("ca.pem");

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(dir.resolve("keys.p12").toFile())) {
            ks.load(in, pass.toCharArray());
        }
        ks.deleteEntry("ca"); // the server must present only its own key
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        tlsTarget = new FakeTarget(ctx);
        tlsTarget.body = "secure 1\n";
    }

    @AfterAll
    static void stop() {
        if (tlsTarget != null) {
            tlsTarget.close();
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.add("-J-XX:TieredStopAtLevel=1");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    /**
     * Runs one job until its single target's status satisfies the expectation (so a slow first
     * scrape on a busy machine does not decide the test), returning that status.
     */
    private static TargetStatus scrapeUntil(String job, java.util.function.Predicate<TargetStatus> expected) throws Exception {
        MemoryStorage storage = new MemoryStorage();
        try (ScrapeManager m = new ScrapeManager(storage)) {
            m.applyConfig(ConfigLoader.load("scrape_configs:\n" + job, "t.yml", dir, k -> null));
            java.util.concurrent.atomic.AtomicReference<TargetStatus> last = new java.util.concurrent.atomic.AtomicReference<>();
            try {
                StoredSamples.await("expected status", () -> {
                    if (m.activeTargets().isEmpty()) {
                        return false;
                    }
                    last.set(m.activeTargets().get(0));
                    return expected.test(last.get());
                });
            } catch (AssertionError e) {
                throw new AssertionError("last status: " + last.get(), e);
            }
            return last.get();
        }
    }

    private static TargetStatus up(String job) throws Exception {
        return scrapeUntil(job, s -> s.health().equals("up"));
    }

    private static TargetStatus failsWith(String job, String error) throws Exception {
        return scrapeUntil(job, s -> s.health().equals("down") && s.lastError().contains(error));
    }

    private static String httpsJob(String tls) {
        return "  - job_name: tls\n    scheme: https\n    scrape_interval: 300ms\n"
                + "    static_configs: [{targets: ['" + tlsTarget.address() + "']}]\n" + tls;
    }

    @Test
    void tlsWithTheTestCaIsUp() throws Exception {
        TargetStatus st = up(httpsJob("    tls_config: {ca_file: ca.pem}\n"));
        assertTrue(st.scrapeUrl().startsWith("https://"));
    }

    @Test
    void tlsWithoutTheCaIsDown() throws Exception {
        failsWith(httpsJob(""), "PKIX path building failed");
    }

    @Test
    void insecureSkipVerifyIsUp() throws Exception {
        up(httpsJob("    tls_config: {insecure_skip_verify: true}\n"));
    }

    @Test
    void serverNameMustMatchTheCertificate() throws Exception {
        up(httpsJob("    tls_config: {ca_file: ca.pem, server_name: localhost}\n"));
        failsWith(httpsJob("    tls_config: {ca_file: ca.pem, server_name: other.example}\n"), "not valid for other.example");
    }

    @Test
    void basicAuth() throws Exception {
        try (FakeTarget t = new FakeTarget()) {
            t.body = "a 1\n";
            t.requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString("user:s3cret".getBytes());
            String job = "  - job_name: auth\n    scrape_interval: 300ms\n    static_configs: [{targets: ['" + t.address() + "']}]\n";
            failsWith(job, "server returned HTTP status 401 Unauthorized");
            Files.writeString(dir.resolve("pw"), "s3cret\n");
            up(job + "    basic_auth: {username: user, password_file: pw}\n");
        }
    }

    @Test
    void authorizationAndBearerToken() throws Exception {
        try (FakeTarget t = new FakeTarget()) {
            t.body = "a 1\n";
            t.requiredAuthorization = "Bearer tok3n";
            String job = "  - job_name: auth\n    scrape_interval: 300ms\n    static_configs: [{targets: ['" + t.address() + "']}]\n";
            up(job + "    authorization: {credentials: tok3n}\n");
            up(job + "    bearer_token: tok3n\n");
            Files.writeString(dir.resolve("token"), "tok3n\n");
            up(job + "    authorization: {credentials_file: token}\n");
            Files.writeString(dir.resolve("token"), "wrong\n");
            failsWith(job + "    bearer_token_file: token\n", "401");
        }
    }
}
