package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may do what, and how bad requests are answered: always problem+json, never a 5xx or a stack trace. */
@QuarkusTest
class SecurityAndProblemsTest {

    static final String MAKER = VehicleApiTest.MAKER;

    @Test
    void readsNeedAToken() {
        given().get("/api/v1/vehicles").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://zmx.io/problems/unauthorized"));
        given().get("/api/v1/vehicles/{vin}/history", TestVins.freshByd()).then().statusCode(401);
        given().get("/api/v1/reference-prices").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/vehicles").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void writesNeedTheirRole() {
        var body = VehicleApiTest.vehicle(TestVins.freshByd(), "BYD", "Seal", "BEV", "2024-01-01");
        for (String role : new String[] {"analyst", "registrar", "exporter", "agency"}) {
            given().header("Authorization", Tokens.bearer("u", role)).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/vehicles").then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://zmx.io/problems/forbidden"));
        }
        given().contentType(ContentType.JSON).body(body).post("/api/v1/vehicles").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("root", "admin")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(201);
        given().header("Authorization", Tokens.bearer("u", "registrar")).contentType(ContentType.JSON)
                .body(Map.of("make", "BYD", "model", "X", "modelYear", 2024,
                        "price", Map.of("amount", 100, "currency", "CNY"), "validFrom", "2024-01-01"))
                .post("/api/v1/reference-prices").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsAProblem() {
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body("{\"vin\": \"LGX")
                .post("/api/v1/vehicles").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/malformed-json"))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownFieldsAreAProblem() {
        var body = VehicleApiTest.vehicle(TestVins.freshByd(), "BYD", "Seal", "BEV", "2024-01-01");
        body.put("colour", "blue");
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/unknown-field"))
                .body("violations.field", hasItem("colour"));
    }

    @Test
    void wrongTypesAreAProblem() {
        var body = VehicleApiTest.vehicle(TestVins.freshByd(), "BYD", "Seal", "BEV", "2024-01-01");
        body.put("engineCc", "large");
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/wrong-type"))
                .body("violations.field", hasItem("engineCc"));
        body.put("engineCc", 1498);
        body.put("fuelType", "STEAM");
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(400)
                .body("type", equalTo("https://zmx.io/problems/wrong-type"))
                .body("violations.field", hasItem("fuelType"));
        body.put("fuelType", "BEV");
        body.put("productionDate", "01/02/2024");
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(400)
                .body("violations.field", hasItem("productionDate"));
    }

    @Test
    void missingFieldsAreFieldViolations() {
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(Map.of("vin", TestVins.freshByd()))
                .post("/api/v1/vehicles").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/validation"))
                .body("violations.field", hasItem("make"))
                .body("violations.field", hasItem("fuelType"));
        given().header("Authorization", MAKER).contentType(ContentType.JSON)
                .post("/api/v1/vehicles").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void oversizedBodiesAreAProblem() {
        String huge = "{\"vin\":\"" + "A".repeat(2_000_000) + "\"}";
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(huge)
                .post("/api/v1/vehicles").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/payload-too-large"));
    }
}
