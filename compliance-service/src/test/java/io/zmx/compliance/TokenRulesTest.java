package io.zmx.compliance;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token rules every operation depends on: the audience must be zmx-api, roles come from realm_access.roles
 * only (neither groups nor resource_access.&lt;client&gt;.roles grant anything), and every read needs a role.
 */
@QuarkusTest
class TokenRulesTest {

    static final String[] READS = {"/api/v1/rule-sets", "/api/v1/rule-sets/CN", "/api/v1/rules?jurisdiction=CN",
            "/api/v1/evaluation-context"};

    @Test
    void aTokenWithoutRolesReadsNothing() {
        String noRoles = "Bearer " + Jwt.preferredUserName("nobody").subject("nobody")
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE).sign();
        for (String read : READS) {
            given().header("Authorization", noRoles).get(read).then().statusCode(403)
                    .contentType("application/problem+json");
            given().header("Authorization", Tokens.bearer("ana", "analyst")).get(read).then().statusCode(200);
        }
    }

    @Test
    void clientRolesAndGroupsGrantNothing() {
        String sneaky = "Bearer " + Jwt.preferredUserName("sneaky").subject("sneaky")
                .claim("resource_access", Map.of("compliance-service", Map.of("roles", List.of("admin")),
                        "quarkus-service-app", Map.of("roles", List.of("admin"))))
                .groups(java.util.Set.of("admin"))
                .issuer("https://server.example.com").audience(Tokens.AUDIENCE).sign();
        given().header("Authorization", sneaky).contentType("application/json").body(Filings.clean())
                .post("/api/v1/evaluations").then().statusCode(403);
        given().header("Authorization", sneaky).get("/api/v1/rule-sets").then().statusCode(403);
    }

    @Test
    void tokensForAnotherAudienceAreRefused() {
        String other = "Bearer " + Jwt.preferredUserName("root").subject("root")
                .claim("realm_access", Map.of("roles", List.of("admin")))
                .issuer("https://server.example.com").audience("some-other-api").sign();
        given().header("Authorization", other).get("/api/v1/rule-sets").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
