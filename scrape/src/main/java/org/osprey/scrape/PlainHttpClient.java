package org.osprey.scrape;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A minimal blocking HTTP/1.1 GET client for scraping: one keep-alive connection per target, held
 * by its loop, read straight into the loop's reusable buffer. It exists because the JDK's
 * {@code java.net.http} client costs a selector thread hop, several futures and a subscriber chain
 * per request, which showed as a fifth of scrape CPU in profiles; a scrape is one GET with a
 * body we want as bytes anyway, and blocking is cheap on virtual threads.
 *
 * <p>Handles Content-Length, chunked and read-to-close bodies, gzip, redirects (when enabled),
 * TLS through the job's {@link SSLContext} (SNI, host name checks, {@code server_name}), a
 * whole-request deadline and the body size limit. Thread-safety: the client is immutable and
 * shared by a job's loops; each {@link Connection} belongs to one loop.
 */
final class PlainHttpClient {
    private static final int MAX_REDIRECTS = 10;

    private final SSLContext tls;
    private final String serverName;
    private final boolean verifyHost;
    private final boolean followRedirects;
    private final boolean gzip;
    private final long bodySizeLimit;

    PlainHttpClient(SSLContext tls, String serverName, boolean verifyHost, boolean followRedirects, boolean gzip,
                    long bodySizeLimit) {
        this.tls = tls;
        this.serverName = serverName;
        this.verifyHost = verifyHost;
        this.followRedirects = followRedirects;
        this.gzip = gzip;
        this.bodySizeLimit = bodySizeLimit;
    }

