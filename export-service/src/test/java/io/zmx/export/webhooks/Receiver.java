package io.zmx.export.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A partner's webhook receiver on loopback, inside the test: records every request (headers, body, when) and
 * answers with the status {@code answer} gives (a 3xx carries {@code Location}).
 */
public final class Receiver implements AutoCloseable {

    /** One request as received. */
    public record Request(Map<String, String> headers, String body, Instant at, int answered) {
        public String id() {
            return headers.get("webhook-id");
        }
    }

    private final HttpServer server;
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile IntSupplier answer = () -> 200;
    private volatile String location;
    private volatile long delayMillis;

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = answer.getAsInt();
            requests.add(new Request(headers, new String(body, StandardCharsets.UTF_8), Instant.now(), status));
            if (status >= 300 && status < 400 && location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public Receiver answering(IntSupplier status) {
        this.answer = status;
        return this;
    }

    public Receiver redirectingTo(String location) {
        this.location = location;
        this.answer = () -> 302;
        return this;
    }

    public Receiver slow(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** The requests answered with 2xx. */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
