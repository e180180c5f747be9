package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static io.zmx.compliance.Filings.map;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a vehicle unknown to the registry used to be judged on empty defaults ("" is not RHD, [] has no
 * SALVAGE): now rules that need vehicle data say so (HOLD) and the rest still run.
 */
@QuarkusTest
class VehicleUnknownTest {

    @Test
    void rulesNeedingTheVehicleAreHeldTheOthersRun() {
        Map<String, Object> body = Filings.v2("JO", "2026-12-15", map(
                "vehicle", map("vin", "LGXCE4CB0R0123456", "known", false),
                "filing.exporterNegativeListMeasure", "HOLD", "filing.hsCode", null));
        given().header("Authorization", Tokens.bearer("export-service", "export-service"))
                .contentType(ContentType.JSON).body(body).post("/api/v1/evaluations")
                .then().statusCode(201)
                .body("lane", equalTo("YELLOW"))
                .body("hits.ruleCode", hasItems("JO-RHD", "JO-SALVAGE", "CN-USED-NOT-REGISTERED", "CN-EXPORTER-HELD", "JO-HS-CODE-MISSING"))
                .body("hits.find { it.ruleCode == 'JO-RHD' }.message", containsString("vehicle unknown to the registry"))
                .body("hits.find { it.ruleCode == 'JO-RHD' }.severity", equalTo("HOLD"))
                .body("hits.find { it.ruleCode == 'CN-EXPORTER-HELD' }.message", containsString("negative list"))
                .body("hits.severity", hasItem("HOLD"));
    }
}
