package io.zmx.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of one service. It passes bytes through unchanged until a test makes it
 * slow: then every answer from the service waits {@link #slow(Duration)} before it reaches the caller, as a
 * registry behind an overloaded link would. It also remembers the first line of every request it forwarded,
 * so a test can count how often a caller retried.
 */
final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private volatile long delayMillis;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();

    private FaultProxy(ServerSocket server, int upstreamPort) {
        this.server = server;
        this.upstreamPort = upstreamPort;
    }

    static FaultProxy start(int upstreamPort) {
        try {
            ServerSocket server = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
            FaultProxy proxy = new FaultProxy(server, upstreamPort);
            Thread accept = new Thread(proxy::acceptLoop, "fault-proxy-" + upstreamPort);
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the fault proxy", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on every answer chunk is held back this long ({@link Duration#ZERO}: pass through again). */
    void slow(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Request lines ("GET /api/v1/... HTTP/1.1") forwarded so far that contain {@code needle}. */
    long requestsContaining(String needle) {
        return requestLines.stream().filter(l -> l.contains(needle)).count();
    }

    /** Connections open through the proxy right now (callers that gave up close theirs). */
    int openConnections() {
        return open.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getByName("127.0.0.1"), upstreamPort);
                } catch (IOException refused) {
                    client.close(); // the service is down: the caller sees the connection drop, as it would without us
                    continue;
                }
                open.incrementAndGet();
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (request) {
                        String text = new String(buffer, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
                        int eol = text.indexOf("\r\n");
                        if (eol > 0 && text.contains(" HTTP/1.")) {
                            requestLines.add(text.substring(0, eol));
                        }
                    } else if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed or timed out
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                if (request) {
                    open.decrementAndGet();
                }
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
