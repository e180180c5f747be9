package io.zmx.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * {@code Idempotency-Key} for writes, one design in every service: what is stored and how a request is recognised
 * (the key's rules, the request's fingerprint, the stored answer and its replay). {@link ReactiveIdempotency} runs it
 * on Hibernate Reactive: the key row is inserted first, in the same transaction as the write, so a concurrent
 * duplicate waits on it and then replays the stored answer (never a second write), and a retry after a failure
 * (rolled back, key gone) runs the write again. Keys are scoped per caller; the same key with another request
 * (method, path and the parsed body in canonical form, so {@code 15000.0} and {@code 15000.00} are the same
 * request) is refused with 422.
 *
 * <p>Each service keeps its own table (its own Flyway migration) with the columns {@code caller, key,
 * fingerprint, status, body, etag, location, created_at}, primary key {@code (caller, key)}.
 */
public final class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 200;

    /** The answer to store and send; an error answer that commits its transaction carries a problem+json body. */
    public record Reply(int status, Object body, String etag, URI location, String mediaType) {
        public Reply(int status, Object body, String etag, URI location) {
            this(status, body, etag, location, MediaType.APPLICATION_JSON);
        }
    }

    private IdempotencyStore() {}

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

    /** SHA-256 of method, path and the request in canonical JSON form, with the given mapper. */
    public static String fingerprint(ObjectMapper json, String method, String path, Object request) {
        return sha256(method + " " + path + "\n" + canonical(json.valueToTree(request)));
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
