package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.e2e.FilingJourneyIT.Fixtures;
import io.zmx.local.Api;
import io.zmx.local.Clients;
import io.zmx.local.DemoFleet;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's verdicts as a customs officer meets them: filings made through the gateway with real tokens,
 * screened by the running export-service against the registry's record and compliance-service's seeded
 * rules (the real CEL engine), at the exact boundaries the rules name. Dates are relative to today in
 * China, because a planned export date may be neither past nor beyond the horizon.
 */
class VerdictsIT {

    static final AtomicInteger SERIAL = new AtomicInteger(700_000);

    /** A registered car and what the filing must say about it. */
    record Car(String vin, String make, String model, LocalDate registered) {}

    static Car register(Api api, String wmi, String make, String model, String fuel, String emission,
                        LocalDate produced, LocalDate registered, int km) {
        String vin = DemoFleet.vin(wmi, "CA4CB", produced.getYear(), 'S', SERIAL.incrementAndGet());
        Map<String, Object> vehicle = new LinkedHashMap<>();
        vehicle.put("vin", vin);
        vehicle.put("make", make);
        vehicle.put("model", model);
        vehicle.put("fuelType", fuel);
        if (!"BEV".equals(fuel)) {
            vehicle.put("engineCc", 1498);
        }
        vehicle.put("powerKw", 81);
        vehicle.put("driveSide", "LHD");
        if (!emission.isEmpty()) {
            vehicle.put("emissionStandard", emission);
        }
        vehicle.put("productionDate", produced);
        vehicle.put("plantCountry", "CN");
        api.post("manufacturer-byd", "/api/v1/vehicles", vehicle).expect(201);
        api.post("registrar-cn-sc", "/api/v1/vehicles/" + vin + "/registrations", Map.of(
                "date", registered, "region", "CN-SC", "city", "Chengdu", "plate", "川A" + vin.substring(12),
                "ownerType", "COMPANY", "ownerId", Clients.EXPORTER_CHENGDU)).expect(201);
        api.post("registrar-cn-sc", "/api/v1/vehicles/" + vin + "/odometer-readings", Map.of(
                "date", registered, "km", km, "source", "REGISTRATION")).expect(201);
        return new Car(vin, make, model, registered);
    }

    static Car byd(Api api, LocalDate registered, int km) {
        return register(api, "LGX", "BYD", "Song Plus DM-i", "PHEV", "CN6b", registered.minusDays(25), registered, km);
    }

    /** BYD's confirmation as MIIT's announcement names the maker (the registry's WMI name for LGX). */
    static Map<String, Object> confirmation(String vin, String destination) {
        return Map.of("reference", "ASC-9" + vin.substring(11), "manufacturer", "BYD Auto",
                "vins", List.of(vin), "destination", destination,
                "serviceOutlets", List.of("BYD service centre " + destination),
                "issuedOn", Fixtures.today().minusDays(3));
    }

