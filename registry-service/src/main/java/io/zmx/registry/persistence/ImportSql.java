package io.zmx.registry.persistence;

/**
 * SQL of the bulk path. Lines are COPYed into per-connection temporary (unlogged) staging tables, checked
 * against the stored data, then merged with INSERT ... ON CONFLICT: vehicles are upserted by VIN (only changed
 * rows get a new version), history rows are inserted once per natural key.
 */
public final class ImportSql {

    private ImportSql() {}

    public static final String[] CREATE_STAGING = {
        "CREATE TEMP TABLE IF NOT EXISTS stage_vehicle (line BIGINT, vin VARCHAR(17), manufacturer VARCHAR(120), "
                + "make VARCHAR(60), model VARCHAR(80), model_year INTEGER, fuel_type VARCHAR(8), engine_cc INTEGER, "
                + "power_kw INTEGER, drive_side VARCHAR(3), emission_standard VARCHAR(20), production_date DATE, "
                + "plant_country VARCHAR(2))",
        "CREATE TEMP TABLE IF NOT EXISTS stage_history_only (line BIGINT, vin VARCHAR(17))",
        // kind: as sent (null = default); first_in_line: no earlier-or-same-day registration of the VIN in its line
        "CREATE TEMP TABLE IF NOT EXISTS stage_registration (line BIGINT, vin VARCHAR(17), reg_date DATE, "
                + "region VARCHAR(6), city VARCHAR(80), plate VARCHAR(16), owner_type VARCHAR(8), owner_id VARCHAR(64), "
                + "kind VARCHAR(20), first_in_line BOOLEAN)",
        "CREATE TEMP TABLE IF NOT EXISTS stage_deregistration (line BIGINT, vin VARCHAR(17), dereg_date DATE, "
                + "reason VARCHAR(8), region VARCHAR(6))",
        "CREATE TEMP TABLE IF NOT EXISTS stage_reading (line BIGINT, vin VARCHAR(17), reading_date DATE, km INTEGER, "
                + "source VARCHAR(20), correction BOOLEAN, reason VARCHAR(500), rollback BOOLEAN)",
        "CREATE TEMP TABLE IF NOT EXISTS stage_brand (line BIGINT, vin VARCHAR(17), brand VARCHAR(8), brand_date DATE, "
                + "source VARCHAR(120), note VARCHAR(500))",
        "CREATE TEMP TABLE IF NOT EXISTS bad_line (line BIGINT PRIMARY KEY, vin VARCHAR(40), reason VARCHAR(2000))",
    };

    public static final String[] STAGING_TABLES = {"stage_vehicle", "stage_history_only", "stage_registration",
        "stage_deregistration", "stage_reading", "stage_brand"};

    public static final String TRUNCATE = "TRUNCATE stage_vehicle, stage_history_only, stage_registration, "
            + "stage_deregistration, stage_reading, stage_brand, bad_line";

    public static final String DROP = "DROP TABLE IF EXISTS stage_vehicle, stage_history_only, stage_registration, "
            + "stage_deregistration, stage_reading, stage_brand, bad_line";

    public static final String COPY_VEHICLE = "COPY stage_vehicle FROM STDIN";
    public static final String COPY_HISTORY_ONLY = "COPY stage_history_only FROM STDIN";
    public static final String COPY_REGISTRATION = "COPY stage_registration FROM STDIN";
    public static final String COPY_DEREGISTRATION = "COPY stage_deregistration FROM STDIN";
    public static final String COPY_READING = "COPY stage_reading FROM STDIN";
    public static final String COPY_BRAND = "COPY stage_brand FROM STDIN";
    // fast path: every VIN of the chunk is new, rows go straight into their tables
    public static final String COPY_VEHICLE_DIRECT = "COPY vehicle (vin, manufacturer, make, model, model_year, fuel_type, "
            + "engine_cc, power_kw, drive_side, emission_standard, production_date, plant_country, status, "
            + "first_registration_date, transfer_for_export_date) FROM STDIN";
    public static final String COPY_REGISTRATION_DIRECT = "COPY registration (vin, reg_date, region, city, plate, owner_type, "
            + "owner_id, kind) FROM STDIN";
    public static final String COPY_DEREGISTRATION_DIRECT = "COPY deregistration (vin, dereg_date, reason, region) FROM STDIN";
    public static final String COPY_READING_DIRECT = "COPY odometer_reading (vin, reading_date, km, source, correction, reason, "
            + "rollback) FROM STDIN";
    public static final String COPY_BRAND_DIRECT = "COPY title_brand (vin, brand, brand_date, source, note) FROM STDIN";
    public static final String COPY_ERRORS = "COPY import_error (job_id, line, vin, reason) FROM STDIN";

