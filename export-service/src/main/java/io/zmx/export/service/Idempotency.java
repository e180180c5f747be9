package io.zmx.export.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.edge.IdempotencyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for export-service's writes: the suite's one design ({@link IdempotencyStore}: key
 * inserted first, fingerprint of method, path and canonical body, per caller) on this service's
 * {@code idempotency_keys} table.
 */
@ApplicationScoped
public class Idempotency extends IdempotencyStore {

    public Idempotency(EntityManager em, ObjectMapper json) {
        super(em, json, "idempotency_keys");
    }

    public Response run(Caller caller, String key, String method, String path, Object request, Supplier<Reply> write) {
        return run(caller.subject(), key, method, path, request, write);
    }
}
