package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VinResourceTest {

    @Test
    void decodesAChineseVin() {
        String vin = "LGXC" + "E4CB" + "0" + "R" + "0" + "123456";
        String valid = vin.substring(0, 8) + io.zmx.registry.domain.Vin.checkDigit(vin) + vin.substring(9);
        given().header("Authorization", Tokens.bearer("ana", "analyst"))
                .queryParam("productionDate", "2024-03-01")
                .get("/api/v1/vins/{vin}", valid)
                .then().statusCode(200)
                .body("manufacturer", equalTo("BYD Auto"))
                .body("country", equalTo("CN"))
                .body("modelYear", equalTo(2024));
    }

    @Test
    void explainsAWrongCheckDigit() {
        given().header("Authorization", Tokens.bearer("ana", "analyst"))
                .get("/api/v1/vins/1M8GDM9A1KP042788")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/invalid-vin"))
                .body("violations.field", hasItem("vin[9]"))
                .body("violations.message", hasItem(containsString("expected 'X'")));
    }

    @Test
    void refusesAnonymousCallers() {
        given().get("/api/v1/vins/1M8GDM9AXKP042788")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesForgedTokens() {
        given().header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
                .get("/api/v1/vins/1M8GDM9AXKP042788")
                .then().statusCode(401);
    }
}
