package io.zmx.compliance.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The truth table's base filing: a one-and-a-half-year-old BYD plug-in hybrid, registered 2025-06-01,
 * transferred for export 2026-11-20, licence applied for 2026-12-01, every document attached, bound for the
 * case file's destination. The truth table checks it passes every BLOCK and HOLD rule of each set.
 */
final class BaseFiling {

    private BaseFiling() {}

    static Map<String, Object> to(String destination, String asOf) {
        Map<String, Object> vehicle = map(
                "vin", "LGXCE4CB0R0123456", "known", true, "manufacturer", "BYD Auto Co., Ltd.", "make", "BYD",
                "model", "Song Plus DM-i", "modelYear", 2025, "fuelType", "PHEV", "engineCc", 1498, "powerKw", 81.0,
                "driveSide", "LHD", "emissionStandard", "CN6b", "productionDate", "2025-05-10", "plantCountry", "CN",
                "firstRegistrationDate", "2025-06-01", "transferForExportDate", "2026-11-20", "deregistered", false,
                "status", "REGISTERED",
                "registrations", list(map("id", "r-1", "date", "2025-06-01", "region", "CN-SC", "city", "Chengdu",
                        "plate", "A12345", "ownerType", "DEALER", "ownerId", "D-1")),
                "odometerReadings", list(map("id", "o-1", "date", "2025-06-01", "km", 12, "source", "REGISTRATION",
                        "correction", false, "rollback", false)),
                "titleBrands", list());
        Map<String, Object> filing = map(
                "destination", destination, "declaredStatus", "USED", "declaredOdometerKm", 15,
                "declaredValue", map("amount", 18500.00, "currency", "USD"), "hsCode", "8703601090",
                "consignee", "Astana Motors", "consigneeOfficialRepresentative", true, "consigneeType", "COMPANY",
                "consigneeRegistrationNumber", "230540012345",
                "exportLicence", map("number", "EL-2026-0001", "issuedOn", "2026-12-05"),
                "conformityCertificate", map("number", "CC-1", "holder", "Astana Motors", "issuedOn", "2026-11-01"),
                "licenceApplication", map("brand", "BYD", "model", "Song Plus DM-i", "firstRegistrationDate", "2025-06-01",
                        "transferForExportDate", "2026-11-20"),
                "sasoCertificate", map("number", "SASO-1", "issuedOn", "2026-11-01"),
                "exporterCreditCode", "91510100MA61234567", "plannedExportDate", asOf, "applicationDate", "2026-12-01",
                "portOfExit", "Khorgos");
        Map<String, Object> assessment = map("zeroMileage", false, "odometerKm", 15, "daysRegisteredBeforeExport", 562,
                "daysSinceFirstRegistration", 548, "waitingOutRule", false, "verdict", "USED");
        return map("reference", "TRUTH-TABLE", "origin", "CN", "destination", destination, "asOf", asOf,
                "vehicle", vehicle, "filing", filing, "assessment", assessment);
    }

    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = body;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.get(parts[i]);
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                at.put(parts[i], next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(parts[parts.length - 1], value);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
