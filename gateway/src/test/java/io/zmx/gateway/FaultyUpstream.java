package io.zmx.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that fails the way a real one does, on a real loopback socket: the request's {@code X-Fault} header
 * (which the gateway forwards unchanged) says how. {@code hang}: reads everything and never answers (a service
 * slower than the gateway's timeout). {@code close}: closes the connection as soon as the request head has
 * arrived, with the body still on its way (a service killed with a request in flight). {@code slow}: answers 200 after
 * {@link #SLOW_MS} ms, longer than the gateway's test timeout for a service (1 s) without a byte. {@code whole-body}: answers
 * 201 once the whole body its {@code Content-Length} announces has arrived, as a real service reads a JSON body before it
 * answers. Anything else: 201 at once.
 */
final class FaultyUpstream {

    static final long SLOW_MS = 1800;

    private static FaultyUpstream instance;

    private final Vertx vertx = Vertx.vertx();
    private final NetServer server;
    final AtomicInteger heads = new AtomicInteger();

    private FaultyUpstream() throws Exception {
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
                .connectHandler(this::serve)
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static synchronized FaultyUpstream get() {
        if (instance == null) {
            try {
                instance = new FaultyUpstream();
            } catch (Exception e) {
                throw new IllegalStateException("the faulty upstream did not start", e);
            }
        }
        return instance;
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void serve(NetSocket socket) {
        Buffer received = Buffer.buffer();
        long[] bodyWanted = {-1}; // set once the head has arrived, for whole-body
        boolean[] headSeen = {false};
        socket.handler(chunk -> {
            received.appendBuffer(chunk);
            if (headSeen[0]) {
                if (bodyWanted[0] >= 0 && received.length() >= bodyWanted[0]) {
                    bodyWanted[0] = -1;
                    created(socket);
                }
                return;
            }
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            headSeen[0] = true;
            heads.incrementAndGet();
            String head = text.substring(0, end);
            String fault = header(head, "x-fault");
            switch (fault) {
                case "hang" -> { } // never answers; the connection stays open until the gateway gives up
                case "close" -> socket.close();
                case "slow" -> vertx.setTimer(SLOW_MS, t -> {
                    String body = "{\"slow\":true}";
                    socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length() + "\r\nConnection: close\r\n\r\n" + body).onComplete(v -> socket.close());
                });
                case "whole-body" -> {
                    String length = header(head, "content-length");
                    bodyWanted[0] = end + 4 + (length.isEmpty() ? 0 : Long.parseLong(length));
                    if (received.length() >= bodyWanted[0]) {
                        bodyWanted[0] = -1;
                        created(socket);
                    }
                }
                default -> created(socket);
            }
        });
    }

    private static void created(NetSocket socket) {
        String body = "{\"id\":\"f-1\"}";
        socket.write("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body).onComplete(v -> socket.close());
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }
}
