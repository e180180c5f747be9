package io.zmx.compliance;

import io.smallrye.jwt.build.Jwt;

/**
 * Real RS256 tokens signed with the key whose public half the WireMock OIDC issuer publishes
 * (quarkus-test-oidc-server), so the service's full OIDC filter chain verifies them.
 */
public final class Tokens {

    /** The audience every zmx service and the gateway require ({@code quarkus.oidc.token.audience}). */
    public static final String AUDIENCE = "zmx-api";

    private Tokens() {}

    public static String as(String user, String... roles) {
        return Jwt.preferredUserName(user)
                .subject(user)
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of(roles)))
                .issuer("https://server.example.com")
                .audience(AUDIENCE)
                .sign();
    }

    /** A destination agency's token: role agency and its country in the zmx_country claim. */
    public static String agency(String user, String country) {
        return "Bearer " + Jwt.preferredUserName(user)
                .subject(user)
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of("agency")))
                .claim("zmx_country", country)
                .issuer("https://server.example.com")
                .audience(AUDIENCE)
                .sign();
    }

    public static String bearer(String user, String... roles) {
        return "Bearer " + as(user, roles);
    }
}
