package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.zmx.export.service.DeregistrationCheck;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 14: sightings, the alerts they and screenings raise, the exporter risk view and the re-export report. */
@QuarkusTest
class SightingAlertTest {

    @Inject
    Screener screener;

    @Inject
    DeregistrationCheck deregistrationCheck;

    static final String ADMIN = Tokens.bearer("root", "admin");
    static final String CUSTOMS = Tokens.bearer("officer", "customs");
    static final String RU = Tokens.agency("ru-agency", "RU");
    static final String KG = Tokens.agency("kg-agency", "KG");
    static final String KZ = Tokens.agency("kz-agency", "KZ");

    record Cleared(String id, String vin, String creditCode, String exporter) {}

    /** A filing of a new VIN, screened GREEN and CLEARED for {@code destination}. */
    Cleared cleared(String destination) {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.complianceAnswers(destination, "GREEN");
        Fixtures.referencePrice("19000.00");
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", LocalDate.of(2026, 3, 1), 5, "BYD Auto");
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, destination, "USED", 5));
        Fixtures.screen(screener);
        assertEquals("CLEARED", Fixtures.status(id));
        return new Cleared(id, vin, cc, exporter);
    }

    static String sighting(String vin, String country, String kind, LocalDate date) {
        return """
                {"vin":"%s","country":"%s","kind":"%s","place":"Verkhniy Lars customs post","date":"%s"}"""
                .formatted(vin, country, kind, date);
    }

    static Response report(String token, String key, String body) {
        var req = given().header("Authorization", token).contentType(ContentType.JSON).body(body);
        if (key != null) req.header("Idempotency-Key", key);
        return req.post("/api/v1/sightings");
    }

    static List<String> alertIds(String token, String vin) {
        return given().header("Authorization", token).queryParam("vin", vin).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    @Test
    void aCarClearedToKgAndSightedInRuRaisesOneReExportAlertForRuKgAndCustomsOnly() {
        Cleared c = cleared("KG");
        String feedStart = EventFeedTest.readAll(ADMIN, null).next();
        String key = UUID.randomUUID().toString();
        String body = sighting(c.vin(), "RU", "IMPORT_DECLARATION", Fixtures.today());
        Response first = report(RU, key, body);
        first.then().statusCode(201).body("country", equalTo("RU")).body("filingId", equalTo(c.id()))
                .body("alertsRaised", hasSize(1)).header("Location", containsString(c.vin()));
        String alert = first.path("alertsRaised[0]");
        // the same report retried: the first answer replayed, nothing recorded twice
        report(RU, key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo((String) first.path("id"))).body("alertsRaised", equalTo(List.of(alert)));
        given().header("Authorization", RU).queryParam("vin", c.vin()).get("/api/v1/sightings").then().statusCode(200)
                .body("items", hasSize(1));
        // another sighting of the same car in the same country: recorded, but the cause is already raised
        report(RU, null, sighting(c.vin(), "RU", "REGISTRATION_ATTEMPT", Fixtures.today())).then().statusCode(201)
                .body("alertsRaised", hasSize(0));
        given().header("Authorization", CUSTOMS).queryParam("vin", c.vin()).get("/api/v1/sightings").then().statusCode(200)
                .body("items", hasSize(2));

        // the alert: linked to the filing, the exporter and the route, seen by RU, KG and customs, not by KZ
        given().header("Authorization", CUSTOMS).queryParam("vin", c.vin()).get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(alert)).body("items[0].kind", equalTo("RE_EXPORT"))
                .body("items[0].filingId", equalTo(c.id())).body("items[0].exporterCreditCode", equalTo(c.creditCode()))
                .body("items[0].route.originRegion", equalTo("CN-SC")).body("items[0].route.declaredDestination", equalTo("KG"))
                .body("items[0].route.surfacedIn", equalTo("RU")).body("items[0].countries", equalTo(List.of("KG", "RU")));
        assertEquals(List.of(alert), alertIds(RU, c.vin()));
        assertEquals(List.of(alert), alertIds(KG, c.vin()));
        assertEquals(List.of(), alertIds(KZ, c.vin()));
        given().header("Authorization", c.exporter()).get("/api/v1/alerts").then().statusCode(403);

        // and the feed: alert.raised reaches RU, KG and customs; KZ and the exporter never see it
        for (String token : List.of(RU, KG, CUSTOMS)) {
            assertEquals(1, alertEvents(token, feedStart, alert), "alert.raised in the feed");
        }
        assertEquals(0, alertEvents(KZ, feedStart, alert));
        assertEquals(0, alertEvents(c.exporter(), feedStart, alert));
        // the sighting's own event reaches RU and KG (the car was cleared for KG)
        for (String token : List.of(RU, KG)) {
            assertTrue(EventFeedTest.readAll(token, feedStart, "sighting.recorded").events().stream()
                    .anyMatch(e -> c.vin().equals(e.get("vin"))));
        }
    }

    @SuppressWarnings("unchecked")
    static long alertEvents(String token, String start, String alertId) {
        return EventFeedTest.readAll(token, start, "alert.raised").events().stream()
                .filter(e -> alertId.equals(((Map<String, Object>) e.get("payload")).get("alertId"))).count();
    }

    @Test
    void aSightingInTheDestinationItselfRaisesNothing() {
        Cleared c = cleared("KG");
        report(KG, null, sighting(c.vin(), "KG", "REGISTRATION_ATTEMPT", Fixtures.today())).then().statusCode(201)
                .body("alertsRaised", hasSize(0));
        assertEquals(List.of(), alertIds(ADMIN, c.vin()));
    }

    @Test
    void theWindowIs24MonthsAfterTheExportDateInclusive() throws Exception {
        LocalDate today = Fixtures.today();
        Cleared inside = cleared("KG");
        exportedOn(inside.id(), today.minusMonths(24));
        report(RU, null, sighting(inside.vin(), "RU", "BORDER_CROSSING", today)).then().statusCode(201)
                .body("alertsRaised", hasSize(1));
        Cleared outside = cleared("KG");
        exportedOn(outside.id(), today.minusMonths(24).minusDays(1));
        report(RU, null, sighting(outside.vin(), "RU", "BORDER_CROSSING", today)).then().statusCode(201)
                .body("alertsRaised", hasSize(0));
        assertEquals(List.of(), alertIds(ADMIN, outside.vin()));
    }

    /** The filing as if shipped long ago (the API takes no export date in the past). */
    private static void exportedOn(String filingId, LocalDate date) throws Exception {
        try (Connection c = PostgresResource.superuser().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE filings SET status = 'SHIPPED', export_date = ? WHERE id = ?::uuid")) {
            s.setObject(1, date);
            s.setString(2, filingId);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void anAgencyReportsOnlyInItsOwnCountry() {
        Cleared c = cleared("KG");
        report(RU, null, sighting(c.vin(), "KG", "IMPORT_DECLARATION", Fixtures.today())).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://zmx.io/problems/not-your-country"));
        // origin customs reports anywhere; exporters and analysts not at all
        report(CUSTOMS, null, sighting(c.vin(), "UZ", "BORDER_CROSSING", Fixtures.today())).then().statusCode(201)
                .body("alertsRaised", hasSize(1));
        report(c.exporter(), null, sighting(c.vin(), "RU", "BORDER_CROSSING", Fixtures.today())).then().statusCode(403);
        report(Tokens.bearer("ana", "analyst"), null, sighting(c.vin(), "RU", "BORDER_CROSSING", Fixtures.today()))
                .then().statusCode(403);
        given().header("Authorization", c.exporter()).queryParam("vin", c.vin()).get("/api/v1/sightings").then().statusCode(403);
        // RU's agency does not see a UZ sighting of a KG car
        given().header("Authorization", RU).queryParam("vin", c.vin()).get("/api/v1/sightings").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void badSightingsAre400Problems() {
        String vin = Fixtures.vin();
        for (String body : List.of(
                sighting(vin, "RU", "IMPORT_DECLARATION", Fixtures.today().plusDays(2)), // future
                sighting(vin.substring(0, 8) + (vin.charAt(8) == '1' ? '2' : '1') + vin.substring(9), "RU", "IMPORT_DECLARATION",
                        Fixtures.today()), // check digit
                sighting("SHORT", "RU", "IMPORT_DECLARATION", Fixtures.today()),
                sighting(vin, "ru", "IMPORT_DECLARATION", Fixtures.today()),
                sighting(vin, "RU", "PARKED", Fixtures.today()),
                sighting(vin, "RU", "IMPORT_DECLARATION", Fixtures.today()).replace("\"place\":\"Verkhniy Lars customs post\"", "\"place\":\"\""),
                "{\"vin\":\"" + vin + "\",\"country\":\"RU\"}",
                sighting(vin, "RU", "IMPORT_DECLARATION", Fixtures.today()).replace("}", ",\"extra\":1}"),
                "not json")) {
            report(RU, null, body).then().statusCode(400).contentType("application/problem+json");
        }
        given().header("Authorization", RU).queryParam("vin", "NOTAVIN").get("/api/v1/sightings").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", RU).get("/api/v1/sightings").then().statusCode(400);
    }

    @Test
    void theSameVinFiledToTwoDestinationsRaisesOneAlert() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.complianceAnswers("KG", "GREEN");
        Fixtures.complianceAnswers("UZ", "GREEN");
        Fixtures.referencePrice("19000.00");
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", LocalDate.of(2026, 3, 1), 5, "BYD Auto");
        String toKg = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "KG", "USED", 5));
        String toUz = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "UZ", "USED", 5, Fixtures.exportDate(), "18500.00",
                "USD", Fixtures.confirmation(vin, "UZ")));
        Fixtures.screen(screener);
        given().header("Authorization", CUSTOMS).queryParam("vin", vin).queryParam("kind", "TWO_DESTINATIONS")
                .get("/api/v1/alerts").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].countries", hasItem("KG")).body("items[0].countries", hasItem("UZ"));
        assertTrue(List.of(toKg, toUz).contains(given().header("Authorization", CUSTOMS).queryParam("vin", vin)
                .get("/api/v1/alerts").then().extract().path("items[0].otherFilingId")));
        assertEquals(1, alertIds(KG, vin).size());
        assertEquals(0, alertIds(KZ, vin).size());
    }

    @Test
    void anAfterSalesConfirmationNamingAnotherDestinationRaisesAnAlert() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.complianceAnswers("KG", "GREEN");
        Fixtures.referencePrice("19000.00");
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", LocalDate.of(2026, 3, 1), 5, "BYD Auto");
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "KG", "USED", 5, Fixtures.exportDate(), "18500.00",
                "USD", Fixtures.confirmation(vin, "RU")));
        Fixtures.screen(screener);
        given().header("Authorization", RU).queryParam("vin", vin).get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("AFTER_SALES_DESTINATION_MISMATCH"))
                .body("items[0].filingId", equalTo(id)).body("items[0].route.surfacedIn", equalTo("RU"));
    }

    /** The deregistration check finds the shipped car registered in China again after its export date: one alert. */
    @Test
    void aCarRegisteredAgainInChinaAfterExportRaisesAnAlert() throws Exception {
        LocalDate today = Fixtures.today();
        Cleared c = cleared("KG");
        try (Connection db = PostgresResource.superuser().getConnection();
             PreparedStatement s = db.prepareStatement("UPDATE filings SET status = 'SHIPPED', export_date = ?,"
                     + " deregistration_due = ? WHERE id = ?::uuid")) {
            s.setObject(1, today.minusMonths(3));
            s.setObject(2, today.minusMonths(1));
            s.setString(3, c.id());
            assertEquals(1, s.executeUpdate());
        }
        // the registry now shows a registration in Guangdong ten days ago, not cancelled
        Fixtures.registryHas(c.vin(), "CN-GD", today.minusDays(10), 20, "BYD Auto", false);
        deregistrationCheck.check(today);
        deregistrationCheck.check(today); // asked again: nothing new
        given().header("Authorization", CUSTOMS).queryParam("vin", c.vin()).get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("SEEN_IN_CN_REGISTRY"))
                .body("items[0].route.surfacedIn", equalTo("CN")).body("items[0].observedOn", equalTo(today.minusDays(10).toString()))
                .body("items[0].detail", containsString("CN-GD"));
        assertEquals(1, alertIds(KG, c.vin()).size());
        assertEquals(0, alertIds(RU, c.vin()).size());
    }

    @Test
    void exporterRiskCountsAlertsPerClearedFiling() {
        Cleared c = cleared("KG");
        report(RU, null, sighting(c.vin(), "RU", "IMPORT_DECLARATION", Fixtures.today())).then().statusCode(201);
        given().header("Authorization", CUSTOMS).get("/api/v1/exporters/" + c.creditCode() + "/risk").then().statusCode(200)
                .body("creditCode", equalTo(c.creditCode())).body("alerts", equalTo(1)).body("clearedFilings", equalTo(1))
                .body("alertsByKind.RE_EXPORT", equalTo(1)).body("alertRate", equalTo(1.0f));
        String quiet = Fixtures.creditCode();
        given().header("Authorization", ADMIN).get("/api/v1/exporters/" + quiet + "/risk").then().statusCode(200)
                .body("alerts", equalTo(0)).body("clearedFilings", equalTo(0));
        given().header("Authorization", RU).get("/api/v1/exporters/" + c.creditCode() + "/risk").then().statusCode(403);
        given().header("Authorization", c.exporter()).get("/api/v1/exporters/" + c.creditCode() + "/risk").then().statusCode(403);
        given().header("Authorization", CUSTOMS).get("/api/v1/exporters/NOTACODE/risk").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void reExportReportByRouteAndMonthInJsonAndCsv() {
        Cleared c = cleared("KG");
        report(RU, null, sighting(c.vin(), "RU", "IMPORT_DECLARATION", Fixtures.today())).then().statusCode(201);
        String analyst = Tokens.bearer("ana", "analyst");
        given().header("Authorization", analyst).get("/api/v1/reports/re-export-alerts").then().statusCode(200)
                .body("groupBy", equalTo("route")).body("rows.key", hasItem("CN-SC > KG > RU"));
        String month = java.time.YearMonth.from(Fixtures.today()).toString();
        given().header("Authorization", analyst).queryParam("groupBy", "month").queryParam("from", month).queryParam("to", month)
                .get("/api/v1/reports/re-export-alerts").then().statusCode(200).body("rows.key", equalTo(List.of(month)));
        String csv = given().header("Authorization", analyst).accept("text/csv").get("/api/v1/reports/re-export-alerts")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("route,alerts\n"), csv);
        assertTrue(csv.contains("CN-SC > KG > RU,"), csv);
        given().header("Authorization", analyst).queryParam("groupBy", "maker").get("/api/v1/reports/re-export-alerts")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", analyst).queryParam("from", "2026-13").get("/api/v1/reports/re-export-alerts")
                .then().statusCode(400);
        given().header("Authorization", c.exporter()).get("/api/v1/reports/re-export-alerts").then().statusCode(403);
        given().header("Authorization", RU).get("/api/v1/reports/re-export-alerts").then().statusCode(403)
                .body("type", not(equalTo(null)));
    }
}
