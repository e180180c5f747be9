package io.zmx.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.zmx.sdk.webhooks.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A partner's webhook receiver on loopback, as an agency would run one: it records every POST (headers and the raw
 * body, untouched) and answers 204. Deliveries are checked as a partner checks them, with the SDK's
 * {@link WebhookVerifier} (Standard Webhooks, https://www.standardwebhooks.com).
 */
final class WebhookReceiver implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The specification's default tolerance for webhook-timestamp against the receiver's clock. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** One request as received: the three webhook headers and the body's bytes. */
    record Delivery(String id, String timestamp, String signature, byte[] body, Instant receivedAt) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String type() {
            return json().path("type").asText();
        }

        JsonNode data() {
            return json().path("data");
        }

        /** The webhook header of this name (lower case, as {@link WebhookVerifier} asks), or null. */
        String header(String name) {
            return switch (name) {
                case "webhook-id" -> id;
                case "webhook-timestamp" -> timestamp;
                case "webhook-signature" -> signature;
                default -> null;
            };
        }
    }

    private final HttpServer server;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                var h = exchange.getRequestHeaders();
                received.add(new Delivery(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                        body, Instant.now()));
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every request so far (retries included). */
    List<Delivery> received() {
        return new ArrayList<>(received);
    }

    /** The requests whose event is about {@code vin}, one per webhook-id (at-least-once: a receiver de-duplicates). */
    List<Delivery> about(String vin) {
        List<Delivery> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Delivery d : received) {
            if (vin.equals(d.data().path("vin").asText()) && seen.add(d.id())) {
                out.add(d);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /**
     * Whether a partner's receiver accepts the delivery with this secret at {@code now}: the SDK's
     * {@link WebhookVerifier}, the check partners are told to use (the Standard Webhooks scheme; the SDK's own test
     * checks it against the specification's published example, so a signer that drifted from the specification
     * fails here and not only in the SDK).
     */
    static boolean verifies(String secret, Delivery d, Instant now) {
        if (secret == null) {
            return false;
        }
        try {
            new WebhookVerifier(TOLERANCE, Clock.fixed(now, ZoneOffset.UTC), secret).verify(d.body(), d::header);
            return true;
        } catch (WebhookVerifier.Invalid e) {
            return false;
        }
    }

    /** The same delivery with its body changed by one byte, for showing the check refuses tampering. */
    static Delivery tampered(Delivery d) {
        byte[] body = d.body().clone();
        body[body.length / 2] ^= 0x01;
        return new Delivery(d.id(), d.timestamp(), d.signature(), body, d.receivedAt());
    }
}
