package io.zmx.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for writes, one design in every service. The key row is inserted first, in the same
 * transaction as the write: a concurrent duplicate blocks on it and then replays the stored answer (never a
 * second write); a retry after a failure (rolled back, key gone) runs the write again. Keys are scoped per
 * caller; the same key with another request (method, path and the parsed body in canonical form, so
 * {@code 15000.0} and {@code 15000.00} are the same request) is refused with 422.
 *
 * <p>Each service keeps its own table (its own Flyway migration) with the columns {@code caller, key,
 * fingerprint, status, body, etag, location, created_at}, primary key {@code (caller, key)}.
 */
public class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 200;

    /** The answer to store and send; an error answer that commits its transaction carries a problem+json body. */
    public record Reply(int status, Object body, String etag, URI location, String mediaType) {
        public Reply(int status, Object body, String etag, URI location) {
            this(status, body, etag, location, MediaType.APPLICATION_JSON);
        }
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final String table;

    /** For CDI client proxies of the services' subclasses (normal-scoped beans need a no-args constructor). */
    protected IdempotencyStore() {
        this(null, null, null);
    }

    public IdempotencyStore(EntityManager em, ObjectMapper json, String table) {
        this.em = em;
        this.json = json;
        this.table = table;
    }

    public Response run(String caller, String key, String method, String path, Object request, Supplier<Reply> write) {
        if (key == null || key.isBlank()) {
            return QuarkusTransaction.requiringNew().call(() -> respond(write.get()).build());
        }
        check(key);
        String fingerprint = fingerprint(method, path, request);
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("INSERT INTO " + table
                            + " (caller, key, fingerprint, status, body) VALUES (:caller, :key, :fp, 0, '') ON CONFLICT DO NOTHING")
                    .setParameter("caller", caller).setParameter("key", key).setParameter("fp", fingerprint)
                    .executeUpdate();
            if (inserted == 0) {
                return replay(caller, key, fingerprint);
            }
            Reply reply = write.get();
            em.createNativeQuery("UPDATE " + table + " SET status = :status, body = :body, etag = :etag, location = :loc"
                            + " WHERE caller = :caller AND key = :key")
                    .setParameter("status", reply.status()).setParameter("body", serialize(reply.body()))
                    .setParameter("etag", reply.etag())
                    .setParameter("loc", reply.location() == null ? null : reply.location().toString())
                    .setParameter("caller", caller).setParameter("key", key).executeUpdate();
            return respond(reply).header("Idempotent-Replayed", "false").build();
        });
    }

    private Response replay(String caller, String key, String fingerprint) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT fingerprint, status, body, etag, location FROM " + table
                        + " WHERE caller = :caller AND key = :key")
                .setParameter("caller", caller).setParameter("key", key).getSingleResult();
        return storedAnswer(key, fingerprint, row);
    }

    /**
     * The answer to a request whose key row exists already ({@code row} = fingerprint, status, body, etag,
     * location): the stored answer replayed, 422 when the key was used for another request, 409 while the first
     * request has not stored its answer. Shared by the blocking store and {@link ReactiveIdempotency}.
     */
    static Response storedAnswer(String key, String fingerprint, Object[] row) {
        if (!fingerprint.equals(String.valueOf(row[0]).trim())) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "Key '" + key + "' was already used for a different request; use a new key for a new request");
        }
        int status = ((Number) row[1]).intValue();
        if (status == 0) {
            // only visible if the first request's transaction committed without its answer; never write twice
            throw new ProblemException(409, "idempotency-in-progress", "Request with this key is in progress",
                    "A request with Idempotency-Key '" + key + "' is still being processed; retry later");
        }
        Response.ResponseBuilder b = Response.status(status).entity(row[2])
                .type(status >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true");
        if (row[3] != null) b.header("ETag", row[3]);
        if (row[4] != null) b.location(URI.create((String) row[4]));
        return b.build();
    }

    static Response.ResponseBuilder respond(Reply reply) {
        Response.ResponseBuilder b = Response.status(reply.status()).entity(reply.body()).type(reply.mediaType());
        if (reply.etag() != null) b.header("ETag", reply.etag());
        if (reply.location() != null) b.location(reply.location());
        return b;
    }

    public static void check(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(HEADER, "at most " + MAX_KEY_LENGTH + " characters");
        }
        TextRules.requireClean(HEADER, key);
    }

    /** SHA-256 of method, path and the request in canonical JSON form. */
    public String fingerprint(String method, String path, Object request) {
        return fingerprint(json, method, path, request);
    }

    /** SHA-256 of method, path and the request in canonical JSON form, with the given mapper. */
    public static String fingerprint(ObjectMapper json, String method, String path, Object request) {
        return sha256(method + " " + path + "\n" + canonical(json.valueToTree(request)));
    }

    private String serialize(Object o) {
        return serialize(json, o);
    }

    static String serialize(ObjectMapper json, Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys sorted, numbers by value ({@code 15000.0} = {@code 15000.00} = {@code 15000}), no whitespace. */
    public static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, StringBuilder sb) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            sb.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(i)).toString()).append(':');
                write(node.get(names.get(i)), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            Iterator<JsonNode> it = node.elements();
            for (int i = 0; it.hasNext(); i++) {
                if (i > 0) sb.append(',');
                write(it.next(), sb);
            }
            sb.append(']');
        } else if (node.isNumber()) {
            java.math.BigDecimal d = node.decimalValue().stripTrailingZeros();
            sb.append(d.signum() == 0 ? "0" : d.toPlainString());
        } else {
            sb.append(node.toString());
        }
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
