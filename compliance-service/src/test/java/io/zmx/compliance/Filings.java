package io.zmx.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation request bodies for the tests: a clean CN -> KZ filing of a one-year-old PHEV that no
 * BLOCK or HOLD rule hits on 2026-03-01, and a way to change any field by its JSON path.
 */
public final class Filings {

    private Filings() {}

    public static Map<String, Object> clean() {
        Map<String, Object> vehicle = map(
                "vin", "LGXCE4CB0R0123456", "manufacturer", "BYD Auto", "make", "BYD", "model", "Song Plus DM-i",
                "modelYear", 2024, "fuelType", "PHEV", "engineCc", 1498, "powerKw", 81.0, "driveSide", "LHD",
                "emissionStandard", "CN6b", "productionDate", "2024-05-10", "plantCountry", "CN",
                "firstRegistrationDate", "2025-03-01", "deregistered", true, "status", "DEREGISTERED",
                "registrations", list(map("id", "r-1", "date", "2025-03-01", "region", "CN-SC", "city", "Chengdu",
                        "plate", "A12345", "ownerType", "DEALER", "ownerId", "D-1")),
                "odometerReadings", list(map("id", "o-1", "date", "2025-03-01", "km", 12, "source", "REGISTRATION",
                        "correction", false, "rollback", false)),
                "titleBrands", list());
        Map<String, Object> filing = map(
                "destination", "KZ", "declaredStatus", "USED", "declaredOdometerKm", 15,
                "declaredValue", map("amount", 18500.00, "currency", "USD"), "hsCode", "8703601090",
                "consignee", "Astana Motors", "consigneeOfficialRepresentative", true, "consigneeType", "COMPANY",
                "afterSalesConfirmation", null, "exportLicence", map("number", "EL-2026-0001", "issuedOn", "2026-02-20"),
                "exporterCreditCode", "91510100MA61234567", "plannedExportDate", "2026-03-01", "portOfExit", "Khorgos");
        Map<String, Object> assessment = map("zeroMileage", false, "odometerKm", 15, "daysRegisteredBeforeExport", 365,
                "verdict", "USED");
        return map("reference", "FIL-TEST", "origin", "CN", "destination", "KZ", "asOf", "2026-03-01",
                "vehicle", vehicle, "filing", filing, "assessment", assessment);
    }

    /**
     * The clean filing with the fields the v2 rule sets (issue 9) read: application date, transfer for export,
     * the licence application matching the registry, a SASO certificate. Clean for v2 on 2026-12-15 (KZ with
     * an official representative on the list).
     */
    public static Map<String, Object> v2(String destination, String asOf, Map<String, Object> changes) {
        Map<String, Object> body = to(destination, asOf, Map.of());
        set(body, "vehicle.transferForExportDate", "2026-11-20");
        set(body, "filing.applicationDate", "2026-12-01");
        set(body, "filing.plannedExportDate", asOf);
        set(body, "filing.exportLicence", map("number", "EL-2026-0001", "issuedOn", "2026-12-05"));
        set(body, "filing.licenceApplication", map("brand", "BYD", "model", "Song Plus DM-i", "firstRegistrationDate", "2025-03-01",
                "transferForExportDate", "2026-11-20"));
        set(body, "filing.sasoCertificate", map("number", "SASO-1", "issuedOn", "2026-11-01"));
        set(body, "assessment.daysSinceFirstRegistration", 640);
        set(body, "assessment.waitingOutRule", false);
        changes.forEach((path, value) -> set(body, path, value));
        return body;
    }

    /** The clean filing bound for {@code destination} on {@code asOf}, with the changes applied. */
    public static Map<String, Object> to(String destination, String asOf, Map<String, Object> changes) {
        Map<String, Object> body = clean();
        set(body, "destination", destination);
        set(body, "filing.destination", destination);
        set(body, "asOf", asOf);
        changes.forEach((path, value) -> set(body, path, value));
        return body;
    }

    @SuppressWarnings("unchecked")
    public static void set(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = body;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.get(parts[i]);
        }
        at.put(parts[parts.length - 1], value);
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