    /** A complete, truthful filing: licence application data as on the registration certificate. */
    static Map<String, Object> filing(Car car, String destination, String consigneeType, String consignee, int km) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("exporterCreditCode", Clients.EXPORTER_CHENGDU);
        f.put("vin", car.vin());
        f.put("destination", destination);
        f.put("consignee", consignee);
        f.put("consigneeType", consigneeType);
        f.put("declaredStatus", "USED");
        f.put("declaredOdometerKm", km);
        f.put("declaredValue", Map.of("amount", 16500, "currency", "USD"));
        f.put("hsCode", "8703601090");
        f.put("portOfExit", "Horgos");
        f.put("plannedExportDate", Fixtures.today());
        f.put("exportLicence", "EL-2026-" + car.vin().substring(11));
        f.put("licenceApplication", Map.of("brand", car.make(), "model", car.model(),
                "firstRegistrationDate", car.registered()));
        return f;
    }

    static JsonNode fileAndScreen(Api api, Map<String, Object> filing) {
        JsonNode created = api.post("exporter-chengdu", "/api/v1/filings?submit=true", filing).expect(201).body();
        return Fixtures.awaitScreened(api, "exporter-chengdu", created.get("id").asText());
    }

    static List<String> hits(JsonNode filing) {
        List<String> codes = new java.util.ArrayList<>();
        filing.path("verdict").path("evaluation").path("hits").forEach(h -> codes.add(h.path("ruleCode").asText()));
        return codes;
    }

    @Test
    void aConfirmationNamingThisVinAndDestinationIsNotHeldOneNamingAnotherCountryIsBlocked() {
        Api api = Suite.gateway();
        Car car = byd(api, Fixtures.today().minusDays(30), 8);
        Map<String, Object> good = filing(car, "KZ", "PERSON", "Aidar Nurlanov", 8);
        good.put("afterSalesConfirmation", confirmation(car.vin(), "KZ"));
        JsonNode cleared = fileAndScreen(api, good);
        assertFalse(hits(cleared).contains("CN-180-DAY"), "a valid confirmation satisfies the 180-day rule: " + cleared);
        assertEquals("CLEARED", cleared.get("status").asText(), "nothing else holds this car: " + cleared);

        Car other = byd(api, Fixtures.today().minusDays(30), 8);
        Map<String, Object> rerouted = filing(other, "KZ", "PERSON", "Aidar Nurlanov", 8);
        rerouted.put("afterSalesConfirmation", confirmation(other.vin(), "RU"));
        JsonNode rejected = fileAndScreen(api, rerouted);
        assertEquals("REJECTED", rejected.get("status").asText(), rejected.toString());
        JsonNode hit = Fixtures.hit(rejected.get("verdict"), "CN-180-DAY-OTHER-DESTINATION");
        assertNotNull(hit, "a confirmation for another country is the re-export pattern: " + rejected);
        assertEquals("BLOCK", hit.get("severity").asText());
    }

    @Test
    void aTwentyKilometreCarOnDay200IsZeroMileageAndFlaggedAsWaitingOutTheRule() {
        Api api = Suite.gateway();
        Car car = byd(api, Fixtures.today().minusDays(200), 20);
        JsonNode screened = fileAndScreen(api, filing(car, "KZ", "PERSON", "Aidar Nurlanov", 20));
        JsonNode assessment = screened.path("verdict").path("assessment");
        assertTrue(assessment.path("zeroMileage").asBoolean(), "20 km is zero-mileage whatever the day: " + assessment);
        assertEquals(200, assessment.path("daysSinceFirstRegistration").asInt(), assessment.toString());
        assertTrue(assessment.path("waitingOutRule").asBoolean(), assessment.toString());
        List<String> codes = hits(screened);
        assertTrue(codes.contains("CN-WAITING-OUT-180"), codes.toString());
        assertTrue(codes.contains("CN-ZERO-MILEAGE"), codes.toString());
        assertFalse(codes.contains("CN-180-DAY"), "day 200 is outside the 180-day rule: " + codes);
    }

    @Test
    void day180NeedsTheConfirmationDay181DoesNot() {
        Api api = Suite.gateway();
        JsonNode day180 = fileAndScreen(api, filing(byd(api, Fixtures.today().minusDays(180), 5), "KZ", "PERSON", "A. N.", 5));
        assertTrue(hits(day180).contains("CN-180-DAY"), "day 180 is inside the rule: " + hits(day180));
        assertEquals("HELD", day180.get("status").asText());
        JsonNode day181 = fileAndScreen(api, filing(byd(api, Fixtures.today().minusDays(181), 5), "KZ", "PERSON", "A. N.", 5));
        assertFalse(hits(day181).contains("CN-180-DAY"), "day 181 is outside: " + hits(day181));
    }

    @Test
    void chinaSixWrittenAsDocumentsWriteItPassesRussiasEuro5AndAzerbaijansEuro4() {
        Api api = Suite.gateway();
        for (String standard : List.of("China VI", "国六", "Euro VI (2019)")) {
            for (String destination : List.of("RU", "AZ")) {
                Car car = register(api, "LGX", "BYD", "Song Plus DM-i", "PHEV", standard,
                        Fixtures.today().minusDays(400), Fixtures.today().minusDays(300), 12);
                List<String> codes = hits(fileAndScreen(api, filing(car, destination, "PERSON", "A. N.", 12)));
                for (String rule : List.of("RU-EURO5", "RU-EMISSION-UNKNOWN", "AZ-EURO4", "AZ-EMISSION-UNKNOWN")) {
                    assertFalse(codes.contains(rule), standard + " to " + destination + " hit " + rule + ": " + codes);
                }
            }
        }
        // the other side of the threshold: a China 3 car is below Euro 4 (China N ~ Euro N)
        Car old = register(api, "LGX", "BYD", "F3", "PETROL", "国三", Fixtures.today().minusDays(400),
                Fixtures.today().minusDays(300), 12);
        assertTrue(hits(fileAndScreen(api, filing(old, "AZ", "PERSON", "A. N.", 12))).contains("AZ-EURO4"));
    }

    @Test
    void agesAreComparedAtTheExactDay() {
        Api api = Suite.gateway();
        LocalDate today = Fixtures.today();
        // Azerbaijan bans cars older than 10 years: exactly 10 years is not older, one day more is
        Car tenYears = register(api, "LGX", "BYD", "F3", "PETROL", "Euro 5", today.minusYears(10),
                today.minusDays(300), 90_000);
        Car tenYearsAndADay = register(api, "LGX", "BYD", "F3", "PETROL", "Euro 5", today.minusYears(10).minusDays(1),
                today.minusDays(300), 90_000);
        assertFalse(hits(fileAndScreen(api, filing(tenYears, "AZ", "PERSON", "A. N.", 90_000))).contains("AZ-OLDER-10"));
        assertTrue(hits(fileAndScreen(api, filing(tenYearsAndADay, "AZ", "PERSON", "A. N.", 90_000))).contains("AZ-OLDER-10"));
        // Jordan bans electric cars older than 3 years: the same boundary three years back
        Car threeYears = register(api, "LGX", "BYD", "Atto 3", "BEV", "", today.minusYears(3),
                today.minusDays(300), 30_000);
        Car threeYearsAndADay = register(api, "LGX", "BYD", "Atto 3", "BEV", "", today.minusYears(3).minusDays(1),
                today.minusDays(300), 30_000);
        Map<String, Object> ev = filing(threeYears, "JO", "PERSON", "A. N.", 30_000);
        ev.put("hsCode", "8703801090");
        assertFalse(hits(fileAndScreen(api, ev)).contains("JO-EV-OLDER-3"));
        Map<String, Object> older = filing(threeYearsAndADay, "JO", "PERSON", "A. N.", 30_000);
        older.put("hsCode", "8703801090");
        assertTrue(hits(fileAndScreen(api, older)).contains("JO-EV-OLDER-3"));
    }

    @Test
    void aPersonalImportIntoKazakhstanIsNotBlockedByTheOfficialImporterRuleAnUnlistedCompanyIs() {
        Api api = Suite.gateway();
        Car personal = byd(api, Fixtures.today().minusDays(300), 10);
        assertFalse(hits(fileAndScreen(api, filing(personal, "KZ", "PERSON", "Aidar Nurlanov", 10)))
                .contains("EAEU-OFFICIAL-IMPORTER"));

        Car company = byd(api, Fixtures.today().minusDays(300), 10);
        JsonNode unlisted = fileAndScreen(api, filing(company, "KZ", "COMPANY", "Grey Motors LLP", 10));
        assertTrue(hits(unlisted).contains("EAEU-OFFICIAL-IMPORTER"), "a new car to an unlisted company: " + hits(unlisted));
        assertEquals("REJECTED", unlisted.get("status").asText());

        // ticking "official representative" proves nothing: the KZ agency's list decides
        Car declared = byd(api, Fixtures.today().minusDays(300), 10);
        assertTrue(hits(fileAndScreen(api, filing(declared, "KZ", "OFFICIAL_REPRESENTATIVE", "Grey Motors LLP", 10)))
                .contains("EAEU-OFFICIAL-IMPORTER"));
        api.post("agency-kz", "/api/v1/official-representatives", Map.of("country", "KZ", "make", "BYD",
                "name", "BYD Auto Kazakhstan LLP", "validFrom", Fixtures.today().minusDays(30),
                "source", "KZ agency register of official importers")).expect(201);
        Car listed = byd(api, Fixtures.today().minusDays(300), 10);
        assertFalse(hits(fileAndScreen(api, filing(listed, "KZ", "OFFICIAL_REPRESENTATIVE", "BYD Auto  Kazakhstan llp", 10)))
                .contains("EAEU-OFFICIAL-IMPORTER"), "a listed representative imports new BYDs into KZ");
    }

    @Test
    void aVinWithoutAVerifiableCheckDigitFromHungaryOrKoreaIsAcceptedAndFlaggedAChineseOneIsRefused() {
        Api api = Suite.gateway();
        for (String wmi : List.of("TRU", "KMH")) {
            String valid = DemoFleet.vin(wmi, "ZZZ8J", 2024, 'A', SERIAL.incrementAndGet());
            char wrong = valid.charAt(8) == '1' ? '2' : '1';
            String vin = valid.substring(0, 8) + wrong + valid.substring(9);
            JsonNode decoded = api.get("customs-cn", "/api/v1/vins/" + vin).expect(200).body();
            assertFalse(decoded.path("checkDigitVerifiable").asBoolean(true), decoded.toString());
            JsonNode created = api.post("manufacturer-byd", "/api/v1/vehicles", Map.of("vin", vin, "make", "Test",
                    "model", "Import", "fuelType", "PETROL", "driveSide", "LHD", "productionDate", Fixtures.today().minusDays(90)))
                    .expect(201).body();
            assertFalse(created.path("checkDigitVerifiable").asBoolean(true), created.toString());
        }
        String chinese = DemoFleet.vin("LGX", "CA4CB", 2026, 'S', SERIAL.incrementAndGet());
        String broken = chinese.substring(0, 8) + (chinese.charAt(8) == '1' ? '2' : '1') + chinese.substring(9);
        Api.Reply refused = api.get("customs-cn", "/api/v1/vins/" + broken);
        assertEquals(400, refused.status(), refused.raw());
        assertTrue(refused.raw().contains(String.valueOf(chinese.charAt(8))), "names the expected check digit: " + refused.raw());
        assertNull(refused.header("Location"));
    }
}
