package org.osprey.probes.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.osprey.probes.FailureReason;
import org.osprey.probes.Probe;
import org.osprey.probes.ProbeResult;
import org.osprey.model.value.PromDuration;
import org.osprey.probes.config.TcpSettings;

/**
 * Connects, optionally sends a line of bytes, and optionally reads until the reply matches a regex.
 * Thread-safe: stateless between runs.
 */
public final class TcpProbe implements Probe {
    /** Reply text kept for matching; a server streaming without end must not grow the heap. */
    private static final int MAX_REPLY_BYTES = 64 * 1024;

    private final TcpSettings settings;

    public TcpProbe(TcpSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String target = settings.host() + ":" + settings.port();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(settings.host(), settings.port()), millisLeft(deadline));
            } catch (SocketTimeoutException e) {
                return ProbeResult.failed(FailureReason.CONNECT, "connect to " + target + " timed out");
            } catch (ConnectException | UnknownHostException e) {
                return ProbeResult.failed(FailureReason.CONNECT, "connect to " + target + " failed: " + e.getMessage());
            }
            if (settings.send() != null) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(settings.send().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    return ProbeResult.failed(FailureReason.SEND, "send to " + target + " failed: " + e.getMessage());
                }
            }
            if (settings.expect() == null) {
                return ProbeResult.ok();
            }
            return awaitReply(socket, deadline, target, timeout);
        } catch (IOException e) {
            return ProbeResult.failed(FailureReason.ERROR, "tcp " + target + ": " + e);
        }
    }

    private ProbeResult awaitReply(Socket socket, long deadline, String target, Duration timeout) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] reply = new byte[MAX_REPLY_BYTES];
        int len = 0;
        while (len < reply.length) {
            if (System.nanoTime() - deadline >= 0) {
                return noMatch(target, reply, len, "within " + PromDuration.format(timeout));
            }
            socket.setSoTimeout(millisLeft(deadline));
            int n;
            try {
                n = in.read(reply, len, reply.length - len);
            } catch (SocketTimeoutException e) {
                return noMatch(target, reply, len, "within " + PromDuration.format(timeout));
            }
            if (n < 0) {
                return noMatch(target, reply, len, "before the connection closed");
            }
            len += n;
            // Decoding the whole prefix again is fine: replies are short and probes are rare.
            if (settings.expect().matcher(new String(reply, 0, len, StandardCharsets.UTF_8)).find()) {
                return ProbeResult.ok();
            }
        }
        return noMatch(target, reply, len, "in the first " + MAX_REPLY_BYTES + " bytes");
    }

    private ProbeResult noMatch(String target, byte[] reply, int len, String when) {
        String got = new String(reply, 0, Math.min(len, 200), StandardCharsets.UTF_8);
        return ProbeResult.failed(FailureReason.EXPECT, "reply from " + target + " did not match /"
                + settings.expect().pattern() + "/ " + when + ", got \"" + got + "\"");
    }

    private static int millisLeft(long deadline) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        // 0 means "infinite" to connect/setSoTimeout, so a spent budget becomes 1 ms, then fails.
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }
}
