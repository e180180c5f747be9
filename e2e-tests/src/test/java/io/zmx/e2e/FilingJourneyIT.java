package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.local.Api;
import io.zmx.local.Clients;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One filing walked through the gateway by every party, against the four running services, real PostgreSQL
 * and real tokens: the story in issue 5, with the Uzbek filing the Kazakh agency must never see.
 */
class FilingJourneyIT {

    static final AtomicInteger SERIAL = new AtomicInteger(500_000);

    @Test
    void bydFiledToKazakhstanThirtyDaysAfterRegistrationIsHeldByThe180DayRuleThenReleasedAndArrives() {
        Api api = Suite.gateway();
        // registered 30 days before today's application; exported today (the planned date, so no re-screen at ship)
        LocalDate today = Fixtures.today();
        LocalDate registered = today.minusDays(30);
        String vin = Fixtures.registerBydWithHistory(api, registered, 8);

        // a personal import: not caught by the EAEU official-importer rule; no after-sales confirmation yet
        JsonNode filing = Fixtures.fileExport(api, "exporter-chengdu", vin, "KZ", today, 8, "PERSON", null);
        String id = filing.get("id").asText();
        assertTrue(filing.get("number").asText().startsWith("ZMX-"), filing.toString());

        JsonNode screened = Fixtures.awaitScreened(api, "exporter-chengdu", id);
        assertEquals("HELD", screened.get("status").asText(), screened.toString());
        JsonNode verdict = screened.get("verdict");
        assertEquals("YELLOW", verdict.get("lane").asText());
        assertTrue(verdict.get("zeroMileage").asBoolean(), verdict.toString());
        JsonNode hit = Fixtures.hit(verdict, "CN-180-DAY");
        assertNotNull(hit, "the CN 180-day rule must be among the hits: " + verdict);
        assertEquals("HOLD", hit.get("severity").asText());
        assertTrue(hit.get("legalReferences").toString().contains("https://"), "the rule carries its source: " + hit);

        // a reason alone no longer releases a 180-day hold: the confirmation must be on the filing
        assertEquals(409, Fixtures.step(api, "customs-cn", id, "release",
                Map.of("reason", "after-sales confirmation ASC-7781 presented at the counter")).status());
        // the exporter attaches BYD's confirmation naming this VIN and Kazakhstan: re-screened at once
        JsonNode attached = Fixtures.step(api, "exporter-chengdu", id, "documents",
                Map.of("afterSalesConfirmation", Fixtures.confirmation(vin, "KZ"))).expect(200).body();
        assertNull(Fixtures.hit(attached.get("verdict"), "CN-180-DAY"), "a valid confirmation clears the 180-day rule: " + attached);
        if ("HELD".equals(attached.get("status").asText())) {
            // anything else still held is for the officer to weigh
            JsonNode released = Fixtures.step(api, "customs-cn", id, "release",
                    Map.of("reason", "after-sales confirmation ASC-7781 checked with BYD")).expect(200).body();
            assertEquals("CLEARED", released.get("status").asText());
        }
        assertEquals("CLEARED", api.get("zmx-admin", "/api/v1/filings/" + id).expect(200).body().get("status").asText());
        assertEquals("SHIPPED", Fixtures.step(api, "customs-cn", id, "ship", null).expect(200).body()
                .get("status").asText());

        // the destination agency records the arrival
        assertEquals("ARRIVED", Fixtures.step(api, "agency-kz", id, "arrival", null).expect(200).body()
                .get("status").asText());

        // the trail is complete and intact
        JsonNode events = api.get("agency-kz", "/api/v1/filings/" + id + "/events").expect(200).body();
        assertTrue(events.size() >= 6, "create/submit/screen/hold/release/ship/arrive events: " + events);
        JsonNode check = api.get("zmx-admin", "/api/v1/filings/" + id + "/events/verification").expect(200).body();
        assertTrue(check.get("valid").asBoolean(), check.toString());

        // the composed dossier shows the KZ agency this filing with the vehicle as screened; registry data
        // (owners, plates, full history) is not the agency's to read (registry-service/README.md)
        JsonNode dossier = api.get("agency-kz", "/api/v1/vehicles/" + vin + "/dossier").expect(200).body();
        assertTrue(dossier.path("vehicle").isNull() && dossier.path("history").isNull(), dossier.toString());
        assertTrue(dossier.toString().contains(id), "the agency's dossier lists its filing: " + dossier);
        assertEquals(vin, api.get("customs-cn", "/api/v1/vehicles/" + vin + "/dossier").expect(200).body()
                .at("/vehicle/vin").asText());
        assertFalse(dossier.path("partial").asBoolean(), dossier.toString());
    }

    @Test
    void kazakhAgencyNeverSeesAFilingBoundForUzbekistan() {
        Api api = Suite.gateway();
        LocalDate registered = Fixtures.today().minusDays(20);
        String vin = Fixtures.registerBydWithHistory(api, registered, 5);
        JsonNode filing = Fixtures.fileExport(api, "exporter-chengdu", vin, "UZ", Fixtures.today().plusDays(5), 5,
                "COMPANY", Fixtures.confirmation(vin, "UZ"));
        String id = filing.get("id").asText();
        Fixtures.awaitScreened(api, "exporter-chengdu", id);

        assertEquals(404, api.get("agency-kz", "/api/v1/filings/" + id).status());
        assertEquals(404, api.get("agency-kz", "/api/v1/filings/" + filing.get("number").asText()).status());
        JsonNode kzList = api.get("agency-kz", "/api/v1/filings?size=200").expect(200).body();
        kzList.get("items").forEach(f -> assertEquals("KZ", f.get("destination").asText(), f.toString()));
        // a vehicle bound only for UZ does not exist for the KZ agency
        assertEquals(404, api.get("agency-kz", "/api/v1/vehicles/" + vin + "/dossier").status());

        assertEquals(200, api.get("agency-uz", "/api/v1/filings/" + id).status());
        assertEquals(404, api.get("exporter-shenzhen", "/api/v1/filings/" + id).status());
    }

