package io.zmx.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zmx.export.service.DeregistrationCheck;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9: documents for held filings, release needing the document, re-screening at ship, deregistration deadline. */
@QuarkusTest
class HeldAndShippedTest {

    @Inject
    Screener screener;

    @Inject
    DeregistrationCheck deregistrationCheck;

    final String cc = Fixtures.creditCode();
    final String exporter = Tokens.exporter("exp-" + cc, cc);
    final String customs = Tokens.bearer("officer", "customs");
    final String admin = Tokens.bearer("root", "admin");

    /** Compliance answers {@code lane} with one hit of {@code ruleCode} for requests matching {@code jsonPath == value}. */
    static void complianceHits(String destination, String lane, String ruleCode, String jsonPath, String value, int priority) {
        String severity = "RED".equals(lane) ? "BLOCK" : "HOLD";
        String outcome = "RED".equals(lane) ? "BLOCKED" : "YELLOW".equals(lane) ? "REVIEW" : "CLEARED";
        String hits = "GREEN".equals(lane) ? "[]" : """
                [{"ruleCode":"%s","jurisdiction":"CN","version":4,"severity":"%s","title":"%s","message":"%s",
                  "legalReferences":[{"title":"MOFCOM guideline 2025-12-11","url":"https://example.org/180"}]}]"""
                .formatted(ruleCode, severity, ruleCode, ruleCode + " hit");
        var request = post(urlPathEqualTo("/api/v1/evaluations"))
                .withRequestBody(matchingJsonPath("$.destination", WireMock.equalTo(destination)));
        if (jsonPath != null) {
            request = value == null ? request.withRequestBody(matchingJsonPath(jsonPath))
                    : request.withRequestBody(matchingJsonPath(jsonPath, WireMock.equalTo(value)));
        }
        DependenciesResource.wiremock().stubFor(request.atPriority(priority).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"ev-9","outcome":"%s","lane":"%s","hits":%s,
                         "ruleSets":[{"jurisdiction":"CN","version":4},{"jurisdiction":"%s","version":3}],
                         "asOf":"2026-12-01","evaluatedAt":"2026-11-29T10:00:00Z"}""".formatted(outcome, lane, hits, destination))));
    }

    private String heldWithout180DayConfirmation(String destination) {
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", Fixtures.today().minusDays(40), 8, "BYD Auto");
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, destination, "USED", 8, Fixtures.exportDate(),
                "18500.00", "USD", "null"));
        Fixtures.screen(screener);
        assertEquals("HELD", Fixtures.status(id));
        return id;
    }

    @Test
    void a180DayHoldIsReleasedOnlyWithTheConfirmationAndAttachingItReScreens() {
        Fixtures.referencePrice("19000.00");
        // CN-180-DAY holds unless a confirmation naming this destination is on the filing
        complianceHits("TM", "YELLOW", "CN-180-DAY", null, null, 5);
        complianceHits("TM", "GREEN", null, "$.filing.afterSalesConfirmation.destination", "TM", 1);

        String a = heldWithout180DayConfirmation("TM");
        given().header("Authorization", customs).contentType(ContentType.JSON).body("{\"reason\":\"looks fine\"}")
                .post("/api/v1/filings/" + a + "/release").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/document-required"));
        String vinA = given().header("Authorization", admin).get("/api/v1/filings/" + a).path("vin");

        // not the agency's business, and bad documents are problems
        given().header("Authorization", Tokens.agency("tm", "TM")).contentType(ContentType.JSON)
                .body("{\"afterSalesConfirmation\":" + Fixtures.confirmation(vinA, "TM") + "}")
                .post("/api/v1/filings/" + a + "/documents").then().statusCode(403);
        given().header("Authorization", exporter).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/filings/" + a + "/documents").then().statusCode(400).contentType("application/problem+json");

        // the exporter attaches the confirmation: re-screened at once, GREEN, cleared
        given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body("{\"afterSalesConfirmation\":" + Fixtures.confirmation(vinA, "TM") + "}")
                .post("/api/v1/filings/" + a + "/documents").then().statusCode(200)
                .body("status", equalTo("CLEARED"))
                .body("afterSalesConfirmation.destination", equalTo("TM"))
                .body("verdict.lane", equalTo("GREEN"));
        given().header("Authorization", admin).get("/api/v1/filings/" + a + "/events").then()
                .body("reason", hasItem(containsString("attached after-sales confirmation ASC-2026-0001; re-screened: lane GREEN")));
        given().header("Authorization", admin).get("/api/v1/filings/" + a + "/events/verification").then().body("valid", equalTo(true));

        // a confirmation naming another country does not clear it; once a confirmation is on file customs may decide
        String b = heldWithout180DayConfirmation("TM");
        String vinB = given().header("Authorization", admin).get("/api/v1/filings/" + b).path("vin");
        given().header("Authorization", customs).contentType(ContentType.JSON)
                .body("{\"afterSalesConfirmation\":" + Fixtures.confirmation(vinB, "KZ") + "}")
                .post("/api/v1/filings/" + b + "/documents").then().statusCode(200)
                .body("status", equalTo("HELD")).body("statusReason", containsString("CN-180-DAY"));
        given().header("Authorization", customs).contentType(ContentType.JSON).body("{\"reason\":\"checked with BYD\"}")
                .post("/api/v1/filings/" + b + "/release").then().statusCode(200).body("status", equalTo("CLEARED"));
        // documents go to held filings only
        given().header("Authorization", customs).contentType(ContentType.JSON)
                .body("{\"afterSalesConfirmation\":" + Fixtures.confirmation(vinB, "TM") + "}")
                .post("/api/v1/filings/" + b + "/documents").then().statusCode(409);
    }

    @Test
    void whenComplianceIsDownAttachingIsRefusedAsAWholeWith503() throws Exception {
        Fixtures.referencePrice("19000.00");
        complianceHits("LB", "YELLOW", "CN-180-DAY", null, null, 5);
        String id = heldWithout180DayConfirmation("LB");
        String vin = given().header("Authorization", admin).get("/api/v1/filings/" + id).path("vin");
        var down = DependenciesResource.wiremock().stubFor(post(urlPathEqualTo("/api/v1/evaluations"))
                .withRequestBody(matchingJsonPath("$.destination", WireMock.equalTo("LB")))
                .atPriority(1).willReturn(aResponse().withStatus(503)));
        try {
            given().header("Authorization", exporter).contentType(ContentType.JSON)
                    .body("{\"afterSalesConfirmation\":" + Fixtures.confirmation(vin, "LB") + "}")
                    .post("/api/v1/filings/" + id + "/documents").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://zmx.io/problems/screening-unavailable"));
        } finally {
            DependenciesResource.wiremock().removeStub(down);
            Thread.sleep(400); // the circuit breaker's delay in the test profile
        }
        given().header("Authorization", admin).get("/api/v1/filings/" + id).then()
                .body("status", equalTo("HELD")).body("afterSalesConfirmation", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shippingOnAnotherDayReScreensAndARuleThatNowHitsRefusesTheShip() {
        Fixtures.referencePrice("19000.00");
        LocalDate today = Fixtures.today();
        complianceHits("UZ", "GREEN", null, null, null, 5);
        // for an export today (not the planned date) a HOLD rule hits
        complianceHits("UZ", "YELLOW", "CN-BEV-LICENCE", "$.asOf", today.toString(), 1);
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", today.minusDays(400), 9000, "BYD Auto");
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "UZ", "USED", 9000, today.plusDays(10).toString(), "18500.00"));
        Fixtures.screen(screener);
        given().header("Authorization", admin).get("/api/v1/filings/" + id).then()
                .body("status", equalTo("CLEARED")).body("verdict.asOf", equalTo(today.plusDays(10).toString()));

        // an export date in the future is refused outright
        given().header("Authorization", customs).contentType(ContentType.JSON)
                .body("{\"exportDate\":\"" + today.plusDays(1) + "\"}").post("/api/v1/filings/" + id + "/ship")
                .then().statusCode(400).body("violations.field", hasItem("exportDate"));
        given().header("Authorization", customs).contentType(ContentType.JSON)
                .body("{\"exportDate\":\"" + today + "\"}").post("/api/v1/filings/" + id + "/ship")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/not-cleared-for-export-date"))
                .body("detail", containsString("CN-BEV-LICENCE"));
        given().header("Authorization", admin).get("/api/v1/filings/" + id).then()
                .body("status", equalTo("HELD"))
                .body("verdict.asOf", equalTo(today.toString()))
                .body("verdict.evaluation.hits.ruleCode", hasItem("CN-BEV-LICENCE"));
        given().header("Authorization", admin).get("/api/v1/filings/" + id + "/events").then()
                .body("find { it.from == 'CLEARED' && it.to == 'HELD' }.reason",
                        containsString("re-screened for the actual export date " + today));
    }

    @Test
    void shippingOnThePlannedDayNeedsNoReScreenAndACleanReScreenShips() {
        Fixtures.referencePrice("19000.00");
        LocalDate today = Fixtures.today();
        complianceHits("AZ", "GREEN", null, null, null, 5);
        String v1 = Fixtures.vin();
        String v2 = Fixtures.vin();
        Fixtures.registryHas(v1, "CN-SC", today.minusDays(400), 9000, "BYD Auto");
        Fixtures.registryHas(v2, "CN-SC", today.minusDays(400), 9000, "BYD Auto");
        String onTheDay = Fixtures.submitted(exporter, Fixtures.filing(cc, v1, "AZ", "USED", 9000, today.toString(), "18500.00"));
        String early = Fixtures.submitted(exporter, Fixtures.filing(cc, v2, "AZ", "USED", 9000, today.plusDays(20).toString(), "18500.00"));
        Fixtures.screen(screener);
        given().header("Authorization", customs).post("/api/v1/filings/" + onTheDay + "/ship").then().statusCode(200)
                .body("status", equalTo("SHIPPED"))
                .body("exportDate", equalTo(today.toString()))
                .body("deregistration.dueOn", equalTo(today.plusMonths(2).toString()))
                .body("deregistration.overdue", equalTo(false));
        given().header("Authorization", customs).contentType(ContentType.JSON).body("{\"exportDate\":\"" + today + "\"}")
                .post("/api/v1/filings/" + early + "/ship").then().statusCode(200)
                .body("status", equalTo("SHIPPED")).body("verdict.asOf", equalTo(today.toString()))
                .body("statusReason", containsString("re-screened for the actual export date"));
    }

    @Test
    void aShippedVehicleStillRegisteredTwoMonthsLaterIsFlaggedToOriginCustoms() {
        Fixtures.referencePrice("19000.00");
        LocalDate today = Fixtures.today();
        complianceHits("BY", "GREEN", null, null, null, 5);
        String stillRegistered = Fixtures.vin();
        String cancelled = Fixtures.vin();
        Fixtures.registryHas(stillRegistered, "CN-SC", today.minusDays(400), 9000, "BYD Auto", false);
        Fixtures.registryHas(cancelled, "CN-SC", today.minusDays(400), 9000, "BYD Auto", true);
        String a = Fixtures.submitted(exporter, Fixtures.filing(cc, stillRegistered, "BY", "USED", 9000, today.toString(), "18500.00"));
        String b = Fixtures.submitted(exporter, Fixtures.filing(cc, cancelled, "BY", "USED", 9000, today.toString(), "18500.00"));
        Fixtures.screen(screener);
        for (String id : List.of(a, b)) {
            given().header("Authorization", customs).post("/api/v1/filings/" + id + "/ship").then().statusCode(200);
        }
        LocalDate due = today.plusMonths(2);
        deregistrationCheck.check(due); // the due day itself is not late
        given().header("Authorization", customs).get("/api/v1/filings/" + a).then().body("deregistration.overdue", equalTo(false));

        assertTrue(deregistrationCheck.check(due.plusDays(1)) >= 1);
        given().header("Authorization", customs).get("/api/v1/filings/" + a).then()
                .body("deregistration.overdue", equalTo(true)).body("status", equalTo("SHIPPED"));
        given().header("Authorization", customs).get("/api/v1/filings/" + b).then()
                .body("deregistration.overdue", equalTo(false))
                .body("deregistration.deregisteredOn", equalTo(today.minusDays(400).toString()));
        given().header("Authorization", customs).queryParam("deregistrationOverdue", true).queryParam("size", 200)
                .get("/api/v1/filings").then().statusCode(200)
                .body("items.id", hasItem(a)).body("items.id", not(hasItem(b)));
        given().header("Authorization", customs).get("/api/v1/filings/" + a + "/events").then()
                .body("reason", hasItem(containsString("deregistration overdue")));
        given().header("Authorization", customs).get("/api/v1/filings/" + a + "/events/verification").then()
                .body("valid", equalTo(true));
    }
}
