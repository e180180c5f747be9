-- Issue 9: registration kinds, the transfer-for-export date, and model years never later than production + 1.

-- Why a vehicle was registered: FIRST | TRANSFER | TRANSFER_FOR_EXPORT (RegistrationKind).
ALTER TABLE registration ADD COLUMN kind VARCHAR(20);
-- Backfill: nothing recorded so far says a registration was the transfer to an exporter, so the earliest
-- registration of each vehicle (by date, then by the order it was recorded) is FIRST and every later one TRANSFER.
UPDATE registration r SET kind = CASE WHEN r.id = (
        SELECT f.id FROM registration f WHERE f.vin = r.vin ORDER BY f.reg_date, f.id LIMIT 1)
    THEN 'FIRST' ELSE 'TRANSFER' END;
ALTER TABLE registration ALTER COLUMN kind SET NOT NULL;
ALTER TABLE registration ADD CONSTRAINT registration_kind_check
    CHECK (kind IN ('FIRST', 'TRANSFER', 'TRANSFER_FOR_EXPORT'));
CREATE INDEX registration_transfer_for_export_idx ON registration (vin, reg_date) WHERE kind = 'TRANSFER_FOR_EXPORT';

-- Derived like first_registration_date: the latest TRANSFER_FOR_EXPORT registration (none exist yet).
ALTER TABLE vehicle ADD COLUMN transfer_for_export_date DATE;

-- Model years decoded before this release could land up to 9 years in the future (position 10 resolved to the
-- nearest cycle year, e.g. '5' -> 2035 without a production date). A model year is never later than the
-- production year + 1, or, without a production date, the year it was recorded + 1: step such rows back by whole
-- 30-year cycles (the same position-10 code) until they are not. Changed rows get a new version (new ETag).
UPDATE vehicle SET
    model_year = model_year - 30 * ceil((model_year - (coalesce(extract(year FROM production_date)::int,
                                          extract(year FROM created_at)::int) + 1)) / 30.0)::int,
    version = version + 1,
    updated_at = now()
WHERE model_year > coalesce(extract(year FROM production_date)::int, extract(year FROM created_at)::int) + 1;
