-- The event feed and the transactional outbox in one table: a row is written in the same transaction as the
-- change it describes (a filing transition, a verdict, a sighting, an alert), so an event exists if and only if
-- the change committed. Readers (GET /api/v1/events, the webhook dispatcher) page by seq, but only over rows
-- whose writing transaction is older than every transaction still running (txid < pg_snapshot_xmin), so a row
-- that commits late with a lower seq is never skipped by a cursor.
CREATE TABLE event (
    seq          BIGSERIAL PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,
    type         TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    txid         XID8        NOT NULL DEFAULT pg_current_xact_id(),
    filing_id    UUID,
    vin          TEXT,
    exporter_credit_code TEXT,
    countries    TEXT[]      NOT NULL DEFAULT '{}',
    payload      JSONB       NOT NULL
);
CREATE INDEX event_countries ON event USING gin (countries);
CREATE INDEX event_exporter ON event (exporter_credit_code, seq);
CREATE INDEX event_filing ON event (filing_id, seq);
