-- Issue 9: every input a rule reads is on the filing; export dates bounded and re-screened; documents attached
-- to held filings; random inspection; the deregistration deadline after shipping; exporter negative list and
-- exchange rates maintained here.

ALTER TABLE filings
    ADD COLUMN consignee_type                text,
    ADD COLUMN consignee_registration_number text,
    ADD COLUMN licence_application           jsonb,
    ADD COLUMN conformity_certificate        jsonb,
    ADD COLUMN saso_certificate              jsonb,
    -- the export-licence application date: the Asia/Shanghai calendar day the filing was submitted
    ADD COLUMN application_date              date,
    -- the export date the stored verdict was screened against (asOf)
    ADD COLUMN screened_as_of                date,
    ADD COLUMN random_inspection             boolean NOT NULL DEFAULT false,
    -- the actual export date recorded at ship, and the deregistration-deadline check after it
    ADD COLUMN export_date                   date,
    ADD COLUMN deregistration_due            date,
    ADD COLUMN deregistered_on               date,
    ADD COLUMN deregistration_overdue        boolean NOT NULL DEFAULT false,
    ADD COLUMN deregistration_checked_at     timestamptz;

-- The confirmation was a bare reference; it is now the structured document (old rows keep their reference).
ALTER TABLE filings ALTER COLUMN after_sales_confirmation TYPE jsonb
    USING CASE WHEN after_sales_confirmation IS NULL THEN NULL
               ELSE jsonb_build_object('reference', after_sales_confirmation) END;

-- The self-declared tick-box is no longer asked for (compliance-service decides it from its list); old rows keep theirs.
ALTER TABLE filings ALTER COLUMN consignee_official_rep DROP NOT NULL;
ALTER TABLE filings ALTER COLUMN consignee_official_rep SET DEFAULT false;
ALTER TABLE filings ALTER COLUMN hs_code DROP NOT NULL;

UPDATE filings SET consignee_type = CASE WHEN consignee_official_rep THEN 'OFFICIAL_REPRESENTATIVE' ELSE 'COMPANY' END;
UPDATE filings SET application_date = (submitted_at AT TIME ZONE 'Asia/Shanghai')::date WHERE submitted_at IS NOT NULL;
UPDATE filings SET screened_as_of = planned_export_date WHERE screened_at IS NOT NULL;

CREATE INDEX filings_deregistration_due ON filings (deregistration_due)
    WHERE deregistration_due IS NOT NULL AND deregistered_on IS NULL AND NOT deregistration_overdue;
CREATE INDEX filings_deregistration_overdue ON filings (created_at DESC) WHERE deregistration_overdue;

-- Customs' negative list of dishonest exporters (2025 notice, dynamic management): HOLD or REFUSE their filings.
CREATE TABLE exporter_negative_list (
    id          uuid PRIMARY KEY,
    credit_code char(18)    NOT NULL,
    measure     text        NOT NULL CHECK (measure IN ('HOLD', 'REFUSE')),
    reason      text        NOT NULL,
    since       date        NOT NULL,
    until       date,
    source      text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    CHECK (until IS NULL OR until >= since)
);
CREATE INDEX exporter_negative_list_code ON exporter_negative_list (credit_code, since);

-- Dated exchange rates: 1 unit of currency = rate units of the reference currency, valid on valid_on.
CREATE TABLE exchange_rates (
    currency           char(3)        NOT NULL,
    valid_on           date           NOT NULL,
    reference_currency char(3)        NOT NULL,
    rate               numeric(20, 8) NOT NULL CHECK (rate > 0),
    source             text           NOT NULL,
    created_by         text           NOT NULL,
    created_at         timestamptz    NOT NULL,
    PRIMARY KEY (currency, reference_currency, valid_on)
);
