package io.zmx.export;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.Set;

/**
 * Real RS256 tokens signed with the key whose public half the WireMock OIDC issuer publishes
 * (quarkus-test-oidc-server), so the service's full OIDC filter chain verifies them.
 */
public final class Tokens {

    private Tokens() {}

    public static JwtClaimsBuilder claims(String user, String... roles) {
        return Jwt.preferredUserName(user)
                .subject(user)
                .groups(Set.of(roles))
                .issuer("https://server.example.com")
                .audience("https://service.example.com");
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
