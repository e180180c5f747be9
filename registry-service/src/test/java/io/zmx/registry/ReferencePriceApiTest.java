package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReferencePriceApiTest {

    static final String MAKER = VehicleApiTest.MAKER;

    static Map<String, Object> price(String model, String amount, String validFrom) {
        return Map.of("make", "BYD", "model", model, "modelYear", 2024,
                "price", Map.of("amount", new java.math.BigDecimal(amount), "currency", "USD"), "validFrom", validFrom);
    }

    @Test
    void publishListAndLookUpTheCurrentPrice() {
        String model = "Song " + UUID.randomUUID().toString().substring(0, 6);
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(price(model, "18500.00", "2024-01-01"))
                .post("/api/v1/reference-prices").then().statusCode(201)
                .body("price.amount", equalTo(18500.00f)).body("price.currency", equalTo("USD"));
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(price(model, "18500", "2024-01-01"))
                .post("/api/v1/reference-prices").then().statusCode(200);
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(price(model, "17000", "2024-01-01"))
                .post("/api/v1/reference-prices").then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(price(model, "16900.50", "2025-01-01"))
                .post("/api/v1/reference-prices").then().statusCode(201);
        given().header("Authorization", Tokens.bearer("x", "exporter")).queryParam("make", "byd").queryParam("model", model)
                .get("/api/v1/reference-prices").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].validFrom", equalTo("2024-01-01"));
        given().header("Authorization", Tokens.bearer("x", "exporter")).queryParam("make", "BYD").queryParam("model", model)
                .queryParam("modelYear", 2024).queryParam("asOf", "2024-06-30")
                .get("/api/v1/reference-prices/current").then().statusCode(200).body("price.amount", equalTo(18500.00f));
        given().header("Authorization", Tokens.bearer("x", "exporter")).queryParam("make", "BYD").queryParam("model", model)
                .queryParam("modelYear", 2024).queryParam("asOf", "2023-06-30")
                .get("/api/v1/reference-prices/current").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidPricesAreFieldViolations() {
        given().header("Authorization", MAKER).contentType(ContentType.JSON)
                .body(Map.of("make", "BYD", "model", "Han", "modelYear", 2024,
                        "price", Map.of("amount", -5, "currency", "dollars"), "validFrom", "2024-01-01"))
                .post("/api/v1/reference-prices").then().statusCode(400)
                .body("violations.field", hasItem("price.amount"))
                .body("violations.field", hasItem("price.currency"));
    }
}