    /**
     * A staged reading contradicts a stored one; the same rule as OdometerRules, in SQL (r = stored, s = staged).
     * RulesAgreeInSqlTest runs both on the same generated histories.
     */
    public static final String CONTRADICTS = "r.vin = s.vin AND ("
            + "(r.reading_date <= s.reading_date AND r.km > s.km AND r.reading_date >= coalesce(("
            + "  SELECT max(b.reading_date) FROM odometer_reading b WHERE b.vin = s.vin AND b.rollback "
            + "  AND b.reading_date <= s.reading_date), '-infinity'::date)) "
            + "OR (r.reading_date >= s.reading_date AND r.km < s.km AND NOT EXISTS ("
            + "  SELECT 1 FROM odometer_reading b WHERE b.vin = s.vin AND b.rollback "
            + "  AND b.reading_date > s.reading_date AND b.reading_date <= r.reading_date)))";

    public static final String BAD_ROLLBACKS = "INSERT INTO bad_line (line, vin, reason) "
            + "SELECT DISTINCT ON (s.line) s.line, s.vin, 'odometerReadings: ' || s.km || ' km on ' || s.reading_date "
            + "|| ' contradicts ' || r.km || ' km recorded on ' || r.reading_date "
            + "|| '; send it with correction=true and a reason if it is right' "
            + "FROM stage_reading s JOIN odometer_reading r ON " + CONTRADICTS + " WHERE NOT s.correction "
            + "ORDER BY s.line ON CONFLICT (line) DO NOTHING";

    public static final String FLAG_ROLLBACKS = "UPDATE stage_reading s SET rollback = true WHERE s.correction AND EXISTS ("
            + "SELECT 1 FROM odometer_reading r WHERE " + CONTRADICTS + ")";

    /** The same registration already recorded with another kind: the API answers 409, the bulk path a bad line. */
    public static final String BAD_KIND_CONFLICTS = "INSERT INTO bad_line (line, vin, reason) "
            + "SELECT DISTINCT ON (s.line) s.line, s.vin, 'registrations: the registration of ' || s.reg_date || ' in ' "
            + "|| s.region || ' is recorded as ' || r.kind || ', not ' || s.kind "
            + "FROM stage_registration s JOIN registration r ON r.vin = s.vin AND r.reg_date = s.reg_date "
            + "AND r.region = s.region AND coalesce(r.plate, '') = coalesce(s.plate, '') "
            + "WHERE s.kind IS NOT NULL AND s.kind <> r.kind ORDER BY s.line ON CONFLICT (line) DO NOTHING";

    public static final String BAD_UNKNOWN_VEHICLES = "INSERT INTO bad_line (line, vin, reason) "
            + "SELECT h.line, h.vin, 'vin: vehicle ' || h.vin || ' is not in the registry; send its vehicle data first' "
            + "FROM stage_history_only h WHERE NOT EXISTS (SELECT 1 FROM vehicle v WHERE v.vin = h.vin) "
            + "ON CONFLICT (line) DO NOTHING";

    public static String dropBadLines(String table) {
        return "DELETE FROM " + table + " t USING bad_line b WHERE t.line = b.line";
    }

    public static final String SAVE_BAD_LINES = "INSERT INTO import_error (job_id, line, vin, reason) "
            + "SELECT ?, line, vin, reason FROM bad_line ON CONFLICT DO NOTHING";

    public static final String UPSERT_VEHICLES = "INSERT INTO vehicle (vin, manufacturer, make, model, model_year, fuel_type, "
            + "engine_cc, power_kw, drive_side, emission_standard, production_date, plant_country) "
            + "SELECT vin, manufacturer, make, model, model_year, fuel_type, engine_cc, power_kw, drive_side, "
            + "emission_standard, production_date, plant_country FROM stage_vehicle "
            + "ON CONFLICT (vin) DO UPDATE SET manufacturer = excluded.manufacturer, make = excluded.make, "
            + "model = excluded.model, model_year = excluded.model_year, fuel_type = excluded.fuel_type, "
            + "engine_cc = excluded.engine_cc, power_kw = excluded.power_kw, drive_side = excluded.drive_side, "
            + "emission_standard = excluded.emission_standard, production_date = excluded.production_date, "
            + "plant_country = excluded.plant_country, version = vehicle.version + 1, updated_at = now() "
            + "WHERE (vehicle.manufacturer, vehicle.make, vehicle.model, vehicle.model_year, vehicle.fuel_type, "
            + "vehicle.engine_cc, vehicle.power_kw, vehicle.drive_side, vehicle.emission_standard, "
            + "vehicle.production_date, vehicle.plant_country) IS DISTINCT FROM (excluded.manufacturer, excluded.make, "
            + "excluded.model, excluded.model_year, excluded.fuel_type, excluded.engine_cc, excluded.power_kw, "
            + "excluded.drive_side, excluded.emission_standard, excluded.production_date, excluded.plant_country)";

