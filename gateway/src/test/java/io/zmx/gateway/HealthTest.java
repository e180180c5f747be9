package io.zmx.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Health and metrics live on the management interface, never on the public port, and name no raw path. */
@QuarkusTest
class HealthTest {

    static int management() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    @Test
    void isLiveOnTheManagementInterface() {
        given().port(management()).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().port(management()).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void thePublicPortServesNeitherMetricsNorHealth() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(404);
    }

    @Test
    void metricsTagRequestsWithTheOperationsTemplateNotTheRawPath() {
        ServicesResource.registry.stubFor(get(urlPathMatching("/api/v1/vehicles/.*/history"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
        given().header("Authorization", Tokens.bearer("customs")).get("/api/v1/vehicles/LSGZS8C05RA901234/history")
                .then().statusCode(200);
        given().get("/api/v1/filings/ZMX-2026-777777").then().statusCode(401); // refused before any service
        String metrics = given().port(management()).get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("uri=\"/api/v1/vehicles/{vin}/history\""), metrics);
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("uri=\"/api/v1/filings/{ref}\""), metrics);
        given().port(management()).get("/q/metrics").then()
                .body(not(containsString("LSGZS8C05RA901234"))).body(not(containsString("ZMX-2026-777777")));
    }
}
