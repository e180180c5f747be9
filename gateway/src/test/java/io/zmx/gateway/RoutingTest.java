package io.zmx.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.zmx.gateway.client.Backend;
import io.zmx.gateway.client.Backends;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Requests reach the service that owns their path, with the caller's token, ids and body intact. */
@QuarkusTest
class RoutingTest {

    @Inject
    Backends backends;

    @BeforeEach
    void reset() {
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.resetAll();
        }
        for (Backend b : Backend.values()) {
            backends.closeCircuit(b);
        }
    }

    static WireMockServer server(String name) {
        return switch (name) {
            case "registry" -> ServicesResource.registry;
            case "compliance" -> ServicesResource.compliance;
            default -> ServicesResource.export;
        };
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/vins/LGXCE4CB0R0123456, registry",
        "/api/v1/vehicles/LGXCE4CB0R0123456/history, registry",
        "/api/v1/reference-prices?make=BYD, registry",
        "/api/v1/imports/42, registry",
        "/api/v1/rule-sets, compliance",
        "/api/v1/rules?jurisdiction=CN, compliance",
        "/api/v1/evaluations/7, compliance",
        "/api/v1/filings?vin=LGXCE4CB0R0123456, export",
        "/api/v1/quotas, export",
        "/api/v1/reports/zero-mileage?groupBy=destination, export"})
    void routesEachPathToItsOwner(String path, String owner) {
        for (String name : List.of("registry", "compliance", "export")) {
            server(name).stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"from\":\"" + name + "\"}")));
        }
        String token = Tokens.bearer("admin");
        given().header("Authorization", token).get(path)
                .then().statusCode(200).body("from", Matchers.equalTo(owner));
        server(owner).verify(getRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo(token)));
    }

    @Test
    void forwardsTokenRequestIdAndTraceContext() {
        ServicesResource.registry.stubFor(get(urlPathEqualTo("/api/v1/vehicles/LGXCE4CB0R0123456"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("ETag", "\"3\"").withGzipDisabled(true).withBody("{\"vin\":\"LGXCE4CB0R0123456\",\"version\":3}")));
        String token = Tokens.bearer("customs");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("Authorization", token)
                .header("X-Request-Id", "partner-req-1")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/api/v1/vehicles/LGXCE4CB0R0123456")
                .then().statusCode(200)
                .header("X-Request-Id", "partner-req-1")
                .header("ETag", "\"3\"")
                .body("version", Matchers.equalTo(3));
        ServicesResource.registry.verify(getRequestedFor(urlPathEqualTo("/api/v1/vehicles/LGXCE4CB0R0123456"))
                .withHeader("Authorization", equalTo(token))
                .withHeader("X-Request-Id", equalTo("partner-req-1"))
                .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-0[01]")));
    }

    @Test
    void passesServiceProblemsThroughUnchanged() {
        ServicesResource.export.stubFor(post(urlPathEqualTo("/api/v1/filings")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://zmx.io/problems/duplicate-filing\",\"status\":409}")));
        given().header("Authorization", Tokens.bearer("exporter")).contentType("application/json")
                .body("{\"vin\":\"LGXCE4CB0R0123456\"}")
                .post("/api/v1/filings")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", Matchers.equalTo("https://zmx.io/problems/duplicate-filing"));
    }

    @Test
    void locationHeadersNameTheGatewayNeverTheServiceBehindIt() {
        String internal = ServicesResource.export.baseUrl() + "/api/v1/filings/f-1";
        ServicesResource.export.stubFor(post(urlPathEqualTo("/api/v1/filings")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("Location", internal)
                .withBody("{\"id\":\"f-1\"}")));
        String token = Tokens.bearer("exporter");
        given().header("Authorization", token).contentType("application/json").body("{\"vin\":\"LGXCE4CB0R0123456\"}")
                .post("/api/v1/filings")
                .then().statusCode(201)
                .header("Location", "http://localhost:" + io.restassured.RestAssured.port + "/api/v1/filings/f-1");
        // behind the Ingress: the public scheme and host the caller used
        given().header("Authorization", token).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "api.zmx.example")
                .contentType("application/json").body("{\"vin\":\"LGXCE4CB0R0123456\"}")
                .post("/api/v1/filings")
                .then().statusCode(201).header("Location", "https://api.zmx.example/api/v1/filings/f-1");
    }

    @Test
    void streamsBulkUploadsThroughWhole() {
        ServicesResource.registry.stubFor(post(urlPathEqualTo("/api/v1/imports"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"accepted\":true}")));
        byte[] csv = new byte[600_000]; // far above the JSON limit, within the upload limit
        new Random(7).nextBytes(csv);
        given().header("Authorization", Tokens.bearer("manufacturer"))
                .contentType("text/csv")
                .body(new ByteArrayInputStream(csv)) // an InputStream is sent chunked: no Content-Length
                .post("/api/v1/imports")
                .then().statusCode(202).body("accepted", Matchers.equalTo(true));
        List<LoggedRequest> received = ServicesResource.registry.findAll(postRequestedFor(urlPathEqualTo("/api/v1/imports")));
        assertEquals(1, received.size());
        assertArrayEquals(csv, received.get(0).getBody());
    }

    @Test
    void unknownApiPathIsAProblem() {
        given().header("Authorization", Tokens.bearer("admin"))
                .get("/api/v1/nothing-here")
                .then().statusCode(404);
    }
}
