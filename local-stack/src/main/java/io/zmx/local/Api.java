package io.zmx.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A partner's view of the gateway: JSON over HTTP with a bearer token per client, nothing more. */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public record Reply(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public Reply expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new IllegalStateException("unexpected HTTP " + status + ": " + raw);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final String base;
    private final Issuer issuer;
    private volatile Observer observer = Observer.NONE;

    /** Sees every answer (tests check each against the partner contract). */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (method, path, reply) -> { };

        void answered(String method, String path, Reply reply);
    }

    public Api(String base, Issuer issuer) {
        this.base = base;
        this.issuer = issuer;
    }

    /** This API with every answer shown to {@code observer} first (it may throw to fail the caller). */
    public Api observedBy(Observer observer) {
        Api observed = new Api(base, issuer);
        observed.observer = observer;
        return observed;
    }

    public Reply get(String client, String path) {
        return send(client, "GET", path, null, null, null);
    }

    public Reply post(String client, String path, Object body, java.util.Map<String, String> headers) {
        return send(client, "POST", path, body, "application/json", UUID.randomUUID().toString(), headers);
    }

    public Reply post(String client, String path, Object body) {
        return send(client, "POST", path, body, "application/json", UUID.randomUUID().toString());
    }

    public Reply postRaw(String client, String path, String body, String contentType) {
        return send(client, "POST", path, body, contentType, null);
    }

    /**
     * Any request exactly as given: no generated Idempotency-Key, the body sent as the raw text it is
     * (or none when null), for tests that probe the edge with hostile or unusual requests.
     */
    public Reply request(String client, String method, String path, String rawBody, String contentType,
                         java.util.Map<String, String> headers) {
        return send(client, method, path, rawBody, contentType, null, headers);
    }

    /** The JSON text of a request body, written the way {@link #post} writes it. */
    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Tokens live an hour; one per client is enough for a demo load or a test run. */
    public String token(String client) {
        return tokens.computeIfAbsent(client, issuer::token);
    }

    private Reply send(String client, String method, String path, Object body, String contentType, String idempotencyKey) {
        return send(client, method, path, body, contentType, idempotencyKey, java.util.Map.of());
    }

    private Reply send(String client, String method, String path, Object body, String contentType, String idempotencyKey,
                       java.util.Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            if (client != null) {
                b.header("Authorization", "Bearer " + token(client));
            }
            headers.forEach(b::header);
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                if (contentType != null) {
                    b.header("Content-Type", contentType);
                }
                b.method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body() == null || r.body().isBlank() ? null : parse(r.body());
            Reply reply = new Reply(r.statusCode(), node, r.body(), r.headers());
            observer.answered(method, path, reply);
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
