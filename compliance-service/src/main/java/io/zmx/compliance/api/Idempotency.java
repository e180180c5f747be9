package io.zmx.compliance.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.edge.ReactiveIdempotency;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code Idempotency-Key} for compliance-service's writes: the suite's one design ({@link ReactiveIdempotency}: key
 * inserted first in the write's transaction, fingerprint of method, path and canonical body, per caller) on this
 * service's {@code idempotency_keys} table. Keys used to be global and unfingerprinted: another caller's key, or the
 * same key with another body, replayed someone else's evaluation.
 */
@ApplicationScoped
public class Idempotency extends ReactiveIdempotency {

    /** For the CDI client proxy. */
    protected Idempotency() {
        super();
    }

    @jakarta.inject.Inject
    public Idempotency(ObjectMapper json) {
        super(json, "idempotency_keys");
    }
}
