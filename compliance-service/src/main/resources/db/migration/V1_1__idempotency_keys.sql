-- Idempotency-Key records, the suite's one design (io.zmx.edge.IdempotencyStore): scoped per caller, with the
-- fingerprint of the request, the key inserted first in the write's transaction. Numbered 1.1 so it sorts before
-- any V2 of other work. evaluations.idempotency_key (global, no fingerprint) is no longer written.
CREATE TABLE idempotency_keys (
    caller      text        NOT NULL,
    key         text        NOT NULL,
    fingerprint char(64)    NOT NULL,
    status      integer     NOT NULL,
    body        text        NOT NULL,
    etag        text,
    location    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
