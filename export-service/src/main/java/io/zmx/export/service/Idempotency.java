package io.zmx.export.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.zmx.export.api.problem.Problem;
import io.zmx.export.api.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for writes. The key row is inserted first in the same transaction as the
 * write: a concurrent retry blocks on it, then replays the stored answer; a retry after a failure
 * (rolled back, key gone) runs the write again. The same key with another request is refused (422).
 */
@ApplicationScoped
public class Idempotency {

    /** The answer to store and send; an error answer that commits its transaction carries a problem+json body. */
    public record Reply(int status, Object body, String etag, URI location, String mediaType) {
        public Reply(int status, Object body, String etag, URI location) {
            this(status, body, etag, location, MediaType.APPLICATION_JSON);
        }
    }

    private final EntityManager em;
    private final ObjectMapper json;

    public Idempotency(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public Response run(Caller caller, String key, String method, String path, Object request, Supplier<Reply> write) {
        if (key == null || key.isBlank()) {
            return QuarkusTransaction.requiringNew().call(() -> respond(write.get()));
        }
        if (key.length() > 200) {
            throw ProblemException.invalid("validation", "Request is not valid", "Idempotency-Key is too long",
                    List.of(new Problem.Violation("Idempotency-Key", "at most 200 characters")));
        }
        String fingerprint = sha256(method + " " + path + "\n" + serialize(request));
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("""
                    INSERT INTO idempotency_keys (caller, key, fingerprint, status, body)
                    VALUES (:caller, :key, :fp, 0, '') ON CONFLICT DO NOTHING""")
                    .setParameter("caller", caller.subject()).setParameter("key", key).setParameter("fp", fingerprint)
                    .executeUpdate();
            if (inserted == 0) {
                Object[] row = (Object[]) em.createNativeQuery("""
                        SELECT fingerprint, status, body, etag, location FROM idempotency_keys
                         WHERE caller = :caller AND key = :key""")
                        .setParameter("caller", caller.subject()).setParameter("key", key).getSingleResult();
                if (!fingerprint.equals(row[0])) {
                    throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                            "Key '" + key + "' was already used for a different request; use a new key for a new request");
                }
                Response.ResponseBuilder b = Response.status(((Number) row[1]).intValue())
                        .entity(row[2]).header("Idempotent-Replayed", "true")
                        .type(((Number) row[1]).intValue() >= 400 ? "application/problem+json" : MediaType.APPLICATION_JSON);
                if (row[3] != null) b.header("ETag", row[3]);
                if (row[4] != null) b.location(URI.create((String) row[4]));
                return b.build();
            }
            Reply reply = write.get();
            String body = serialize(reply.body());
            em.createNativeQuery("""
                    UPDATE idempotency_keys SET status = :status, body = :body, etag = :etag, location = :loc
                     WHERE caller = :caller AND key = :key""")
                    .setParameter("status", reply.status()).setParameter("body", body)
                    .setParameter("etag", reply.etag())
                    .setParameter("loc", reply.location() == null ? null : reply.location().toString())
                    .setParameter("caller", caller.subject()).setParameter("key", key).executeUpdate();
            return respond(reply);
        });
    }

    private Response respond(Reply reply) {
        Response.ResponseBuilder b = Response.status(reply.status()).entity(reply.body()).type(reply.mediaType());
        if (reply.etag() != null) b.header("ETag", reply.etag());
        if (reply.location() != null) b.location(reply.location());
        return b.build();
    }

    private String serialize(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