    /**
     * Registrations without a kind get the API's default (RegistrationKind.byDefault): FIRST when neither the
     * stored registrations nor the earlier ones of the same line are dated on or before it, else TRANSFER.
     */
    public static final String INSERT_REGISTRATIONS = "INSERT INTO registration (vin, reg_date, region, city, plate, "
            + "owner_type, owner_id, kind) SELECT s.vin, s.reg_date, s.region, s.city, s.plate, s.owner_type, "
            + "s.owner_id, coalesce(s.kind, CASE WHEN s.first_in_line AND NOT EXISTS (SELECT 1 FROM registration r "
            + "WHERE r.vin = s.vin AND r.reg_date <= s.reg_date) THEN 'FIRST' ELSE 'TRANSFER' END) "
            + "FROM stage_registration s ORDER BY s.line ON CONFLICT DO NOTHING";

    public static final String INSERT_DEREGISTRATIONS = "INSERT INTO deregistration (vin, dereg_date, reason, region) "
            + "SELECT vin, dereg_date, reason, region FROM stage_deregistration ORDER BY line ON CONFLICT DO NOTHING";

    public static final String INSERT_READINGS = "INSERT INTO odometer_reading (vin, reading_date, km, source, correction, "
            + "reason, rollback) SELECT vin, reading_date, km, source, correction, reason, rollback "
            + "FROM stage_reading ORDER BY line, reading_date ON CONFLICT DO NOTHING";

    public static final String INSERT_BRANDS = "INSERT INTO title_brand (vin, brand, brand_date, source, note) "
            + "SELECT vin, brand, brand_date, source, note FROM stage_brand ORDER BY line ON CONFLICT DO NOTHING";

    /**
     * Status, first registration and transfer-for-export dates: the same rules as VehicleStatus.derive (used by
     * HistoryService); RulesAgreeInSqlTest runs both on the same generated histories.
     */
    public static final String DERIVE_STATUS = "WITH affected AS ("
            + "  SELECT vin FROM stage_registration UNION SELECT vin FROM stage_deregistration), "
            + "reg AS (SELECT r.vin, min(r.reg_date) AS first_reg, max(r.reg_date) AS last_reg, "
            + "  max(r.reg_date) FILTER (WHERE r.kind = 'TRANSFER_FOR_EXPORT') AS for_export "
            + "  FROM registration r JOIN affected a ON a.vin = r.vin GROUP BY r.vin), "
            + "dereg AS (SELECT d.vin, max(d.dereg_date) AS last_dereg "
            + "  FROM deregistration d JOIN affected a ON a.vin = d.vin GROUP BY d.vin), "
            + "derived AS (SELECT a.vin, reg.first_reg, reg.for_export, CASE "
            + "  WHEN dereg.last_dereg IS NOT NULL AND (reg.last_reg IS NULL OR dereg.last_dereg >= reg.last_reg) "
            + "  THEN 'DEREGISTERED' WHEN reg.last_reg IS NOT NULL THEN 'REGISTERED' ELSE 'ACTIVE' END AS status "
            + "  FROM affected a LEFT JOIN reg ON reg.vin = a.vin LEFT JOIN dereg ON dereg.vin = a.vin) "
            + "UPDATE vehicle v SET status = x.status, first_registration_date = x.first_reg, "
            + "transfer_for_export_date = x.for_export, version = v.version + 1, updated_at = now() "
            + "FROM derived x WHERE v.vin = x.vin AND (v.status, v.first_registration_date, v.transfer_for_export_date) "
            + "IS DISTINCT FROM (x.status, x.first_reg, x.for_export)";

    public static final String PROGRESS = "UPDATE import_job SET processed = ?, failed = ?, heartbeat_at = now() WHERE id = ?";
}
