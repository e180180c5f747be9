package io.zmx.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.zmx.gateway.client.Backend;
import io.zmx.gateway.client.Backends;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A slow or broken service costs the caller a problem answer, never a hang or a bare 502 (test timeout 1 s). */
@QuarkusTest
class ResilienceTest {

    @Inject
    Backends backends;

    @BeforeEach
    @AfterEach
    void reset() {
        ServicesResource.compliance.resetAll();
        backends.closeCircuit(Backend.COMPLIANCE);
    }

    @Test
    void aSlowServiceGets504Problem() {
        ServicesResource.compliance.stubFor(get(urlPathEqualTo("/api/v1/rule-sets"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2500).withBody("[]")));
        given().header("Authorization", Tokens.bearer("rule-author"))
                .get("/api/v1/rule-sets")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/upstream-timeout"))
                .body("detail", containsString("compliance-service"));
    }

    @Test
    void aBrokenServiceGets503AndRepeatedFailuresOpenTheCircuit() {
        ServicesResource.compliance.stubFor(get(urlPathEqualTo("/api/v1/rule-sets"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Tokens.bearer("rule-author")).get("/api/v1/rule-sets")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("https://zmx.io/problems/service-unavailable"));
        }
        // the circuit is open now: the service is not even asked
        ServicesResource.compliance.resetRequests();
        given().header("Authorization", Tokens.bearer("rule-author")).get("/api/v1/rule-sets")
                .then().statusCode(503).header("Retry-After", "5")
                .body("detail", containsString("circuit open"));
        ServicesResource.compliance.verify(0, anyRequestedFor(anyUrl()));
        // other services keep their own circuits
        ServicesResource.registry.resetAll();
        ServicesResource.registry.stubFor(get(urlPathEqualTo("/api/v1/vins/LGXCE4CB0R0123456"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/vins/LGXCE4CB0R0123456")
                .then().statusCode(200);
    }

    @Test
    void callsTheCallerAbandonsDoNotCountAgainstTheService() throws Exception {
        ServicesResource.compliance.stubFor(get(urlPathEqualTo("/api/v1/rules"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(700).withBody("[]")));
        String token = Tokens.bearer("rule-author");
        for (int i = 0; i < 4; i++) { // more than the 3 failures that would open the circuit
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
                socket.getOutputStream().write(("GET /api/v1/rules HTTP/1.1\r\nHost: gateway\r\nAuthorization: "
                        + token + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(200); // the request is with compliance-service now; the caller hangs up
            }
        }
        Thread.sleep(900);
        org.junit.jupiter.api.Assertions.assertEquals(0, backends.breaker(Backend.COMPLIANCE).failureCount());
        given().header("Authorization", token).get("/api/v1/rules").then().statusCode(200);
    }

    @Test
    void answersACallerCanProvokeNeverOpenTheCircuitForOthers() {
        // one caller sends requests the service answers 500 (a payload that trips a bug) or 4xx (bad input)
        ServicesResource.compliance.stubFor(get(urlPathEqualTo("/api/v1/rules"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://zmx.io/problems/internal\",\"status\":500}")));
        ServicesResource.compliance.stubFor(get(urlPathEqualTo("/api/v1/rule-sets/XX"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://zmx.io/problems/invalid\",\"status\":400}")));
        ServicesResource.compliance.stubFor(get(urlPathEqualTo("/api/v1/rule-sets"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        String attacker = Tokens.bearerFor("attacker-" + java.util.UUID.randomUUID(), "rule-author");
        for (int i = 0; i < 2; i++) { // 4 answers, more than the 3 failures that would open the circuit
            given().header("Authorization", attacker).get("/api/v1/rules")
                    .then().statusCode(500).body("type", equalTo("https://zmx.io/problems/internal"));
            given().header("Authorization", attacker).get("/api/v1/rule-sets/XX").then().statusCode(400);
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, backends.breaker(Backend.COMPLIANCE).failureCount());
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/rule-sets").then().statusCode(200);
    }

    @Test
    void badGatewayAndUnavailableFromTheServiceCountTowardsItsCircuit() {
        ServicesResource.compliance.stubFor(get(urlPathEqualTo("/api/v1/rules"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                        .withHeader("Retry-After", "3")
                        .withBody("{\"type\":\"https://zmx.io/problems/service-unavailable\",\"status\":503}")));
        given().header("Authorization", Tokens.bearer("rule-author")).get("/api/v1/rules")
                .then().statusCode(503).body("type", equalTo("https://zmx.io/problems/service-unavailable"));
        org.junit.jupiter.api.Assertions.assertEquals(1, backends.breaker(Backend.COMPLIANCE).failureCount());
    }
}
