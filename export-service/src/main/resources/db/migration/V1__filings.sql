-- Export filings, their audit trail, quotas, idempotency records and the report rollup.

CREATE SEQUENCE filing_number_seq;

CREATE TABLE filings (
    id                         uuid PRIMARY KEY,
    number                     text        NOT NULL UNIQUE,
    version                    bigint      NOT NULL,
    status                     text        NOT NULL,
    exporter_credit_code       char(18)    NOT NULL,
    created_by                 text        NOT NULL,
    vin                        char(17)    NOT NULL,
    destination                char(2)     NOT NULL,
    consignee                  text        NOT NULL,
    consignee_official_rep     boolean     NOT NULL,
    declared_status            text        NOT NULL,
    declared_odometer_km       integer     NOT NULL,
    declared_value             numeric(14, 2) NOT NULL,
    declared_currency          char(3)     NOT NULL,
    hs_code                    text        NOT NULL,
    port_of_exit               text        NOT NULL,
    planned_export_date        date        NOT NULL,
    after_sales_confirmation   text,
    export_licence             text,
    declared_make              text,
    declared_model             text,
    declared_model_year        integer,
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    submitted_at               timestamptz,
    status_reason              text,
    -- the persistent screener's bookkeeping
    screen_attempts            integer     NOT NULL DEFAULT 0,
    next_screen_at             timestamptz,
    screen_claim               uuid,
    last_screen_error          text,
    -- the verdict
    screened_at                timestamptz,
    lane                       text,
    zero_mileage               boolean,
    maker                      text,
    origin_region              text,
    under_valuation_ratio      numeric(10, 4),
    assessment                 jsonb,
    findings                   jsonb,
    evaluation                 jsonb,
    -- head of this filing's audit chain (detects a truncated chain)
    audit_seq                  integer     NOT NULL DEFAULT 0,
    audit_head                 char(64)
);

CREATE INDEX filings_due ON filings (next_screen_at) WHERE status = 'SUBMITTED';
CREATE INDEX filings_exporter ON filings (exporter_credit_code, created_at DESC);
CREATE INDEX filings_destination ON filings (destination, created_at DESC);
CREATE INDEX filings_status ON filings (status, created_at DESC);

-- Append-only, hash-chained per filing: hash = SHA-256(prev_hash | filing | seq | actor | at | from | to | reason).
CREATE TABLE filing_events (
    id          bigserial PRIMARY KEY,
    filing_id   uuid        NOT NULL REFERENCES filings (id),
    seq         integer     NOT NULL,
    actor       text        NOT NULL,
    actor_role  text,
    at          timestamptz NOT NULL,
    from_status text,
    to_status   text        NOT NULL,
    reason      text,
    prev_hash   char(64)    NOT NULL,
    hash        char(64)    NOT NULL,
    UNIQUE (filing_id, seq)
);

CREATE FUNCTION filing_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'filing_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER filing_events_append_only BEFORE UPDATE OR DELETE ON filing_events
    FOR EACH ROW EXECUTE FUNCTION filing_events_refuse_change();
CREATE TRIGGER filing_events_no_truncate BEFORE TRUNCATE ON filing_events
    FOR EACH STATEMENT EXECUTE FUNCTION filing_events_refuse_change();

-- Quotas by issuing region, period and optionally exporter; used never exceeds quota_limit.
CREATE TABLE quotas (
    id                   uuid PRIMARY KEY,
    region               text        NOT NULL,
    exporter_credit_code char(18),
    period_start         date        NOT NULL,
    period_end           date        NOT NULL,
    quota_limit          integer     NOT NULL CHECK (quota_limit >= 0),
    used                 integer     NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    CHECK (used >= 0 AND used <= quota_limit),
    CHECK (period_end >= period_start)
);
CREATE INDEX quotas_lookup ON quotas (region, period_start, period_end);

CREATE TABLE quota_allocations (
    quota_id  uuid        NOT NULL REFERENCES quotas (id),
    filing_id uuid        NOT NULL REFERENCES filings (id),
    taken_at  timestamptz NOT NULL,
    PRIMARY KEY (quota_id, filing_id)
);

-- A retried write with the same key replays the first answer instead of acting twice.
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

-- Report rollup, maintained in the screening transaction: one row per month x destination x maker x region.
CREATE TABLE zero_mileage_rollup (
    month         date     NOT NULL,
    destination   char(2)  NOT NULL,
    maker         text     NOT NULL,
    origin_region text     NOT NULL,
    filings       bigint   NOT NULL,
    zero_mileage  bigint   NOT NULL,
    PRIMARY KEY (month, destination, maker, origin_region)
);
