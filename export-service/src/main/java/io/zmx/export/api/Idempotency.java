package io.zmx.export.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.IdempotencyStore.Reply;
import io.zmx.edge.ReactiveIdempotency;
import io.zmx.export.service.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for export-service's writes: the suite's one design ({@link ReactiveIdempotency}: key
 * inserted first in the write's transaction, fingerprint of method, path and canonical body, per caller) on this
 * service's {@code idempotency_keys} table. The write runs inside that transaction.
 */
@ApplicationScoped
public class Idempotency extends ReactiveIdempotency {

    Idempotency() {
        super(); // for the client proxy only
    }

    @Inject
    public Idempotency(ObjectMapper json) {
        super(json, "idempotency_keys");
    }

    public Uni<Response> run(Caller caller, String key, String method, String path, Object request, Supplier<Uni<Reply>> write) {
        return run(caller.subject(), key, method, path, request, write);
    }
}
