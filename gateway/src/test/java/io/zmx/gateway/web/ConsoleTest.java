package io.zmx.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The web console as a browser meets it: served by the gateway, strict policy headers, compressed, no CORS opening. */
@QuarkusTest
class ConsoleTest {

    static final RestAssuredConfig RAW = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Test
    void consoleIsServedUnderAStrictContentSecurityPolicy() {
        String policy = given().get("/console/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .body(containsString("<script type=\"module\" src=\"js/main.js\"></script>"))
                .extract().header("Content-Security-Policy");
        assertTrue(policy.contains("default-src 'none'"), policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(policy.contains("style-src 'self';"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe"), "no inline or eval'd code: " + policy);
        // the browser talks to the gateway and to the issuer (discovery, token, refresh), nothing else
        String issuer = ConfigProvider.getConfig().getValue("zmx.gateway.console.issuer", String.class);
        assertTrue(policy.contains("connect-src 'self' " + ConsoleRoutes.origin(issuer) + ";"), policy);
        // every file of the console carries the policy, not only the page
        given().get("/console/js/main.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Security-Policy", equalTo(policy));
    }

    @Test
    void bareConsolePathRedirectsToTheDirectory() {
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", "/console/");
    }

    @Test
    void configNamesTheIssuerAndThePublicClient() {
        String issuer = ConfigProvider.getConfig().getValue("zmx.gateway.console.issuer", String.class);
        given().get("/console/config.json").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("clientId", equalTo("zmx-console"))
                .body("issuer", equalTo(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer));
    }

    @Test
    void staticFilesLeaveCompressedWhenTheBrowserAsks() {
        Response gz = given().config(RAW).header("Accept-Encoding", "gzip").get("/console/js/pages/filing.js");
        assertEquals(200, gz.statusCode());
        assertEquals("gzip", gz.header("Content-Encoding"));
        Response plain = given().config(RAW).header("Accept-Encoding", "identity").get("/console/js/pages/filing.js");
        assertTrue(gz.asByteArray().length * 2 < plain.asByteArray().length,
                gz.asByteArray().length + " compressed vs " + plain.asByteArray().length);
        given().config(RAW).header("Accept-Encoding", "gzip").get("/console/i18n/ru.json").then().statusCode(200)
                .header("Content-Encoding", "gzip");
    }

    @Test
    void unchangedFilesAreRevalidatedNotResent() {
        String etag = given().get("/console/app.css").then().statusCode(200).header("Vary", containsString("Accept-Encoding"))
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/console/app.css").then().statusCode(304);
        given().get("/console/no-such-file.js").then().statusCode(404);
        given().get("/console/../openapi/openapi.yaml").then().statusCode(not(equalTo(200)));
    }

    @Test
    void consoleOpensNoCorsToUnconfiguredOrigins() {
        given().header("Origin", "https://evil.example").get("/console/config.json").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/filings").then()
                .header("Access-Control-Allow-Origin", not(equalTo("https://evil.example")));
    }
}
