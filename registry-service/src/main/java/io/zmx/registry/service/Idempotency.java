package io.zmx.registry.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.edge.IdempotencyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * {@code Idempotency-Key} for registry-service's writes: the suite's one design ({@link IdempotencyStore}: key
 * inserted first, fingerprint of method, path and canonical body, per caller) on this service's
 * {@code idempotency_keys} table. It replaces a check-then-insert that answered two concurrent retries with a 409.
 */
@ApplicationScoped
public class Idempotency extends IdempotencyStore {

    public Idempotency(EntityManager em, ObjectMapper json) {
        super(em, json, "idempotency_keys");
    }
}
