package io.zmx.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate limits, body limits, CORS and request ids (test profile: burst 5 at 2/s, JSON bodies up to 4 KiB). */
@QuarkusTest
class ProtectionTest {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @BeforeEach
    void stubs() {
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.resetAll();
            s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{}")));
        }
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhileOthersGoOn() {
        String greedy = Tokens.bearerFor("greedy-partner", "agency");
        int served = 0;
        Response refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            Response r = given().header("Authorization", greedy).get("/api/v1/filings");
            if (r.statusCode() == 200) {
                served++;
            } else {
                refused = r;
            }
        }
        assertTrue(served >= 5 && served < 20, "burst of 5 served, then refused; served " + served);
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("https://zmx.io/problems/rate-limited"));
        // another client is not affected
        given().header("Authorization", Tokens.bearerFor("calm-partner", "agency")).get("/api/v1/filings")
                .then().statusCode(200);
    }

    @Test
    void oversizedJsonBodyGets413ProblemAndNeverReachesTheService() {
        String big = "{\"note\":\"" + "x".repeat(5000) + "\"}";
        given().header("Authorization", Tokens.bearer("exporter")).contentType("application/json").body(big)
                .post("/api/v1/filings")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/payload-too-large"))
                // the test profile's zmx.http.max-json-body, the name every service reads too
                .body("detail", containsString("limit of 4096 bytes"));
        ServicesResource.export.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void oversizedUploadGets413() {
        byte[] tooBig = new byte[1_048_577];
        given().header("Authorization", Tokens.bearer("manufacturer")).contentType("text/csv").body(tooBig)
                .post("/api/v1/imports")
                .then().statusCode(413).contentType("application/problem+json");
        ServicesResource.registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void corsPreflightFromConfiguredOriginIsAllowed() {
        given().header("Origin", "https://console.zmx.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/filings")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://console.zmx.example")
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("POST"));
        ServicesResource.export.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void corsFromOtherOriginsIsNotAllowed() {
        Response r = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/filings");
        assertTrue(r.header("Access-Control-Allow-Origin") == null, "no CORS grant for a foreign origin");
    }

    @Test
    void everyResponseCarriesARequestIdThatServicesAndCallerShare() {
        String generated = given().header("Authorization", Tokens.bearer("agency")).get("/api/v1/filings")
                .then().statusCode(200).header("X-Request-Id", matchesPattern(UUID)).extract().header("X-Request-Id");
        ServicesResource.export.verify(getRequestedFor(urlPathEqualTo("/api/v1/filings"))
                .withHeader("X-Request-Id", matching(generated)));
        given().get("/openapi/zmx.yaml").then().header("X-Request-Id", matchesPattern(UUID));
        // a caller's own id is kept, a malformed one replaced
        given().header("X-Request-Id", "abc-123").get("/api/v1/filings").then().statusCode(401)
                .header("X-Request-Id", "abc-123");
        String replaced = given().header("X-Request-Id", "bad id\twith junk").get("/api/v1/filings")
                .then().extract().header("X-Request-Id");
        assertTrue(replaced.matches(UUID), replaced);
        assertEquals(1, ServicesResource.export.findAll(getRequestedFor(anyUrl())).size());
    }
}
