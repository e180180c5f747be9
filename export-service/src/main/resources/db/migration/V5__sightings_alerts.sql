-- The feed's cursor is (txid, seq), not seq alone: a transaction with an older txid can take a higher seq than a
-- younger one that is still running, so "seq > cursor AND txid < xmin" could pass a row and then skip the younger
-- transaction's lower seq when it commits. Ordered by (txid, seq), every row that can still appear has txid >= the
-- xmin the reader saw, i.e. sorts after everything it was given (io.zmx.export.persistence.EventFeed).
CREATE INDEX event_txid_seq ON event (txid, seq);

-- re-export and two-destination checks look filings up by VIN
CREATE INDEX filings_vin ON filings (vin);

-- A VIN presented in a country (import declaration, registration attempt, border crossing), reported by that
-- country's agency or by origin customs. filing_id: the VIN's last cleared filing when the sighting was recorded.
-- countries: who sees it (the sighting's country and that filing's destination), as for events.
CREATE TABLE sighting (
    id            UUID        PRIMARY KEY,
    vin           TEXT        NOT NULL,
    country       TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    place         TEXT        NOT NULL,
    sighted_on    DATE        NOT NULL,
    reported_by   TEXT        NOT NULL,
    reported_role TEXT        NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    filing_id     UUID,
    countries     TEXT[]      NOT NULL DEFAULT '{}'
);
CREATE INDEX sighting_vin ON sighting (vin, sighted_on);

-- An alert is raised once per cause (cause_key is unique: a retried or concurrent detection inserts nothing), in the
-- transaction of what caused it, together with its alert.raised event. Route: origin_region -> declared_destination
-- -> surfaced_in (the sighting's country, the other filing's destination, the confirmation's destination, or CN).
-- observed_on: the day the cause happened (the sighting's date; the screening day otherwise), the report's month.
CREATE TABLE alert (
    id                   UUID        PRIMARY KEY,
    kind                 TEXT        NOT NULL,
    cause_key            TEXT        NOT NULL UNIQUE,
    raised_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    observed_on          DATE        NOT NULL,
    vin                  TEXT        NOT NULL,
    filing_id            UUID        NOT NULL REFERENCES filings (id),
    other_filing_id      UUID        REFERENCES filings (id),
    sighting_id          UUID        REFERENCES sighting (id),
    exporter_credit_code TEXT        NOT NULL,
    origin_region        TEXT,
    declared_destination TEXT        NOT NULL,
    surfaced_in          TEXT        NOT NULL,
    countries            TEXT[]      NOT NULL,
    detail               TEXT
);
CREATE INDEX alert_countries ON alert USING gin (countries);
CREATE INDEX alert_exporter ON alert (exporter_credit_code, kind);
CREATE INDEX alert_observed ON alert (kind, observed_on);
CREATE INDEX alert_vin ON alert (vin);
