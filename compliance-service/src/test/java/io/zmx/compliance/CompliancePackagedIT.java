package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar in {@code verify}; the native executable in the native workflow) against a real
 * PostgreSQL and real signed tokens: health, an authenticated read, a CEL evaluation written and read back, and a
 * problem+json answer for a rule that does not compile.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedServiceResource.class, restrictToAnnotatedClass = true)
class CompliancePackagedIT {

    /** Signed with the key whose public half the WireMock issuer publishes (the same as {@link Tokens}). */
    private static String bearer(String user, String... roles) {
        return "Bearer " + Jwt.preferredUserName(user).subject(user)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE)
                .sign("privateKey.jwk");
    }

    @Test
    void isReadyWithItsDatabase() {
        given().port(PackagedServiceResource.managementPort).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void readsTheSeededRuleSetsWithAToken() {
        given().header("Authorization", bearer("analyst-1", "analyst")).get("/api/v1/rule-sets?asOf=2026-03-01")
                .then().statusCode(200)
                .body("items.jurisdiction", hasItems("CN", "KZ", "EAEU"))
                .body("items.find { it.jurisdiction == 'CN' }.inForce", notNullValue());
        given().get("/api/v1/rule-sets").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void evaluatesAFilingWithCelAndStoresTheResult() {
        // registered three months before export, no after-sales confirmation: the CEL rule CN-180-DAY hits
        Map<String, Object> filing = Filings.to("KZ", "2026-03-01", Filings.map("vehicle.firstRegistrationDate", "2025-12-01"));
        String id = given().header("Authorization", bearer("export-service", "export-service"))
                .header("Idempotency-Key", "it-" + System.nanoTime())
                .contentType(ContentType.JSON).body(filing).post("/api/v1/evaluations")
                .then().statusCode(201)
                .body("hits.ruleCode", hasItem("CN-180-DAY"))
                .body("outcome", not(equalTo("CLEARED")))
                .body("ruleSets.jurisdiction", hasItem("CN"))
                .extract().path("id");
        given().header("Authorization", bearer("export-service", "export-service")).get("/api/v1/evaluations/" + id)
                .then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aRuleThatDoesNotCompileIsAProblemWithItsPosition() {
        Map<String, Object> rule = Map.of("code", "IT-BAD", "title", "Broken", "severity", "HOLD",
                "expression", "vehicle.nope > 1", "message", "never",
                "legalReferences", List.of(Map.of("title", "Test", "url", "https://example.org/law")));
        given().header("Authorization", bearer("author-1", "rule-author")).contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", "2027-01-01", "rules", List.of(rule))).post("/api/v1/rule-sets/KZ/versions")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://zmx.io/problems/invalid-rule-expression"))
                .body("errors[0].ruleCode", equalTo("IT-BAD"));
    }
}
