package io.zmx.compliance.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.edge.IdempotencyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * {@code Idempotency-Key} for compliance-service's writes: the suite's one design ({@link IdempotencyStore}: key
 * inserted first, fingerprint of method, path and canonical body, per caller) on this service's
 * {@code idempotency_keys} table. Keys used to be global and unfingerprinted: another caller's key, or the same
 * key with another body, replayed someone else's evaluation.
 */
@ApplicationScoped
public class Idempotency extends IdempotencyStore {

    public Idempotency(EntityManager em, ObjectMapper json) {
        super(em, json, "idempotency_keys");
    }
}
