package io.zmx.compliance;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/**
 * Real RS256 tokens signed with the key whose public half the WireMock OIDC issuer publishes
 * (quarkus-test-oidc-server), so the service's full OIDC filter chain verifies them.
 */
public final class Tokens {

    private Tokens() {}

    public static String as(String user, String... roles) {
        return Jwt.preferredUserName(user)
                .subject(user)
                .groups(Set.of(roles))
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .sign();
    }

    /** A destination agency's token: role agency and its country in the zmx_country claim. */
    public static String agency(String user, String country) {
        return "Bearer " + Jwt.preferredUserName(user)
                .subject(user)
                .groups(Set.of("agency"))
                .claim("zmx_country", country)
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .sign();
    }

    public static String bearer(String user, String... roles) {
        return "Bearer " + as(user, roles);
    }
}
