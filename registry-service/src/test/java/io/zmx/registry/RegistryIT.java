package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the runnable jar in {@code verify}; the native executable in the native workflow) against a
 * real PostgreSQL and real signed tokens: what runs in production is checked, not only the test-mode build.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ManagementPortResource.class, restrictToAnnotatedClass = true)
class RegistryIT {

    private static final String ADMIN = Tokens.bearer("it-admin", "admin");

    @Test
    void readyWithItsDatabase() {
        given().port(ManagementPortResource.port).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void writeThenReadAVehicle() {
        String vin = TestVins.freshByd();
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("""
                        {"vin":"%s","make":"BYD","model":"Seal","fuelType":"BEV","driveSide":"LHD",
                         "productionDate":"2024-01-01"}""".formatted(vin))
                .post("/api/v1/vehicles").then().statusCode(201).header("ETag", "\"0\"");
        given().header("Authorization", ADMIN).get("/api/v1/vehicles/{vin}", vin).then().statusCode(200)
                .body("vin", equalTo(vin)).body("status", equalTo("ACTIVE"));
    }

    @Test
    void unknownVehicleIsAProblem() {
        given().header("Authorization", ADMIN).get("/api/v1/vehicles/{vin}", TestVins.freshByd()).then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void noTokenIsAProblem() {
        given().get("/api/v1/vehicles").then().statusCode(401).contentType("application/problem+json");
    }
}
