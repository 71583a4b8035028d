package org.osprey.probes.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.probes.FailureReason;
import org.osprey.probes.ProbeResult;
import org.osprey.probes.config.TcpSettings;

/** Runs TCP probes against a real loopback server that answers PING with +PONG, or stays silent. */
class TcpProbeTest {
    private ServerSocket server;
    private Thread acceptor;
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private volatile boolean silent;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            if (n <= 0) {
                return;
            }
            String line = new String(buf, 0, n, StandardCharsets.UTF_8);
            received.add(line);
            if (silent) {
                Thread.sleep(3_000);
                return;
            }
            OutputStream out = s.getOutputStream();
            out.write((line.startsWith("PING") ? "+PONG\r\n" : "-ERR unknown\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the probe closed first; nothing to serve
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join();
    }

    private TcpSettings settings(String send, String expect) {
        return new TcpSettings("127.0.0.1", server.getLocalPort(), send, expect == null ? null : Pattern.compile(expect));
    }

    @Test
    void sendAndExpectPass() {
        ProbeResult r = new TcpProbe(settings("PING\r\n", "^\\+PONG")).run(Duration.ofSeconds(2));
        assertTrue(r.success(), r::message);
        assertEquals("PING\r\n", received.peek());
    }

    @Test
    void connectOnlyPasses() {
        assertTrue(new TcpProbe(settings(null, null)).run(Duration.ofSeconds(2)).success());
    }

    @Test
    void unexpectedReplyFails() {
        ProbeResult r = new TcpProbe(settings("HELLO\r\n", "^\\+PONG")).run(Duration.ofSeconds(2));
        assertEquals(FailureReason.EXPECT, r.reason());
        assertTrue(r.message().contains("did not match /^\\+PONG/ before the connection closed, got \"-ERR unknown"), r.message());
    }

    @Test
    void silentServerFailsAtTheTimeout() {
        silent = true;
        long start = System.nanoTime();
        ProbeResult r = new TcpProbe(settings("PING\r\n", "PONG")).run(Duration.ofMillis(300));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(FailureReason.EXPECT, r.reason());
        assertTrue(r.message().contains("within 300ms"), r.message());
        assertTrue(ms >= 250 && ms < 2_000, "took " + ms + " ms");
    }

    @Test
    void refusedConnectionFails() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProbeResult r = new TcpProbe(new TcpSettings("127.0.0.1", port, null, null)).run(Duration.ofSeconds(1));
        assertEquals(FailureReason.CONNECT, r.reason());
        assertTrue(r.message().startsWith("connect to 127.0.0.1:" + port + " failed"), r.message());
    }
}
