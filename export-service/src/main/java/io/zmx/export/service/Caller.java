package io.zmx.export.service;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, with the tenant claims that scope what they may see: an exporter's
 * {@code zmx_credit_code}, an agency's {@code zmx_country}.
 */
public record Caller(String subject, Set<String> roles, String creditCode, String country) {

    public static final Caller SCREENER = new Caller("export-service/screener", Set.of("system"), null, null);

    public static Caller of(SecurityIdentity identity) {
        String creditCode = null;
        String country = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            creditCode = claim(jwt, "zmx_credit_code");
            country = claim(jwt, "zmx_country");
        }
        String subject = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        return new Caller(subject, identity.getRoles(), creditCode, country == null ? null : country.toUpperCase());
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        return v == null ? null : v.toString().replace("\"", "").trim();
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    /** The role under which an action is recorded in the audit trail. */
    public String actingRole(String... preferred) {
        for (String r : preferred) {
            if (roles.contains(r)) return r;
        }
        return roles.isEmpty() ? null : roles.iterator().next();
    }
}