    /** One target's connection and read buffer; reused across scrapes while the server keeps it open. */
    static final class Connection implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private String key;
        private final byte[] rbuf = new byte[16 * 1024];
        private int rpos;
        private int rlen;
        private byte[] raw = new byte[0];

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to release beyond the descriptor
                }
                socket = null;
            }
        }
    }

    /**
     * GETs url into body.
     *
     * @param headers extra request header lines, already formatted "Name: value"
     * @throws ScrapeFailure with upstream-style wording on any failure
     */
    void get(URI url, long timeoutMillis, List<String> headers, Connection c, HttpScraper.Body body)
            throws ScrapeFailure, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        URI u = url;
        for (int hop = 0; ; hop++) {
            int status;
            try {
                status = exchange(u, deadline, headers, c, body, true);
            } catch (SocketTimeoutException e) {
                c.close();
                throw new ScrapeFailure("Get \"" + url + "\": context deadline exceeded");
            } catch (IOException e) {
                c.close();
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new ScrapeFailure("Get \"" + url + "\": context deadline exceeded");
                }
                throw new ScrapeFailure("Get \"" + url + "\": " + describe(e));
            }
            if (status >= 300 && status < 400 && status != 304 && followRedirects && body.location != null
                    && hop < MAX_REDIRECTS) {
                u = u.resolve(body.location);
                continue;
            }
            if (status != 200) {
                throw new ScrapeFailure("server returned HTTP status " + status + " " + HttpScraper.reason(status));
            }
            return;
        }
    }

    private int exchange(URI u, long deadline, List<String> headers, Connection c, HttpScraper.Body body,
                         boolean mayRetry) throws IOException, ScrapeFailure {
        boolean reused = ensureConnected(u, deadline, c);
        try {
            writeRequest(u, deadline, headers, c);
            return readResponse(deadline, c, body);
        } catch (IOException e) {
            // A kept-alive connection the server closed meanwhile fails on first use: retry once fresh.
            if (reused && mayRetry && !(e instanceof SocketTimeoutException)) {
                c.close();
                return exchange(u, deadline, headers, c, body, false);
            }
            throw e;
        }
    }

    private boolean ensureConnected(URI u, long deadline, Connection c) throws IOException {
        boolean https = "https".equalsIgnoreCase(u.getScheme());
        int port = u.getPort() > 0 ? u.getPort() : https ? 443 : 80;
        String host = u.getHost();
        String key = u.getScheme() + "://" + host + ":" + port;
        if (c.socket != null && key.equals(c.key) && !c.socket.isClosed()) {
            return true;
        }
        c.close();
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), (int) Math.max(1, remainingMillis(deadline)));
        if (https) {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
            SSLParameters p = ssl.getSSLParameters();
            if (verifyHost) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!serverName.isEmpty()) {
                p.setServerNames(List.of(new SNIHostName(serverName)));
            }
            ssl.setSSLParameters(p);
            ssl.setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
            ssl.startHandshake();
            s = ssl;
        }
        c.socket = s;
        c.in = s.getInputStream();
        c.out = new BufferedOutputStream(s.getOutputStream(), 2048);
        c.key = key;
        c.rpos = 0;
        c.rlen = 0;
        return false;
    }

    private static long remainingMillis(long deadline) throws SocketTimeoutException {
        long r = (deadline - System.nanoTime()) / 1_000_000L;
        if (r <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return r;
    }

    private void writeRequest(URI u, long deadline, List<String> headers, Connection c) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        sb.append("GET ").append(path);
        if (u.getRawQuery() != null) {
            sb.append('?').append(u.getRawQuery());
        }
        sb.append(" HTTP/1.1\r\nHost: ").append(u.getRawAuthority()).append("\r\n");
        sb.append("Accept-Encoding: ").append(gzip ? "gzip" : "identity").append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        c.socket.setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
        c.out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        c.out.flush();
    }

    private int readResponse(long deadline, Connection c, HttpScraper.Body body) throws IOException, ScrapeFailure {
        String statusLine = readLine(c, deadline);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("malformed HTTP response \"" + statusLine + "\"");
        }
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        int sp = statusLine.indexOf(' ');
        int status = Integer.parseInt(statusLine.substring(sp + 1, Math.min(statusLine.length(), sp + 4)));
        long contentLength = -1;
        boolean chunked = false;
        boolean gzipped = false;
        boolean close = http10;
        body.contentType = null;
        body.location = null;
        for (String line = readLine(c, deadline); !line.isEmpty(); line = readLine(c, deadline)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
            } else if (name.equalsIgnoreCase("Content-Encoding")) {
                gzipped = value.equalsIgnoreCase("gzip");
            } else if (name.equalsIgnoreCase("Content-Type")) {
                body.contentType = value;
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close") || (http10 && !value.equalsIgnoreCase("keep-alive"));
            } else if (name.equalsIgnoreCase("Location")) {
                body.location = value;
            }
        }
        // A non-200 body is not needed; read and drop it so the connection stays usable.
        boolean keep = status == 200;
        byte[] target = gzipped && keep ? c.raw : body.buffer;
        int n;
        if (chunked) {
            n = readChunked(c, deadline, keep, gzipped, body);
        } else if (contentLength >= 0) {
            n = readFixed(c, deadline, contentLength, keep, gzipped, body);
        } else {
            n = readToClose(c, deadline, keep, gzipped, body);
            close = true;
        }
        if (keep) {
            if (gzipped) {
                gunzip(c.raw, n, body);
            } else {
                body.length = n;
            }
        }
        if (close) {
            c.close();
        }
        return status;
    }

    private int readFixed(Connection c, long deadline, long len, boolean keep, boolean gz, HttpScraper.Body body)
            throws IOException, ScrapeFailure {
        if (keep && bodySizeLimit > 0 && !gz && len > bodySizeLimit) {
            throw new ScrapeFailure("body size limit exceeded");
        }
        int n = 0;
        long left = len;
        while (left > 0) {
            int chunk = fill(c, deadline);
            if (chunk < 0) {
                throw new IOException("unexpected EOF");
            }
            int take = (int) Math.min(left, c.rlen - c.rpos);
            if (keep) {
                n = append(c, body, gz, n, take);
            }
            c.rpos += take;
            left -= take;
        }
        return n;
    }

    private int readChunked(Connection c, long deadline, boolean keep, boolean gz, HttpScraper.Body body)
            throws IOException, ScrapeFailure {
        int n = 0;
        while (true) {
            String sizeLine = readLine(c, deadline);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!readLine(c, deadline).isEmpty()) {
                    // trailers: ignored
                }
                return n;
            }
            int left = size;
            while (left > 0) {
                if (fill(c, deadline) < 0) {
                    throw new IOException("unexpected EOF");
                }
                int take = Math.min(left, c.rlen - c.rpos);
                if (keep) {
                    n = append(c, body, gz, n, take);
                }
                c.rpos += take;
                left -= take;
            }
            readLine(c, deadline);
        }
    }

    private int readToClose(Connection c, long deadline, boolean keep, boolean gz, HttpScraper.Body body)
            throws IOException, ScrapeFailure {
        int n = 0;
        while (fill(c, deadline) >= 0) {
            int take = c.rlen - c.rpos;
            if (keep) {
                n = append(c, body, gz, n, take);
            }
            c.rpos += take;
        }
        return n;
    }

    /** Copies take buffered bytes to the body (or the raw gzip buffer), enforcing the size limit. */
    private int append(Connection c, HttpScraper.Body body, boolean gz, int n, int take) throws ScrapeFailure {
        if (!gz && bodySizeLimit > 0 && n + take > bodySizeLimit) {
            throw new ScrapeFailure("body size limit exceeded");
        }
        byte[] dst = gz ? c.raw : body.buffer;
        if (n + take > dst.length) {
            dst = Arrays.copyOf(dst, Math.max(n + take, Math.max(dst.length * 2, 64 * 1024)));
            if (gz) {
                c.raw = dst;
            } else {
                body.buffer = dst;
            }
        }
        System.arraycopy(c.rbuf, c.rpos, dst, n, take);
        return n + take;
    }

    private void gunzip(byte[] raw, int n, HttpScraper.Body body) throws IOException, ScrapeFailure {
        int len = 0;
        byte[] buf = body.buffer;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw, 0, n), 8192)) {
            for (int r; (r = in.read(buf, len, buf.length - len)) >= 0; ) {
                len += r;
                if (bodySizeLimit > 0 && len > bodySizeLimit) {
                    throw new ScrapeFailure("body size limit exceeded");
                }
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                    body.buffer = buf;
                }
            }
        }
        body.length = len;
    }

    /** Ensures buffered bytes are available; -1 at end of stream. */
    private static int fill(Connection c, long deadline) throws IOException {
        if (c.rpos < c.rlen) {
            return c.rlen - c.rpos;
        }
        c.socket.setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
        int r = c.in.read(c.rbuf, 0, c.rbuf.length);
        if (r < 0) {
            return -1;
        }
        c.rpos = 0;
        c.rlen = r;
        return r;
    }

    /** One CRLF- (or LF-) terminated header line as ISO-8859-1 text, without the terminator. */
    private static String readLine(Connection c, long deadline) throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (fill(c, deadline) < 0) {
                throw new IOException("unexpected EOF");
            }
            for (int i = c.rpos; i < c.rlen; i++) {
                if (c.rbuf[i] == '\n') {
                    int end = i > c.rpos && c.rbuf[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(c.rbuf, c.rpos, end - c.rpos, StandardCharsets.ISO_8859_1);
                    c.rpos = i + 1;
                    if (sb == null) {
                        return part;
                    }
                    sb.append(part);
                    int l = sb.length();
                    return l > 0 && sb.charAt(l - 1) == '\r' ? sb.substring(0, l - 1) : sb.toString();
                }
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(new String(c.rbuf, c.rpos, c.rlen - c.rpos, StandardCharsets.ISO_8859_1));
            c.rpos = c.rlen;
            if (sb.length() > 64 * 1024) {
                throw new IOException("HTTP header line too long");
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "dial tcp: connect: connection refused";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
