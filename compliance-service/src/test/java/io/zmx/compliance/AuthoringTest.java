package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static io.zmx.compliance.Filings.list;
import static io.zmx.compliance.Filings.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drafting, validation with positions, publishing, immutability, retiring and time travel. */
@QuarkusTest
class AuthoringTest {

    static final String AUTHOR = Tokens.bearer("rita", "rule-author");
    static final String ADMIN = Tokens.bearer("root", "admin");

    static Map<String, Object> rule(String code, String severity, String expression) {
        return map("code", code, "title", "Test rule " + code, "severity", severity, "expression", expression,
                "message", "Test message", "legalReferences", list(map("title", "Test act", "url", "https://example.org/act")));
    }

    static ValidatableResponse draft(String jurisdiction, Map<String, Object> body) {
        return given().header("Authorization", AUTHOR).contentType(ContentType.JSON).body(body)
                .post("/api/v1/rule-sets/{j}/versions", jurisdiction).then();
    }

    @Test
    void compileErrorsComeBackWithRuleCodeLineAndColumn() {
        draft("CN", map("effectiveFrom", "2027-01-01", "rules", list(
                rule("OK-RULE", "INFO", "vehicle.driveSide == 'RHD'"),
                rule("TYPO-RULE", "BLOCK", "vehicle.driveSide == 'RHD'\n  && vehicle.modelYaer > 2020"))))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/invalid-rule-expression"))
                .body("errors[0].ruleCode", equalTo("TYPO-RULE"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].column", equalTo(13))
                .body("errors[0].message", containsString("modelYaer"))
                .body("violations[0].field", equalTo("rules[1].expression"));
    }

    @Test
    void typeErrorsAreCaughtAtAuthoring() {
        draft("CN", map("effectiveFrom", "2027-01-01", "rules", list(rule("TYPE-RULE", "BLOCK", "vehicle.engineCc > '1500'"))))
                .statusCode(400)
                .body("errors[0].ruleCode", equalTo("TYPE-RULE"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].column", equalTo(18))
                .body("errors[0].message", containsString("no matching overload"));
    }

    @Test
    void nonBooleanExpressionsAreRefused() {
        draft("CN", map("effectiveFrom", "2027-01-01", "rules", list(rule("AGE-RULE", "INFO", "ageYears(vehicle, asOf)"))))
                .statusCode(400)
                .body("errors[0].ruleCode", equalTo("AGE-RULE"))
                .body("errors[0].message", containsString("expected type 'bool' but found 'int'"));
    }

    @Test
    void syntaxErrorsHavePositionsToo() {
        draft("CN", map("effectiveFrom", "2027-01-01", "rules", list(rule("SYNTAX-RULE", "INFO", "vehicle.driveSide == "))))
                .statusCode(400)
                .body("errors[0].ruleCode", equalTo("SYNTAX-RULE"))
                .body("errors[0].line", equalTo(1));
    }

    @Test
    void theReadmeExampleCompilesAndDecides() {
        Map<String, Object> example = rule("CN-180-DAY", "BLOCK", "has(vehicle.firstRegistrationDate)\n"
                + "  && daysBetween(vehicle.firstRegistrationDate, asOf) <= 180\n"
                + "  && (!has(filing.afterSalesConfirmation)\n"
                + "      || filing.afterSalesConfirmation.destination != filing.destination\n"
                + "      || filing.afterSalesConfirmation.vin != vehicle.vin)", "2026-01-01");
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("jurisdiction", "TK", "name", "README example", "scope", "DESTINATION"))
                .post("/api/v1/rule-sets").then().statusCode(201);
        draft("TK", map("effectiveFrom", "2026-06-01", "rules", list(example))).statusCode(201)
                .body("rules[0].expression", containsString("afterSalesConfirmation.vin"));
    }

    @Test
    void publishedVersionsAreImmutable() {
        String etag = given().header("Authorization", AUTHOR).get("/api/v1/rule-sets/CN/versions/1")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).extract().header("ETag");
        given().header("Authorization", AUTHOR).header("If-Match", etag).contentType(ContentType.JSON)
                .body(map("rules", list(rule("CN-ANYTHING", "INFO", "true"))))
                .put("/api/v1/rule-sets/CN/versions/1")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/immutable-version"));
        given().header("Authorization", ADMIN).header("If-Match", etag)
                .post("/api/v1/rule-sets/CN/versions/1/publish")
                .then().statusCode(409);
        given().header("Authorization", AUTHOR).get("/api/v1/rule-sets/CN/versions/1")
                .then().body("rules.code", hasItem("CN-180-DAY")).body("rules.code", not(hasItem("CN-ANYTHING")));
    }

    @Test
    void draftPublishRetireAndTimeTravel() {
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("jurisdiction", "TJ", "name", "Tajikistan - test set", "scope", "DESTINATION"))
                .post("/api/v1/rule-sets").then().statusCode(201).body("jurisdiction", equalTo("TJ"));

        String etag = draft("TJ", map("effectiveFrom", "2030-01-01", "notes", "first",
                "rules", list(rule("TJ-RHD", "BLOCK", "vehicle.driveSide == 'RHD'"))))
                .statusCode(201).body("version", equalTo(1)).body("status", equalTo("DRAFT")).extract().header("ETag");

