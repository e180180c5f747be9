package io.zmx.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway refuses callers before any service sees them: 401 without a valid token, 403 without a role. */
@QuarkusTest
class SecurityTest {

    @BeforeEach
    void stubs() {
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.resetAll();
            s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        }
    }

    @Test
    void anonymousCallerGets401Problem() {
        given().get("/api/v1/filings")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo("https://zmx.io/problems/unauthorized"));
        ServicesResource.export.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void forgedOrExpiredTokensGet401() {
        given().header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiZ3JvdXBzIjpbImFkbWluIl19.")
                .get("/api/v1/filings").then().statusCode(401).contentType("application/problem+json");
        String expired = "Bearer " + Tokens.claims("late-client", "admin").expiresAt(1_000_000L).sign();
        given().header("Authorization", expired).get("/api/v1/filings").then().statusCode(401);
        ServicesResource.export.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @CsvSource({
        "analyst, GET, /api/v1/filings",
        "analyst, GET, /api/v1/vehicles/LGXCE4CB0R0123456",
        "agency, POST, /api/v1/vehicles",
        "exporter, POST, /api/v1/rule-sets",
        "rule-author, POST, /api/v1/evaluations",
        "registrar, GET, /api/v1/reports/zero-mileage",
        "manufacturer, POST, /api/v1/filings",
        "customs, POST, /api/v1/rule-sets/CN/versions/2/publish",
        // export-service answers reports to analysts and admins only, so the gateway does too
        "customs, GET, /api/v1/reports/zero-mileage",
        "agency, GET, /api/v1/reports/zero-mileage",
        "exporter, GET, /api/v1/quotas",
        "agency, GET, /api/v1/vehicles/LGXCE4CB0R0123456/history",
        "rule-author, GET, /api/v1/reference-prices"})
    void wrongRoleGets403AndNoServiceIsCalled(String role, String method, String path) {
        given().header("Authorization", Tokens.bearer(role)).contentType("application/json").body("{}")
                .request(method, path)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/forbidden"))
                .body("instance", equalTo(path));
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.verify(0, anyRequestedFor(anyUrl()));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "analyst, GET, /api/v1/reports/zero-mileage",
        // export-service lets origin customs set quotas, so the gateway does too
        "customs, POST, /api/v1/quotas",
        "agency, GET, /api/v1/filings",
        "exporter, POST, /api/v1/filings",
        "export-service, POST, /api/v1/evaluations",
        "rule-author, POST, /api/v1/rule-sets",
        "registrar, POST, /api/v1/vehicles/LGXCE4CB0R0123456/registrations"})
    void rightRolePassesToTheService(String role, String method, String path) {
        given().header("Authorization", Tokens.bearer(role)).contentType("application/json").body("{}")
                .request(method, path)
                .then().statusCode(200);
    }

    @Test
    void aTokenWithoutRolesReachesNoOperation() {
        String noRoles = "Bearer " + io.smallrye.jwt.build.Jwt.preferredUserName("nobody").subject("nobody")
                .claim("azp", "nobody-" + java.util.UUID.randomUUID())
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE).sign();
        for (String path : new String[] {"/api/v1/vins/LGXCE4CB0R0123456", "/api/v1/rule-sets", "/api/v1/rules",
                "/api/v1/evaluation-context", "/api/v1/reference-prices", "/api/v1/vehicles/LGXCE4CB0R0123456/dossier"}) {
            given().header("Authorization", noRoles).get(path).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.verify(0, anyRequestedFor(anyUrl()));
        }
    }

    @Test
    void rolesComeOnlyFromRealmAccessRoles() {
        // an admin by resource_access.<client>.roles or groups only is no admin
        String sneaky = "Bearer " + io.smallrye.jwt.build.Jwt.preferredUserName("sneaky").subject("sneaky")
                .claim("azp", "sneaky-" + java.util.UUID.randomUUID())
                .claim("resource_access", java.util.Map.of("gateway", java.util.Map.of("roles", List.of("admin")),
                        "quarkus-service-app", java.util.Map.of("roles", List.of("admin")),
                        "export-service", java.util.Map.of("roles", List.of("admin"))))
                .groups(java.util.Set.of("admin"))
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE).sign();
        given().header("Authorization", sneaky).get("/api/v1/filings").then().statusCode(403);
        given().header("Authorization", sneaky).get("/api/v1/vehicles/LGXCE4CB0R0123456/dossier").then().statusCode(403);
        ServicesResource.export.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void tokensForAnotherAudienceGet401() {
        String other = "Bearer " + Tokens.claims("client-" + java.util.UUID.randomUUID(), "admin")
                .audience("some-other-api").sign();
        given().header("Authorization", other).get("/api/v1/filings").then().statusCode(401)
                .contentType("application/problem+json");
        ServicesResource.export.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void operationsNoContractNamesAreNotForwarded() {
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body("{}")
                .put("/api/v1/quotas/KZ").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("admin")).delete("/api/v1/filings/f-1")
                .then().statusCode(405).contentType("application/problem+json")
                .header("Allow", org.hamcrest.Matchers.containsString("GET"));
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.verify(0, anyRequestedFor(anyUrl()));
        }
    }
}
