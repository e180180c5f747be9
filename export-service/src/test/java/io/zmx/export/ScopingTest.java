package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Who sees what: unknown and foreign filings look the same (404), so existence never leaks. */
@QuarkusTest
class ScopingTest {

    @Inject
    Screener screener;

    @Test
    void eachRoleSeesOnlyItsOwnScope() {
        String ccA = Fixtures.creditCode();
        String ccB = Fixtures.creditCode();
        String a = Tokens.exporter("exp-a", ccA);
        String b = Tokens.exporter("exp-b", ccB);
        Fixtures.complianceAnswers("TJ", "GREEN");
        Fixtures.referencePrice("19000.00");
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", LocalDate.of(2026, 3, 1), 5, "BYD Auto");
        String draft = given().header("Authorization", a).contentType(ContentType.JSON)
                .body(Fixtures.filing(ccA, Fixtures.vin(), "TJ", "USED", 5)).post("/api/v1/filings")
                .then().statusCode(201).extract().path("id");
        String filed = Fixtures.submitted(a, Fixtures.filing(ccA, vin, "TJ", "USED", 5));
        String tj = Tokens.agency("tj-agency", "TJ");
        String kz = Tokens.agency("kz-agency", "KZ");

        // another exporter: not found, and cannot file under someone else's credit code
        given().header("Authorization", b).get("/api/v1/filings/" + filed).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", b).get("/api/v1/filings/" + "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404);
        given().header("Authorization", b).post("/api/v1/filings/" + filed + "/withdraw").then().statusCode(404);
        given().header("Authorization", b).contentType(ContentType.JSON)
                .body(Fixtures.filing(ccA, Fixtures.vin(), "TJ", "USED", 5)).post("/api/v1/filings")
                .then().statusCode(403).body("type", equalTo("https://zmx.io/problems/not-your-exporter"));
        given().header("Authorization", b).get("/api/v1/filings").then().statusCode(200)
                .body("items.exporterCreditCode", everyItem(equalTo(ccB)));

        // the destination agency sees it only once screened, and only its own country
        given().header("Authorization", tj).get("/api/v1/filings/" + filed).then().statusCode(404);
        Fixtures.screen(screener);
        given().header("Authorization", tj).get("/api/v1/filings/" + filed).then().statusCode(200)
                .body("status", equalTo("CLEARED"));
        given().header("Authorization", tj).get("/api/v1/filings").then().statusCode(200)
                .body("items.id", hasItem(filed)).body("items.destination", everyItem(equalTo("TJ")));
        given().header("Authorization", kz).get("/api/v1/filings/" + filed).then().statusCode(404);
        given().header("Authorization", tj).get("/api/v1/filings/" + draft).then().statusCode(404);

        // customs sees every filed filing but no drafts; the agency cannot act before shipping
        String customs = Tokens.bearer("officer", "customs");
        given().header("Authorization", customs).get("/api/v1/filings/" + filed).then().statusCode(200);
        given().header("Authorization", customs).get("/api/v1/filings/" + draft).then().statusCode(404);
        given().header("Authorization", customs).get("/api/v1/filings").then().statusCode(200)
                .body("items.status", not(hasItem("DRAFT")));
        given().header("Authorization", tj).post("/api/v1/filings/" + filed + "/arrival").then().statusCode(409);
        given().header("Authorization", kz).post("/api/v1/filings/" + filed + "/arrival").then().statusCode(404);
        given().header("Authorization", a).post("/api/v1/filings/" + filed + "/ship").then().statusCode(403);

        // an analyst reads reports only
        String analyst = Tokens.bearer("ana", "analyst");
        given().header("Authorization", analyst).get("/api/v1/filings/" + filed).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", analyst).get("/api/v1/filings").then().statusCode(403);
        given().header("Authorization", analyst).get("/api/v1/reports/zero-mileage").then().statusCode(200);
        given().header("Authorization", a).get("/api/v1/reports/zero-mileage").then().statusCode(403);
        given().get("/api/v1/filings").then().statusCode(401).contentType("application/problem+json");
    }
}
