package io.zmx.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.IdempotencyStore.Reply;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@code Idempotency-Key} for writes on Hibernate Reactive (Panache), with the rules of {@link IdempotencyStore}
 * (one table per service, the key row first in the write's transaction).
 *
 * <ul>
 *   <li>The key row is inserted first, in the same transaction as the write ({@link Panache#withTransaction}: the
 *       write's Panache calls join it). A concurrent duplicate waits on the row and then replays the stored answer,
 *       never writing twice; a write that fails rolls the key row back, so a retry runs the write again.</li>
 *   <li>Keys are scoped per caller; the same key with another request (method, path, parsed body in canonical form)
 *       is a 422 {@code idempotency-key-reused}; a key row without an answer is a 409 {@code idempotency-in-progress}.</li>
 *   <li>Without a key the write simply runs in a transaction.</li>
 *   <li>A write, once begun, finishes even if its caller hangs up (client timeout, dropped link): the caller's
 *       cancellation does not reach the transaction ({@link Writes}, the guard every write of the services goes
 *       through). Cancelled mid-transaction, Hibernate Reactive closed the session under a statement in flight
 *       ("possible non-threadsafe access to session", "Live transaction detected while closing the connection") and
 *       rolled the write back; now it commits, and the caller's retry with the same key replays it.</li>
 * </ul>
 *
 * <p>Each service subclasses it as an {@code @ApplicationScoped} bean naming its own table (columns {@code caller,
 * key, fingerprint, status, body, etag, location, created_at}, primary key {@code (caller, key)}). Call {@link #run}
 * from the resource (the {@code api} layer builds the {@link Response}); a {@link Writes#transaction} in the write
 * supplier joins this transaction (it opens none of its own), and the supplier should flush before returning a reply
 * that shows generated values.
 */
public class ReactiveIdempotency {

    private final ObjectMapper json;
    private final String table;

    /** For CDI client proxies of the services' subclasses (normal-scoped beans need a no-args constructor). */
    protected ReactiveIdempotency() {
        this(null, null);
    }

    public ReactiveIdempotency(ObjectMapper json, String table) {
        this.json = json;
        this.table = table;
    }

    public Uni<Response> run(String caller, String key, String method, String path, Object request,
            Supplier<Uni<Reply>> write) {
        return Writes.evenIfTheCallerLeaves(transaction(caller, key, method, path, request, write));
    }

    private Uni<Response> transaction(String caller, String key, String method, String path, Object request,
            Supplier<Uni<Reply>> write) {
        if (key == null || key.isBlank()) {
            return Panache.withTransaction(write).map(reply -> IdempotencyStore.respond(reply).build());
        }
        String fingerprint;
        try {
            IdempotencyStore.check(key);
            fingerprint = IdempotencyStore.fingerprint(json, method, path, request);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO " + table + " (caller, key, fingerprint, status, body)"
                        + " VALUES (:caller, :key, :fp, 0, '') ON CONFLICT DO NOTHING")
                .setParameter("caller", caller).setParameter("key", key).setParameter("fp", fingerprint)
                .executeUpdate()
                .chain(inserted -> inserted == 0
                        ? replay(session, caller, key, fingerprint)
                        : write.get().chain(reply -> store(session, caller, key, reply)))));
    }

    private Uni<Response> store(Mutiny.Session session, String caller, String key, Reply reply) {
        return session.createNativeQuery("UPDATE " + table
                        + " SET status = :status, body = :body, etag = :etag, location = :loc"
                        + " WHERE caller = :caller AND key = :key")
                .setParameter("status", reply.status())
                .setParameter("body", IdempotencyStore.serialize(json, reply.body()))
                .setParameter("etag", reply.etag())
                .setParameter("loc", reply.location() == null ? null : reply.location().toString())
                .setParameter("caller", caller).setParameter("key", key)
                .executeUpdate()
                .map(n -> IdempotencyStore.respond(reply).header("Idempotent-Replayed", "false").build());
    }

    private Uni<Response> replay(Mutiny.Session session, String caller, String key, String fingerprint) {
        return session.<Object[]>createNativeQuery("SELECT fingerprint, status, body, etag, location FROM " + table
                        + " WHERE caller = :caller AND key = :key")
                .setParameter("caller", caller).setParameter("key", key)
                .getSingleResult()
                .map(row -> IdempotencyStore.storedAnswer(key, fingerprint, row));
    }
}
