package io.zmx.registry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.edge.ReactiveIdempotency;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code Idempotency-Key} for registry-service's writes: the suite's one design ({@link ReactiveIdempotency}: key
 * inserted first in the write's transaction, fingerprint of method, path and canonical body, per caller) on this
 * service's {@code idempotency_keys} table. It answers a {@code Response}, so it lives with the resources.
 */
@ApplicationScoped
public class Idempotency extends ReactiveIdempotency {

    public Idempotency(ObjectMapper json) {
        super(json, "idempotency_keys");
    }
}
