-- Signed webhooks (issue 14): endpoints registered by a tenant, one delivery row per (event, matching endpoint),
-- every attempt logged. The dispatcher fans events out from the `event` outbox (V4) past its cursor, then claims due
-- deliveries with FOR UPDATE SKIP LOCKED and sends them outside any transaction.

-- Whose endpoint it is decides what it receives, by the same visibility rule as GET /api/v1/events:
-- owner_kind 'all' (admin, origin customs): every event; 'country' (an agency, owner = ISO 3166-1 alpha-2):
-- events whose countries hold it; 'exporter' (owner = unified social credit code): events of that exporter.
CREATE TABLE webhook_endpoint (
    id                    UUID        PRIMARY KEY,
    owner_kind            TEXT        NOT NULL CHECK (owner_kind IN ('all', 'country', 'exporter')),
    owner                 TEXT        NOT NULL,
    url                   TEXT        NOT NULL,
    description           TEXT,
    event_types           TEXT[]      NOT NULL,
    -- the signing secret (whsec_<base64>), shown once; during a rotation's overlap the previous one signs too
    secret                TEXT        NOT NULL,
    previous_secret       TEXT,
    previous_secret_until TIMESTAMPTZ,
    enabled               BOOLEAN     NOT NULL DEFAULT true,
    disabled_at           TIMESTAMPTZ,
    disabled_reason       TEXT,
    consecutive_failures  INT         NOT NULL DEFAULT 0,
    failing_since         TIMESTAMPTZ,
    -- an endpoint receives the events written after it was registered (older ones only by a replay)
    after_seq             BIGINT      NOT NULL,
    created_by            TEXT        NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoint_owner ON webhook_endpoint (owner_kind, owner, created_at);

-- How far the fan-out has read the outbox (one row; the claim of it serialises fan-outs across instances).
-- The position is (txid, seq), over rows whose txid < pg_snapshot_xmin only: every transaction below the xmin has
-- ended, so that set of rows no longer changes and an ordered cursor over it never skips one. (A cursor on seq
-- alone can: a transaction that took its xid early may commit a higher seq while a later xid's lower seq is still
-- uncommitted, and both pass "txid < xmin" at different times.)
CREATE TABLE webhook_fanout (
    id        INT    PRIMARY KEY CHECK (id = 1),
    last_txid XID8   NOT NULL,
    last_seq  BIGINT NOT NULL
);
INSERT INTO webhook_fanout VALUES (1, '0', 0);
-- IF NOT EXISTS: i14-feed's V5 creates the same index for the feed's (txid, seq) paging
CREATE INDEX IF NOT EXISTS event_txid_seq ON event (txid, seq);

-- status: PENDING (due at next_attempt_at; claimed while claim is set), DELIVERED, FAILED (retries exhausted).
CREATE TABLE webhook_delivery (
    id                UUID        PRIMARY KEY,
    endpoint_id       UUID        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_seq         BIGINT      NOT NULL,
    event_id          UUID        NOT NULL,
    event_type        TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    attempts          INT         NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ,
    claim             UUID,
    -- retries run until retry_from + zmx.webhooks.retry-for (a replay starts a new window)
    retry_from        TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_attempt_at   TIMESTAMPTZ,
    last_status_code  INT,
    last_latency_ms   INT,
    last_error        TEXT,
    delivered_at      TIMESTAMPTZ,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at, id);

CREATE TABLE webhook_attempt (
    delivery_id  UUID        NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    n            INT         NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    status_code  INT,
    latency_ms   INT         NOT NULL,
    error        TEXT,
    PRIMARY KEY (delivery_id, n)
);
