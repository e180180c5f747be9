package io.zmx.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The built gateway against a real Keycloak with the committed realm: tokens obtained by client
 * credentials are accepted, their realm roles and tenant claims mean what the realm says, and a token
 * without the route's role is refused. Services behind the gateway are WireMock stand-ins.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
@EnabledIf(value = "io.zmx.gateway.KeycloakResource#jdkAvailable",
        disabledReason = "Keycloak 26 needs JDK 21+: none found (set ZMX_KEYCLOAK_JAVA_HOME)")
class KeycloakIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void services() {
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.resetAll();
            s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"items\":[],\"total\":0}")));
        }
    }

    static String token(String client) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(client, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(KeycloakResource.SECRETS.get(client), StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(KeycloakResource.issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), client + ": " + r.body());
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void agencyTokenCarriesRoleAndCountryAndIsForwardedAsIs() throws Exception {
        String kz = token("agency-kz");
        JsonNode claims = claims(kz);
        assertEquals("KZ", claims.get("zmx_country").asText());
        assertEquals("agency-kz", claims.get("azp").asText());
        given().header("Authorization", "Bearer " + kz).get("/api/v1/filings?destination=KZ")
                .then().statusCode(200);
        ServicesResource.export.verify(getRequestedFor(urlPathEqualTo("/api/v1/filings"))
                .withHeader("Authorization", equalTo("Bearer " + kz)));
        assertEquals("UZ", claims(token("agency-uz")).get("zmx_country").asText());
    }

    @Test
    void exporterTokenCarriesItsCreditCode() throws Exception {
        String exporter = token("exporter-chengdu");
        assertEquals("91510100MA6CGT1B4T", claims(exporter).get("zmx_credit_code").asText());
        given().header("Authorization", "Bearer " + exporter).contentType("application/json").body("{}")
                .post("/api/v1/filings").then().statusCode(200);
        ServicesResource.export.verify(postRequestedFor(urlPathEqualTo("/api/v1/filings")));
    }

    @Test
    void realmRolesDecideWhatEachClientMayCall() throws Exception {
        given().header("Authorization", "Bearer " + token("export-service")).contentType("application/json").body("{}")
                .post("/api/v1/evaluations").then().statusCode(200);
        given().header("Authorization", "Bearer " + token("analyst")).get("/api/v1/reports/zero-mileage")
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + token("rule-author")).contentType("application/json").body("{}")
                .post("/api/v1/rule-sets").then().statusCode(200);
        given().header("Authorization", "Bearer " + token("registrar-cn-sc")).contentType("application/json").body("{}")
                .post("/api/v1/vehicles/LGXCE4CB0R0123456/odometer-readings").then().statusCode(200);
        given().header("Authorization", "Bearer " + token("manufacturer-byd")).get("/api/v1/vehicles/LGXCE4CB0R0123456")
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + token("customs-cn")).get("/api/v1/filings").then().statusCode(200);
        given().header("Authorization", "Bearer " + token("zmx-admin")).get("/api/v1/quotas").then().statusCode(200);
    }

    @Test
    void wrongRoleIsRefusedWith403BeforeAnyService() throws Exception {
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.resetRequests();
        }
        given().header("Authorization", "Bearer " + token("agency-kz")).contentType("application/json").body("{}")
                .post("/api/v1/rule-sets")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + token("analyst")).get("/api/v1/filings")
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + token("exporter-chengdu")).contentType("application/json").body("{}")
                .post("/api/v1/evaluations").then().statusCode(403);
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.verify(0, anyRequestedFor(anyUrl()));
        }
    }

    @Test
    void dossierAcceptsKeycloakTokensToo() throws Exception {
        given().header("Authorization", "Bearer " + token("customs-cn"))
                .get("/api/v1/vehicles/LGXCE4CB0R0123456/dossier")
                .then().statusCode(200).body("unavailable", org.hamcrest.Matchers.empty());
        given().header("Authorization", "Bearer " + token("analyst"))
                .get("/api/v1/vehicles/LGXCE4CB0R0123456/dossier").then().statusCode(403);
    }

    @Test
    void tokensOfOtherIssuersAreRefused() {
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/filings")
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/filings").then().statusCode(401);
        assertTrue(KeycloakResource.issuer.startsWith("http://127.0.0.1:"));
    }

    @Test
    void webClientUsesPkce() throws Exception {
        // zmx-web is public: an authorization request without a PKCE challenge is refused by Keycloak
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        KeycloakResource.issuer + "/protocol/openid-connect/auth?client_id=zmx-web&response_type=code"
                                + "&scope=openid&redirect_uri=" + URLEncoder.encode("http://localhost:3000/cb", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 302 || r.statusCode() == 400, "status " + r.statusCode());
        String where = r.headers().firstValue("Location").orElse("") + r.body();
        assertTrue(where.contains("code_challenge") || where.contains("PKCE") || where.contains("pkce"),
                "Keycloak should demand a PKCE code challenge: " + where.substring(0, Math.min(400, where.length())));
    }

    @Test
    void consoleClientDemandsPkceAndOnlyItsOwnRedirects() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = KeycloakResource.issuer + "/protocol/openid-connect/auth?client_id=zmx-console&response_type=code&scope=openid";
        String console = URLEncoder.encode("http://127.0.0.1:8080/console/", StandardCharsets.UTF_8);
        // without a challenge: refused
        HttpResponse<String> bare = http.send(HttpRequest.newBuilder(URI.create(auth + "&redirect_uri=" + console)).build(),
                HttpResponse.BodyHandlers.ofString());
        String where = bare.headers().firstValue("Location").orElse("") + bare.body();
        assertTrue(where.contains("code_challenge") || where.contains("PKCE") || where.contains("pkce"), where.substring(0, Math.min(400, where.length())));
        // with a S256 challenge to the console's own address: Keycloak's login page
        String pkce = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s&nonce=n";
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(auth + pkce + "&redirect_uri=" + console)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body().substring(0, Math.min(400, login.body().length())));
        // anywhere else: refused, never redirected
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(auth + pkce + "&redirect_uri="
                + URLEncoder.encode("https://evil.example/console/", StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, foreign.statusCode());
    }
}
