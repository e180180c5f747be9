package io.zmx.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's webhook receiver on loopback, as an agency would run one: it records every POST (headers and the raw
 * body, untouched) and answers 204. The signature check beside it is written from the Standard Webhooks
 * specification (https://www.standardwebhooks.com), not from zmx's signer, so a signer that drifted from the
 * specification fails here.
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
     * The Standard Webhooks check: the secret is "whsec_" + base64(key); the signed content is
     * {@code id + "." + timestamp + "." + body}; webhook-signature holds space-separated "v1," + base64(HMAC-SHA256)
     * signatures, any one of which may match (two during a secret rotation); the timestamp must lie within
     * {@link #TOLERANCE} of {@code now}. Comparison in constant time.
     */
    static boolean verifies(String secret, Delivery d, Instant now) {
        if (secret == null || !secret.startsWith("whsec_") || d.id() == null || d.timestamp() == null || d.signature() == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(d.timestamp());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - ts) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((d.id() + "." + d.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(d.body());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String versioned : d.signature().trim().split(" +")) {
            int comma = versioned.indexOf(',');
            if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(versioned.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    /** The same delivery with its body changed by one byte, for showing the check refuses tampering. */
    static Delivery tampered(Delivery d) {
        byte[] body = d.body().clone();
        body[body.length / 2] ^= 0x01;
        return new Delivery(d.id(), d.timestamp(), d.signature(), body, d.receivedAt());
    }
}
