package org.osprey.scrape;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.osprey.scrape.config.TlsConfig;

/**
 * Builds an {@link SSLContext} from a {@code tls_config}: CA bundle (PEM), client certificate and
 * PKCS#8 key (PEM), {@code insecure_skip_verify}, and {@code server_name} (the name certificates
 * are checked against instead of the URL host). Thread-safe: stateless.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    static SSLContext build(TlsConfig t) throws IOException, GeneralSecurityException {
        KeyStore trust = null;
        String caPem = !t.caFile().isEmpty() ? Files.readString(Path.of(t.caFile())) : t.ca();
        if (!caPem.isEmpty()) {
            trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caPem)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        X509TrustManager base = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                base = x;
            }
        }
        TrustManager tm = t.insecureSkipVerify() ? new Checking(null, null)
                : !t.serverName().isEmpty() ? new Checking(base, t.serverName()) : base;
        KeyManagerFactory kmf = null;
        String certPem = !t.certFile().isEmpty() ? Files.readString(Path.of(t.certFile())) : t.cert();
        String keyPem = !t.keyFile().isEmpty() ? Files.readString(Path.of(t.keyFile())) : t.key();
        if (!certPem.isEmpty()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            List<Certificate> chain = certificates(certPem);
            ks.setKeyEntry("client", privateKey(keyPem), new char[0], chain.toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), new TrustManager[] {tm}, null);
        return ctx;
    }

    private static List<Certificate> certificates(String pem) throws CertificateException {
        Collection<? extends Certificate> cs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        return new ArrayList<>(cs);
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        int start = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < 0) {
            throw new GeneralSecurityException("client key must be a PEM \"PRIVATE KEY\" (PKCS#8)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + 27, end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("unsupported private key algorithm");
    }

    /**
     * Trust manager that checks the chain with {@code base} (null: accept any, for
     * insecure_skip_verify) and the leaf against {@code serverName} instead of the URL host.
     * Being an X509ExtendedTrustManager, JSSE leaves host checks to it.
     */
    private static final class Checking extends X509ExtendedTrustManager {
        private final X509TrustManager base;
        private final String serverName;

        Checking(X509TrustManager base, String serverName) {
            this.base = base;
            this.serverName = serverName;
        }

        private void check(X509Certificate[] chain, String authType) throws CertificateException {
            if (base == null) {
                return;
            }
            base.checkServerTrusted(chain, authType);
            if (serverName != null && !matches(chain[0], serverName)) {
                throw new CertificateException("x509: certificate is not valid for " + serverName);
            }
        }

        private static boolean matches(X509Certificate cert, String name) throws CertificateException {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            String n = name.toLowerCase(Locale.ROOT);
            for (List<?> san : sans) {
                String v = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
                if (v.equals(n) || (v.startsWith("*.") && n.endsWith(v.substring(1))
                        && n.substring(0, n.length() - v.length() + 1).indexOf('.') < 0)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return base == null ? new X509Certificate[0] : base.getAcceptedIssuers();
        }
    }
}
