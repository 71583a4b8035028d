package org.osprey.alertmanager.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.osprey.alertmanager.config.TlsSettings;

/**
 * Builds client SSL contexts from a {@code tls_config}: the JVM defaults, a PEM {@code ca_file}
 * as the only trusted roots, or {@code insecure_skip_verify} (no certificate or host name checks,
 * as Go's InsecureSkipVerify). Thread-safe: stateless.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * The SSL context for these settings, or null for the JVM default.
     *
     * @throws IOException when the CA file cannot be read or parsed
     */
    public static SSLContext of(TlsSettings tls) throws IOException {
        try {
            if (tls.insecureSkipVerify()) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                return ctx;
            }
            if (!tls.caFile().isEmpty()) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                try (InputStream in = Files.newInputStream(Path.of(tls.caFile()))) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        ks.setCertificateEntry("ca" + i++, c);
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                return ctx;
            }
            return null;
        } catch (GeneralSecurityException e) {
            throw new IOException("invalid TLS settings (ca_file " + tls.caFile() + "): " + e.getMessage(), e);
        }
    }

    /** Accepts every certificate and, being an extended trust manager, also skips host name checks. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
