package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static io.zmx.compliance.Filings.map;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may do what, and how bad input is answered (4xx problem+json, nothing stored). */
@QuarkusTest
class SecurityAndInputTest {

    static final String SERVICE = Tokens.bearer("export-service", "export-service");

    @Test
    void evaluationsOnlyForTheExportServiceAndAdmin() {
        post(Tokens.bearer("export-service", "export-service"), Filings.clean()).statusCode(201);
        post(Tokens.bearer("root", "admin"), Filings.clean()).statusCode(201);
        for (String role : new String[] {"exporter", "analyst", "rule-author", "agency", "customs"}) {
            post(Tokens.bearer("someone", role), Filings.clean()).statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("https://zmx.io/problems/forbidden"));
        }
        given().contentType(ContentType.JSON).body(Filings.clean()).post("/api/v1/evaluations")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("ana", "analyst")).get("/api/v1/evaluations/{id}", java.util.UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void rulesAreReadableByAnyAuthenticatedCallerButWrittenOnlyByAuthors() {
        given().header("Authorization", Tokens.bearer("agent", "agency")).get("/api/v1/rule-sets")
                .then().statusCode(200).body("items.jurisdiction", hasItem("EAEU")).body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(11));
        given().get("/api/v1/rule-sets").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("agent", "agency")).contentType(ContentType.JSON)
                .body(map("effectiveFrom", "2030-01-01", "basedOn", 1))
                .post("/api/v1/rule-sets/KZ/versions").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("svc", "export-service")).contentType(ContentType.JSON)
                .body(map("jurisdiction", "XX", "name", "x", "scope", "DESTINATION"))
                .post("/api/v1/rule-sets").then().statusCode(403);
    }

    @Test
    void unknownFieldsAreRefused() {
        Map<String, Object> body = Filings.clean();
        Filings.set(body, "filing.colour", "red");
        post(SERVICE, body).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/unknown-field"))
                .body("violations[0].field", equalTo("filing.colour"));
    }

    @Test
    void theVehicleSnapshotMayCarryRegistryFieldsWeDoNotUse() {
        Map<String, Object> body = Filings.clean();
        Filings.set(body, "vehicle.version", 3);
        Filings.set(body, "vehicle.colour", "white");
        post(SERVICE, body).statusCode(201);
    }

    @Test
    void licenceAndConfirmationMayBeSentAsBareReferences() {
        Map<String, Object> body = Filings.to("KZ", "2026-03-01", map("filing.exportLicence", "EL-2026-42",
                "filing.afterSalesConfirmation", "ASC-7", "vehicle.firstRegistrationDate", "2025-12-01"));
        post(SERVICE, body).statusCode(201)
                .body("hits.ruleCode", not(hasItem("CN-EXPORT-LICENCE")))
                // a bare reference names no destination, so the 180-day rule still asks for one that does
                .body("hits.ruleCode", hasItem("CN-180-DAY"));
    }

    @Test
    void wrongTypesMissingFieldsAndBadCodesAreFieldViolations() {
        Map<String, Object> body = Filings.clean();
        Filings.set(body, "vehicle.modelYear", "twenty");
        post(SERVICE, body).statusCode(400).body("type", equalTo("https://zmx.io/problems/wrong-type"))
                .body("violations[0].field", equalTo("vehicle.modelYear"));

        body = Filings.clean();
        body.remove("asOf");
        Filings.set(body, "destination", "Kazakhstan");
        Filings.set(body, "vehicle.fuelType", "STEAM");
        post(SERVICE, body).statusCode(400).body("type", equalTo("https://zmx.io/problems/validation"))
                .body("violations.field", hasItem("asOf"))
                .body("violations.field", hasItem("destination"))
                .body("violations.field", hasItem("vehicle.fuelType"));

        body = Filings.clean();
        Filings.set(body, "filing.destination", "UZ");
        post(SERVICE, body).statusCode(400).body("violations[0].field", equalTo("filing.destination"));

        given().header("Authorization", SERVICE).contentType(ContentType.JSON).body("{\"origin\": \"CN\",")
                .post("/api/v1/evaluations").then().statusCode(400)
                .body("type", equalTo("https://zmx.io/problems/malformed-json"));
    }

    @Test
    void badInputStoresNothing() {
        String reference = "FIL-BAD-" + System.nanoTime();
        Map<String, Object> body = Filings.clean();
        body.put("reference", reference);
        Filings.set(body, "filing.destination", "UZ");
        post(SERVICE, body).statusCode(400);
        String stored = StoredRows.text("select count(*) from evaluation where reference = ?", reference);
        org.junit.jupiter.api.Assertions.assertEquals("0", stored);
    }

    @Test
    void retriesWithAnIdempotencyKeyReturnTheFirstResult() {
        String key = "retry-" + System.nanoTime();
        String first = given().header("Authorization", SERVICE).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Filings.clean()).post("/api/v1/evaluations").then().statusCode(201)
                .header("Idempotent-Replayed", "false").extract().path("id");
        given().header("Authorization", SERVICE).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Filings.clean()).post("/api/v1/evaluations").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first))
                .header("Location", containsString(first));
    }

    @Test
    void idempotencyKeysAreScopedPerCallerAndFingerprinted() throws Exception {
        // issue 10 point 11: keys were global and without fingerprint, so another body replayed the first result
        String key = "scoped-" + System.nanoTime();
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Filings.clean());
        String first = given().header("Authorization", SERVICE).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/evaluations").then().statusCode(201).extract().path("id");
        // the same request, numbers written differently: the same request
        given().header("Authorization", SERVICE).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body.replace("18500.0", "18500.00")).post("/api/v1/evaluations").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        // another request under the same key
        var other = Filings.clean();
        Filings.set(other, "reference", "FIL-OTHER");
        given().header("Authorization", SERVICE).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(other).post("/api/v1/evaluations").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/idempotency-key-reused"));
        // another caller's key of the same name is its own
        String admins = given().header("Authorization", Tokens.bearer("root", "admin")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/evaluations").then().statusCode(201)
                .header("Idempotent-Replayed", "false").extract().path("id");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, admins);
    }

    @Test
    void unknownVersionsAndJurisdictionsAre404() {
        given().header("Authorization", Tokens.bearer("ana", "analyst")).get("/api/v1/rule-sets/CN/versions/99")
                .then().statusCode(404).body("type", equalTo("https://zmx.io/problems/not-found"));
        given().header("Authorization", Tokens.bearer("ana", "analyst")).get("/api/v1/rule-sets/QQ")
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("ana", "analyst")).queryParam("size", 500).get("/api/v1/rules")
                .then().statusCode(400).body("violations[0].field", containsString("size"));
    }

    static io.restassured.response.ValidatableResponse post(String token, Map<String, Object> body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations").then();
    }
}
