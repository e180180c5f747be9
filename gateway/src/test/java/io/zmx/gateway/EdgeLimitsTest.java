package io.zmx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 point 6: the HTTP layer's own refusals (414, 431) had empty bodies. The gateway answers them as
 * problems, like every service (io.zmx.edge.EdgeRoutes).
 */
@QuarkusTest
class EdgeLimitsTest {

    @Test
    void longUrisAndHugeHeadersAreProblems() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        HttpResponse<String> uri = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/filings?q=" + "a".repeat(10_000)))
                .header("Authorization", Tokens.bearerFor("edge-partner", "agency")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(414, uri.statusCode());
        assertEquals("application/problem+json", uri.headers().firstValue("Content-Type").orElse(""));
        assertTrue(uri.body().contains("https://zmx.io/problems/uri-too-long"), uri.body());

        HttpResponse<String> headers = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/filings"))
                .header("Authorization", Tokens.bearerFor("edge-partner", "agency")).header("X-Padding", "a".repeat(30_000))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(431, headers.statusCode());
        assertEquals("application/problem+json", headers.headers().firstValue("Content-Type").orElse(""));
        assertTrue(headers.body().contains("https://zmx.io/problems/headers-too-large"), headers.body());
    }
}
