package org.osprey.alertmanager.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * GreenMail speaks no STARTTLS, so this real socket server does: it offers STARTTLS, refuses
 * mail before it, performs the TLS handshake (GreenMail's test certificate), then relays the
 * encrypted session to GreenMail's plain SMTP port. Counts completed handshakes. The certificate is
 * a fresh RSA-2048 one made by the JDK's keytool (GreenMail's bundled one uses algorithms JDK 25 refuses).
 */
final class StartTlsFront implements AutoCloseable {
    private final ServerSocket server;
    private final int backendPort;
    private final SSLContext ssl;
    final AtomicInteger handshakes = new AtomicInteger();

    StartTlsFront(int backendPort) throws Exception {
        this.backendPort = backendPort;
        KeyStore ks = TestTls.selfSigned();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            write(out, "220 front ESMTP\r\n");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.toUpperCase();
                if (cmd.startsWith("EHLO")) {
                    write(out, "250-front\r\n250 STARTTLS\r\n");
                } else if (cmd.startsWith("STARTTLS")) {
                    write(out, "220 2.0.0 Ready to start TLS\r\n");
                    SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(s, "localhost", s.getPort(), true);
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    handshakes.incrementAndGet();
                    relay(tls);
                    return;
                } else if (cmd.startsWith("QUIT")) {
                    write(out, "221 bye\r\n");
                    return;
                } else {
                    write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
                }
            }
        } catch (IOException e) {
            // client went away or refused the handshake
        }
    }

    private void relay(SSLSocket tls) throws IOException {
        try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            InputStream bin = backend.getInputStream();
            // Swallow GreenMail's greeting: the client already had one before STARTTLS.
            int c;
            while ((c = bin.read()) != -1 && c != '\n') {
                // skip
            }
            Thread up = Thread.ofVirtual().start(() -> pump(tlsIn(tls), out(backend)));
            pump(bin, out(tls));
            up.interrupt();
        }
    }

    private static InputStream tlsIn(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutputStream out(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(InputStream in, OutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