    /** Calls shared by the end-to-end tests: each one a partner's request through the gateway. */
    static final class Fixtures {

        private Fixtures() {}

        static String registerBydWithHistory(Api api, LocalDate registered, int km) {
            String vin = vin("LGX", 2026, SERIAL.incrementAndGet());
            Map<String, Object> vehicle = new LinkedHashMap<>();
            vehicle.put("vin", vin);
            vehicle.put("make", "BYD");
            vehicle.put("model", "Song Plus DM-i");
            vehicle.put("fuelType", "PHEV");
            vehicle.put("engineCc", 1498);
            vehicle.put("powerKw", 81);
            vehicle.put("driveSide", "LHD");
            vehicle.put("emissionStandard", "CN6b");
            vehicle.put("productionDate", registered.minusDays(25));
            vehicle.put("plantCountry", "CN");
            Api.Reply created = api.post("manufacturer-byd", "/api/v1/vehicles", vehicle).expect(201);
            // through the gateway, Location names the gateway, never the service's internal address
            String location = created.header("Location");
            assertTrue(location == null || location.startsWith("/") || location.startsWith(Suite.stack().gatewayUrl() + "/"),
                    "Location leaks an internal address: " + location);
            api.post("registrar-cn-sc", "/api/v1/vehicles/" + vin + "/registrations", Map.of(
                    "date", registered, "region", "CN-SC", "city", "Chengdu", "plate", "川A" + vin.substring(12),
                    "ownerType", "COMPANY", "ownerId", Clients.EXPORTER_CHENGDU)).expect(201);
            api.post("registrar-cn-sc", "/api/v1/vehicles/" + vin + "/odometer-readings", Map.of(
                    "date", registered, "km", km, "source", "REGISTRATION")).expect(201);
            return vin;
        }

        /** Today in China's calendar: planned export dates may be neither past nor beyond the 180-day horizon. */
        static LocalDate today() {
            return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        }

        /** BYD's after-sales confirmation for one VIN and destination (the 180-day rule's document). */
        static Map<String, Object> confirmation(String vin, String destination) {
            return Map.of("reference", "ASC-7781-" + vin.substring(11), "manufacturer", "BYD Auto",
                    "vins", java.util.List.of(vin), "destination", destination,
                    "serviceOutlets", java.util.List.of("BYD service centre " + destination + " 1"),
                    "issuedOn", today().minusDays(3));
        }

        /** A filing in issue 9's shape: consigneeType PERSON/COMPANY/OFFICIAL_REPRESENTATIVE, confirmation or null. */
        static JsonNode fileExport(Api api, String exporter, String vin, String destination, LocalDate exportDate,
                                   int km, String consigneeType, Map<String, Object> confirmation) {
            Map<String, Object> filing = filingRequest(exporter, vin, destination, exportDate, km, consigneeType, confirmation);
            return api.post(exporter, "/api/v1/filings?submit=true", filing).expect(201).body();
        }

        /** A valid filing body as an exporter writes it (fault and fuzz tests send it themselves). */
        static Map<String, Object> filingRequest(String exporter, String vin, String destination, LocalDate exportDate,
                                                 int km, String consigneeType, Map<String, Object> confirmation) {
            Map<String, Object> filing = new LinkedHashMap<>();
            filing.put("exporterCreditCode", Clients.byId(exporter).claims().get("zmx_credit_code"));
            filing.put("vin", vin);
            filing.put("destination", destination);
            filing.put("consignee", switch (consigneeType) {
                case "OFFICIAL_REPRESENTATIVE" -> "BYD official distributor " + destination;
                case "PERSON" -> "Aidar Nurlanov";
                default -> "Auto trade house";
            });
            filing.put("consigneeType", consigneeType);
            filing.put("declaredStatus", "USED");
            filing.put("declaredOdometerKm", km);
            filing.put("declaredValue", Map.of("amount", 16500, "currency", "USD"));
            filing.put("hsCode", "8703601090");
            filing.put("portOfExit", "Horgos");
            filing.put("plannedExportDate", exportDate);
            if (confirmation != null) {
                filing.put("afterSalesConfirmation", confirmation);
            }
            filing.put("exportLicence", "EL-2026-" + vin.substring(11));
            return filing;
        }

        static JsonNode awaitScreened(Api api, String client, String id) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                JsonNode f = api.get(client, "/api/v1/filings/" + id).expect(200).body();
                if (!f.get("status").asText().equals("SUBMITTED")) {
                    return f;
                }
                sleep(300);
            }
            throw new AssertionError("filing " + id + " not screened within 60 s");
        }

        static Api.Reply step(Api api, String client, String id, String step, Object body) {
            Api.Reply current = api.get(client, "/api/v1/filings/" + id).expect(200);
            Map<String, String> headers = current.header("ETag") == null ? Map.of() : Map.of("If-Match", current.header("ETag"));
            return api.post(client, "/api/v1/filings/" + id + "/" + step, body, headers);
        }

        static JsonNode hit(JsonNode verdict, String ruleCode) {
            for (JsonNode h : verdict.path("evaluation").path("hits")) {
                if (ruleCode.equals(h.path("ruleCode").asText())) {
                    return h;
                }
            }
            return null;
        }

        static String vin(String wmi, int modelYear, int serial) {
            return io.zmx.local.DemoFleet.vin(wmi, "CA4CB", modelYear, 'S', serial);
        }

        static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
