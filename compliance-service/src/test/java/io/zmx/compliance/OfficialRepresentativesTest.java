package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static io.zmx.compliance.Filings.map;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: "official representative" is a maintained list (admin, or an agency for its own country), and
 * evaluations decide filing.consigneeOfficialRepresentative from it: a caller's tick-box no longer clears
 * the EAEU official-importer ban.
 */
@QuarkusTest
class OfficialRepresentativesTest {

    static final String AS_OF = "2026-12-15";

    static Map<String, Object> entry(String country, String make, String name, String reg, String from, String to) {
        return map("country", country, "make", make, "name", name, "registrationNumber", reg, "validFrom", from, "validTo", to,
                "source", "https://example.gov/official-dealers");
    }

    static ValidatableResponse post(String auth, Map<String, Object> body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .post("/api/v1/official-representatives").then();
    }

    static ValidatableResponse evaluate(Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer("export-service", "export-service"))
                .contentType(ContentType.JSON).body(body).post("/api/v1/evaluations").then().statusCode(201);
    }

    @Test
    void aSelfDeclaredTickBoxNoLongerClearsTheEaeuBan() {
        // a make nobody has listed: the caller says "official representative", the list does not
        evaluate(Filings.v2("KZ", AS_OF, map("vehicle.make", "Zeekr", "filing.licenceApplication.brand", "Zeekr",
                "filing.consigneeOfficialRepresentative", true, "filing.consigneeType", "OFFICIAL_REPRESENTATIVE")))
                .body("hits.find { it.ruleCode == 'EAEU-OFFICIAL-IMPORTER' }.severity", equalTo("BLOCK"))
                .body("outcome", equalTo("BLOCKED"));
    }

    @Test
    void aListedRepresentativeMatchedByNameOrRegistrationNumberIsAdmitted() {
        post(Tokens.agency("kz-agency", "KZ"), entry("KZ", "Chery", "Chery Kazakhstan LLP", "2305-4001 2345", "2026-01-01", null))
                .statusCode(201);
        Map<String, Object> byNumber = Filings.v2("KZ", AS_OF, map("vehicle.make", "CHERY ", "filing.licenceApplication.brand", "Chery",
                "filing.consignee", "Some trading name", "filing.consigneeRegistrationNumber", "230540012345"));
        String id = evaluate(byNumber).body("hits.ruleCode", not(hasItem("EAEU-OFFICIAL-IMPORTER")))
                .body("outcome", equalTo("CLEARED")).extract().path("id");
        // the decision is stored with the input, so a backtest replays it even after the list changes
        String input = StoredRows.text("select input::text from evaluation where id = ?", UUID.fromString(id));
        assertTrue(input.replaceAll("\\s", "").contains("\"consigneeOfficialRepresentative\":true"), input);

        // a different registration number decides against, whatever the name
        evaluate(Filings.v2("KZ", AS_OF, map("vehicle.make", "Chery", "filing.licenceApplication.brand", "Chery",
                "filing.consignee", "Chery Kazakhstan LLP", "filing.consigneeRegistrationNumber", "999999999999")))
                .body("hits.ruleCode", hasItem("EAEU-OFFICIAL-IMPORTER"));
        // no registration number on the filing: the name decides, case- and whitespace-insensitively
        evaluate(Filings.v2("KZ", AS_OF, map("vehicle.make", "Chery", "filing.licenceApplication.brand", "Chery",
                "filing.consignee", "  chery   kazakhstan llp", "filing.consigneeRegistrationNumber", null)))
                .body("hits.ruleCode", not(hasItem("EAEU-OFFICIAL-IMPORTER")));
        // listed for KZ, not for KG
        evaluate(Filings.v2("KG", AS_OF, map("vehicle.make", "Chery", "filing.licenceApplication.brand", "Chery",
                "filing.consigneeRegistrationNumber", "230540012345")))
                .body("hits.ruleCode", hasItem("EAEU-OFFICIAL-IMPORTER"));
    }

    @Test
    void anEntryCountsOnlyInsideItsValidity() {
        post(Tokens.bearer("root", "admin"), entry("KZ", "Haval", "Haval Almaty", null, "2026-01-01", "2026-12-14")).statusCode(201);
        evaluate(Filings.v2("KZ", "2026-12-14", map("vehicle.make", "Haval", "filing.licenceApplication.brand", "Haval",
                "filing.consignee", "Haval Almaty")))
                .body("hits.ruleCode", not(hasItem("EAEU-OFFICIAL-IMPORTER")));
        evaluate(Filings.v2("KZ", "2026-12-15", map("vehicle.make", "Haval", "filing.licenceApplication.brand", "Haval",
                "filing.consignee", "Haval Almaty")))
                .body("hits.ruleCode", hasItem("EAEU-OFFICIAL-IMPORTER"));
    }

    @Test
    void personalImportIntoKazakhstanIsNotBlocked() {
        evaluate(Filings.v2("KZ", AS_OF, map("vehicle.make", "Zeekr", "filing.licenceApplication.brand", "Zeekr",
                "filing.consigneeType", "PERSON", "filing.consignee", "Aigerim S.")))
                .body("hits.ruleCode", not(hasItem("EAEU-OFFICIAL-IMPORTER")));
    }

    @Test
    void onlyAdminOrTheCountrysOwnAgencyMayWrite() {
        post(Tokens.agency("ru-agency", "RU"), entry("KZ", "BYD", "X", null, "2026-01-01", null))
                .statusCode(403).contentType("application/problem+json").body("detail", containsString("own country"));
        post(Tokens.bearer("author", "rule-author"), entry("KZ", "BYD", "X", null, "2026-01-01", null)).statusCode(403);
        given().contentType(ContentType.JSON).body(entry("KZ", "BYD", "X", null, "2026-01-01", null))
                .post("/api/v1/official-representatives").then().statusCode(401);
        int id = post(Tokens.agency("kz-agency", "KZ"), entry("KZ", "Geely", "Geely KZ", null, "2026-01-01", null))
                .statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.agency("ru-agency", "RU")).delete("/api/v1/official-representatives/" + id)
                .then().statusCode(403);
        // Accept as the SDK sends it for an operation whose only content is problem+json: a 204 has nothing to negotiate
        given().header("Authorization", Tokens.agency("kz-agency", "KZ")).accept("application/problem+json").delete("/api/v1/official-representatives/" + id)
                .then().statusCode(204);
        given().header("Authorization", Tokens.bearer("analyst", "analyst")).get("/api/v1/official-representatives/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listIsFilteredAndPagedForAnyAuthenticatedCaller() {
        post(Tokens.bearer("root", "admin"), entry("AM", "Li Auto", "Li Auto Yerevan", null, "2026-02-01", null)).statusCode(201);
        given().header("Authorization", Tokens.bearer("analyst", "analyst"))
                .queryParam("country", "AM").queryParam("make", " li  AUTO").queryParam("validOn", "2026-03-01")
                .get("/api/v1/official-representatives").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].name", equalTo("Li Auto Yerevan"))
                .body("items.country", everyItem(equalTo("AM")));
        given().header("Authorization", Tokens.bearer("analyst", "analyst"))
                .queryParam("country", "AM").queryParam("validOn", "2026-01-31")
                .get("/api/v1/official-representatives").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void retriesWithTheSameIdempotencyKeyReturnTheFirstEntry() {
        Map<String, Object> body = entry("BY", "Geely", "Atlant-M", null, "2026-01-01", null);
        int first = given().header("Authorization", Tokens.bearer("root", "admin")).header("Idempotency-Key", "or-1")
                .contentType(ContentType.JSON).body(body).post("/api/v1/official-representatives")
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        given().header("Authorization", Tokens.bearer("root", "admin")).header("Idempotency-Key", "or-1")
                .contentType(ContentType.JSON).body(body).post("/api/v1/official-representatives")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }

    @Test
    void badInputIsAProblemNotAServerError() {
        post(Tokens.bearer("root", "admin"), entry("kz", "BYD", "X", null, "2026-01-01", null))
                .statusCode(400).contentType("application/problem+json");
        post(Tokens.bearer("root", "admin"), entry("KZ", "BYD", "X", null, "2026-02-01", "2026-01-01"))
                .statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("validTo"));
        post(Tokens.bearer("root", "admin"), entry("KZ", "", "X", null, null, null))
                .statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("analyst", "analyst")).queryParam("validOn", "yesterday")
                .get("/api/v1/official-representatives").then().statusCode(400).contentType("application/problem+json");
    }
}
