package io.zmx.gateway;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.UUID;

/**
 * Real RS256 tokens signed with the key whose public half the WireMock OIDC issuer publishes
 * (quarkus-test-oidc-server), so the gateway's full OIDC filter chain verifies them. Each token names a
 * fresh OAuth client ({@code azp}) unless told otherwise, so rate limits of one test never touch another.
 */
public final class Tokens {

    /** The audience every zmx service and the gateway require ({@code quarkus.oidc.token.audience}). */
    public static final String AUDIENCE = "zmx-api";

    private Tokens() {}

    public static JwtClaimsBuilder claims(String client, String... roles) {
        return Jwt.preferredUserName(client)
                .subject(client)
                .claim("azp", client)
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of(roles)))
                .issuer("https://server.example.com")
                .audience(AUDIENCE);
    }

    /** A token of its own client with these roles. */
    public static String bearer(String... roles) {
        return "Bearer " + claims("client-" + UUID.randomUUID(), roles).sign();
    }

    public static String bearerFor(String client, String... roles) {
        return "Bearer " + claims(client, roles).sign();
    }
}
