package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The field-level table of registry-service/README.md: who reads which vehicle, and whose owner identity and
 * plates. And the token rules every read depends on: the zmx-api audience, roles from realm_access.roles only,
 * and a role for every read.
 */
@QuarkusTest
class TenantLinesTest {

    static final String OWNER = "91510100MA6CGT1B4T";
    static final String OTHER = "91440300MA5FUK8N2U";

    static String exporter(String creditCode) {
        return "Bearer " + Jwt.preferredUserName("exp-" + creditCode).subject("exp-" + creditCode)
                .claim("realm_access", Map.of("roles", List.of("exporter"))).claim("zmx_credit_code", creditCode)
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE).sign();
    }

    /** A vehicle registered to OWNER, with a plate. */
    static String ownedVehicle() {
        String vin = HistoryApiTest.newVehicle();
        HistoryApiTest.post(vin, "registrations", Map.of("date", "2026-03-01", "region", "CN-SC", "city", "Chengdu",
                "plate", "川A" + vin.substring(12), "ownerType", "COMPANY", "ownerId", OWNER), 201);
        return vin;
    }

    @Test
    void adminRegistrarAndCustomsSeeOwnersAndPlates() {
        String vin = ownedVehicle();
        for (String role : new String[] {"admin", "registrar", "customs"}) {
            given().header("Authorization", Tokens.bearer("u-" + role, role)).get("/api/v1/vehicles/{vin}/history", vin)
                    .then().statusCode(200)
                    .body("registrations.ownerId", contains(OWNER))
                    .body("registrations.plate", contains("川A" + vin.substring(12)))
                    .body("timeline.summary", hasItem(containsString("plate 川A")));
        }
    }

    @Test
    void anExporterSeesItsOwnVehiclesInFullAndNoOtherAtAll() {
        String vin = ownedVehicle();
        String unowned = HistoryApiTest.newVehicle();
        given().header("Authorization", exporter(OWNER)).get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200).body("registrations.ownerId", contains(OWNER))
                .body("registrations.plate", contains("川A" + vin.substring(12)));
        given().header("Authorization", exporter(OWNER)).get("/api/v1/vehicles/{vin}", vin).then().statusCode(200);
        for (String other : new String[] {"/api/v1/vehicles/{vin}", "/api/v1/vehicles/{vin}/history"}) {
            given().header("Authorization", exporter(OTHER)).get(other, vin).then().statusCode(404)
                    .contentType("application/problem+json");
            given().header("Authorization", exporter(OWNER)).get(other, unowned).then().statusCode(404);
        }
        given().header("Authorization", exporter(OWNER)).queryParam("size", 100).get("/api/v1/vehicles")
                .then().statusCode(200).body("items.vin", hasItem(vin)).body("items.vin", not(hasItem(unowned)));
        given().header("Authorization", exporter(OTHER)).queryParam("size", 100).get("/api/v1/vehicles")
                .then().statusCode(200).body("items.vin", not(hasItem(vin)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"manufacturer", "export-service"})
    void manufacturersAndScreeningSeeHistoryWithoutOwnersOrPlates(String role) {
        String vin = ownedVehicle();
        given().header("Authorization", Tokens.bearer("u-" + role, role)).get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200)
                .body("registrations.date", contains("2026-03-01"))
                .body("registrations.ownerId", everyItem(nullValue()))
                .body("registrations.plate", everyItem(nullValue()))
                .body("timeline.summary", everyItem(not(containsString("川A"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agency", "analyst", "rule-author"})
    void agenciesAnalystsAndRuleAuthorsReadNoVehicleHere(String role) {
        String vin = ownedVehicle();
        String token = "Bearer " + Jwt.preferredUserName("u-" + role).subject("u-" + role)
                .claim("realm_access", Map.of("roles", List.of(role))).claim("zmx_country", "KZ")
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE).sign();
        for (String path : new String[] {"/api/v1/vehicles/{vin}", "/api/v1/vehicles/{vin}/history"}) {
            given().header("Authorization", token).get(path, vin).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().header("Authorization", token).get("/api/v1/vehicles").then().statusCode(403);
    }

    @Test
    void everyReadNeedsARole() {
        String vin = ownedVehicle();
        String noRoles = "Bearer " + Jwt.preferredUserName("nobody").subject("nobody")
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE).sign();
        for (String path : new String[] {"/api/v1/vins/" + vin, "/api/v1/vehicles", "/api/v1/vehicles/" + vin,
                "/api/v1/vehicles/" + vin + "/history", "/api/v1/reference-prices", "/api/v1/reference-prices/current"}) {
            given().header("Authorization", noRoles).get(path).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void rolesComeFromRealmAccessOnlyAndTheAudienceMustBeZmxApi() {
        String vin = ownedVehicle();
        String clientRoles = "Bearer " + Jwt.preferredUserName("sneaky").subject("sneaky")
                .claim("resource_access", Map.of("registry-service", Map.of("roles", List.of("admin")),
                        "quarkus-service-app", Map.of("roles", List.of("admin"))))
                .groups(java.util.Set.of("admin"))
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE).sign();
        given().header("Authorization", clientRoles).get("/api/v1/vehicles/{vin}/history", vin).then().statusCode(403);
        given().header("Authorization", clientRoles).contentType(ContentType.JSON)
                .body(Map.of("date", "2026-04-01", "km", 10, "source", "SERVICE"))
                .post("/api/v1/vehicles/{vin}/odometer-readings", vin).then().statusCode(403);
        String otherAudience = "Bearer " + Jwt.preferredUserName("elsewhere").subject("elsewhere")
                .claim("realm_access", Map.of("roles", List.of("admin")))
                .issuer("https://server.example.com").audience("some-other-api").sign();
        given().header("Authorization", otherAudience).get("/api/v1/vehicles/{vin}/history", vin).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("root", "admin")).get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200).body("vehicle.vin", equalTo(vin));
    }
}
