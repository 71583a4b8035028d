package org.osprey.alertmanager.e2e;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A fresh self-signed RSA-2048 server certificate made by the JDK's keytool (GreenMail's bundled one uses algorithms JDK 25 refuses). */
final class TestTls {
    private TestTls() {
    }

    private static KeyStore cached;

    /** The certificate, made once per test JVM (keytool takes seconds on a busy machine). */
    static synchronized KeyStore selfSigned() throws Exception {
        if (cached == null) {
            cached = generate();
        }
        return cached;
    }

    private static KeyStore generate() throws Exception {
        Path dir = Files.createTempDirectory("am-tls");
        Path file = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit",
                "-dname", "CN=localhost", "-validity", "2").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, "changeit".toCharArray());
        }
        Files.delete(file);
        Files.delete(dir);
        return ks;
    }

    static SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(selfSigned(), "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }
}
