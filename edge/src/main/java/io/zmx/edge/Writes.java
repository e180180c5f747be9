package io.zmx.edge;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;
import io.zmx.edge.Writes;

/**
 * The one way a zmx service opens a Hibernate Reactive (Panache) transaction: a write, once begun, finishes (commits,
 * or rolls back on its own failure) even if its HTTP caller hangs up (client timeout, dropped link, a load generator
 * stopping).
 *
 * <p>Quarkus REST cancels a request's {@link Uni} when the client disconnects. A transaction reached by that
 * cancellation (an {@code @WithTransaction} method, or {@link Panache#withTransaction} called directly) had its session
 * closed under the statement in flight: Hibernate Reactive logged "possible non-threadsafe access to session" and
 * "Live transaction detected while closing the connection", and rolled the write back, whether or not it would have
 * committed. Here the cancellation stops at the transaction: it runs to its end, and the answer of a caller that left
 * is dropped.
 *
 * <p>Use {@link #transaction} around the work (the work's Panache calls join it; an inner {@code transaction} joins
 * the outer one) instead of {@code @WithTransaction} or {@code Panache.withTransaction}; the services' architecture
 * tests refuse those outside edge ({@code TransactionsRule} in edge's test jar). Reads keep {@code @WithSession}: a
 * cancelled read has nothing to finish. {@link ReactiveIdempotency#run} runs its writes through the same guard.
 */
public final class Writes {

    private Writes() {}

    /** {@code work} in a transaction that its caller's cancellation does not reach (see the class comment). */
    public static <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return evenIfTheCallerLeaves(Panache.withTransaction(work));
    }

    /**
     * Subscribes to {@code work} on the caller's context (the Vert.x duplicated context the session lives on) and
     * passes its outcome on, but does not pass a cancellation back to it: the work runs to its end.
     */
    public static <T> Uni<T> evenIfTheCallerLeaves(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