        // a draft is editable with If-Match; a stale one is refused
        String etag2 = given().header("Authorization", AUTHOR).header("If-Match", etag).contentType(ContentType.JSON)
                .body(map("rules", list(rule("TJ-RHD", "BLOCK", "vehicle.driveSide == 'RHD'"),
                        rule("TJ-OLD", "HOLD", "ageYears(vehicle, asOf) > 7", "2030-06-01"))))
                .put("/api/v1/rule-sets/TJ/versions/1").then().statusCode(200)
                .body("rules.code", contains("TJ-RHD", "TJ-OLD")).extract().header("ETag");
        given().header("Authorization", AUTHOR).header("If-Match", etag).contentType(ContentType.JSON)
                .body(map("notes", "lost update")).put("/api/v1/rule-sets/TJ/versions/1").then().statusCode(412);
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("notes", "no if-match")).put("/api/v1/rule-sets/TJ/versions/1").then().statusCode(428);

        // drafts are not in force
        inForce("2030-07-01").body("items.rule.code", not(hasItem("TJ-RHD")));

        // only admin publishes
        given().header("Authorization", AUTHOR).header("If-Match", etag2).post("/api/v1/rule-sets/TJ/versions/1/publish")
                .then().statusCode(403).contentType("application/problem+json");
        String etag3 = given().header("Authorization", ADMIN).header("If-Match", etag2).post("/api/v1/rule-sets/TJ/versions/1/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("publishedBy", equalTo("root"))
                .extract().header("ETag");

        // v2 from v1 (copy), narrowed to a later window, published
        String v2 = draft("TJ", map("basedOn", 1, "effectiveFrom", "2031-01-01"))
                .statusCode(201).body("version", equalTo(2)).body("rules.code", contains("TJ-RHD", "TJ-OLD")).extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", v2).contentType(ContentType.JSON)
                .body(map("rules", list(rule("TJ-OLD", "BLOCK", "ageYears(vehicle, asOf) > 5"))))
                .put("/api/v1/rule-sets/TJ/versions/2").then().statusCode(200);
        String v2b = given().header("Authorization", ADMIN).get("/api/v1/rule-sets/TJ/versions/2").then().extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", v2b).post("/api/v1/rule-sets/TJ/versions/2/publish").then().statusCode(200);

        // time travel: each date sees the version and the rules in force then
        inForce("2029-12-31").body("items", org.hamcrest.Matchers.empty());
        inForce("2030-03-01").body("items.rule.code", contains("TJ-RHD")).body("items.version", contains(1));
        inForce("2030-07-01").body("items.rule.code", contains("TJ-RHD", "TJ-OLD")).body("items.version", contains(1, 1));
        inForce("2031-02-01").body("items.rule.code", contains("TJ-OLD")).body("items.version", contains(2))
                .body("items.rule.severity", contains("BLOCK"));
        given().header("Authorization", Tokens.bearer("ana", "analyst")).queryParam("asOf", "2030-03-01")
                .get("/api/v1/rule-sets/TJ").then().statusCode(200)
                .body("inForce.version", equalTo(1)).body("versions.status", contains("PUBLISHED", "PUBLISHED"));

        // retiring v1 on 2030-05-01 closes its window; history before stays
        given().header("Authorization", ADMIN).header("If-Match", etag3).contentType(ContentType.JSON)
                .body(map("effectiveTo", "2030-05-01")).post("/api/v1/rule-sets/TJ/versions/1/retire")
                .then().statusCode(200).body("status", equalTo("RETIRED")).body("effectiveTo", equalTo("2030-05-01"));
        inForce("2030-03-01").body("items.rule.code", contains("TJ-RHD"));
        inForce("2030-07-01").body("items", org.hamcrest.Matchers.empty());
        given().header("Authorization", Tokens.bearer("ana", "analyst")).queryParam("asOf", "2030-07-01")
                .get("/api/v1/rule-sets/TJ").then().body("inForce", nullValue());
    }

    @Test
    void rulesInForceForARoute() {
        given().header("Authorization", Tokens.bearer("ana", "analyst"))
                .queryParam("asOf", "2025-12-31").queryParam("origin", "CN").queryParam("destination", "KZ").queryParam("size", 200)
                .get("/api/v1/rules").then().statusCode(200)
                .body("items.rule.code", hasItem("KZ-RHD"))
                .body("items.rule.code", hasItem("CN-EXPORT-LICENCE"))
                .body("items.rule.code", not(hasItem("CN-180-DAY")))
                .body("items.rule.code", not(hasItem("EAEU-OFFICIAL-IMPORTER")))
                .body("items.rule.code", not(hasItem("RU-EURO5")));
        given().header("Authorization", Tokens.bearer("ana", "analyst"))
                .queryParam("asOf", "2026-02-01").queryParam("origin", "CN").queryParam("destination", "KZ").queryParam("size", 200)
                .get("/api/v1/rules").then().statusCode(200)
                .body("items.rule.code", hasItem("CN-180-DAY"))
                .body("items.rule.code", hasItem("EAEU-OFFICIAL-IMPORTER"));
    }

    @Test
    void contextIsDocumented() {
        given().header("Authorization", Tokens.bearer("ana", "analyst")).get("/api/v1/evaluation-context")
                .then().statusCode(200)
                .body("variables.name", contains("vehicle", "filing", "assessment", "asOf"))
                .body("types.find { it.name == 'zmx.Vehicle' }.fields.name", hasItem("firstRegistrationDate"))
                .body("functions.signature", hasItem(containsString("daysBetween")));
    }

    static Map<String, Object> rule(String code, String severity, String expression, String effectiveFrom) {
        Map<String, Object> r = rule(code, severity, expression);
        r.put("effectiveFrom", effectiveFrom);
        return r;
    }

    static ValidatableResponse inForce(String asOf) {
        return given().header("Authorization", Tokens.bearer("ana", "analyst"))
                .queryParam("asOf", asOf).queryParam("jurisdiction", "TJ")
                .get("/api/v1/rules").then().statusCode(200);
    }
}
