package io.zmx.export;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Real RS256 tokens signed with the key whose public half the WireMock OIDC issuer publishes
 * (quarkus-test-oidc-server), so the service's full OIDC filter chain verifies them.
 */
public final class Tokens {

    /** The audience every zmx service and the gateway require ({@code quarkus.oidc.token.audience}). */
    public static final String AUDIENCE = "zmx-api";

    private Tokens() {}

    public static JwtClaimsBuilder claims(String user, String... roles) {
        return Jwt.preferredUserName(user)
                .subject(user)
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of(roles)))
                .issuer("https://server.example.com")
                .audience(AUDIENCE);
    }

    public static String as(String user, String... roles) {
        return claims(user, roles).sign();
    }

    public static String bearer(String user, String... roles) {
        return "Bearer " + as(user, roles);
    }

    public static String exporter(String user, String creditCode) {
        return "Bearer " + claims(user, "exporter").claim("zmx_credit_code", creditCode).sign();
    }

    public static String agency(String user, String country) {
        return "Bearer " + claims(user, "agency").claim("zmx_country", country).sign();
    }
}
