package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static io.zmx.compliance.Filings.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same filing before and after a rule's effective date gets a different outcome. */
@QuarkusTest
class EffectiveDatesTest {

    /** Registered 2025-11-01 with no after-sales confirmation, to the UAE (no EAEU rules in the way). */
    static Map<String, Object> quickFlip(String asOf) {
        return Filings.to("AE", asOf, map("vehicle.firstRegistrationDate", "2025-11-01"));
    }

    @Test
    void cn180DayRuleAppliesFrom2026() {
        evaluate(quickFlip("2025-12-31"))
                .body("outcome", equalTo("CLEARED")).body("lane", equalTo("GREEN"))
                .body("hits.ruleCode", not(hasItem("CN-180-DAY")));
        // held, not refused: customs release it once a confirmation naming the destination is presented
        evaluate(quickFlip("2026-01-01"))
                .body("outcome", equalTo("REVIEW")).body("lane", equalTo("YELLOW"))
                .body("hits[0].ruleCode", equalTo("CN-180-DAY"))
                .body("hits[0].severity", equalTo("HOLD"))
                .body("hits[0].jurisdiction", equalTo("CN"))
                .body("hits[0].legalReferences[0].url", equalTo("https://ncfchina.co.uk/news/69175ca7e7e017c4e5a86c2b"));
    }

    @Test
    void eaeuOfficialImporterRuleAppliesFromItsDate() {
        Map<String, Object> unofficialDealer = map("filing.consigneeOfficialRepresentative", false);
        evaluate(Filings.to("KZ", "2026-01-20", unofficialDealer))
                .body("outcome", equalTo("CLEARED"))
                .body("ruleSets.jurisdiction", contains("CN", "KZ"));
        evaluate(Filings.to("KZ", "2026-01-21", unofficialDealer))
                .body("outcome", equalTo("BLOCKED"))
                .body("hits.find { it.severity == 'BLOCK' }.ruleCode", equalTo("EAEU-OFFICIAL-IMPORTER"))
                .body("ruleSets.jurisdiction", contains("CN", "KZ", "EAEU"))
                .body("ruleSets.version", contains(1, 1, 1));
    }

    @Test
    void holdMeansReview() {
        // to AE: a KZ consignee is no longer official by its own tick-box (issue 9), so the EAEU ban would BLOCK
        evaluate(Filings.to("AE", "2026-03-01", map("filing.exportLicence", null)))
                .body("outcome", equalTo("REVIEW")).body("lane", equalTo("YELLOW"));
    }

    @Test
    void missingDataARuleNeedsIsAHoldNotAPass() {
        // an unofficial dealer, and no production date nor model year: the EAEU rule cannot tell the car's age
        evaluate(Filings.to("KZ", "2026-03-01", map("vehicle.productionDate", null, "vehicle.modelYear", null,
                "filing.consigneeOfficialRepresentative", false)))
                .body("outcome", equalTo("REVIEW"))
                .body("hits.find { it.ruleCode == 'EAEU-OFFICIAL-IMPORTER' }.severity", equalTo("HOLD"));
    }

    @Test
    void storedResultCanBeReadBack() {
        String id = evaluate(quickFlip("2026-02-01")).extract().path("id");
        given().header("Authorization", Tokens.bearer("root", "admin"))
                .get("/api/v1/evaluations/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id)).body("outcome", equalTo("REVIEW"));
    }

    static io.restassured.response.ValidatableResponse evaluate(Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer("export-service", "export-service"))
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations").then().statusCode(201);
    }
}
