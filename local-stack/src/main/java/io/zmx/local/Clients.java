package io.zmx.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OAuth2 clients of the local issuer: one per role (and per tenant where the role is scoped),
 * each with the claims a client of the committed Keycloak realm puts in its tokens.
 */
public final class Clients {

    /** Unified social credit codes of the demo exporters (valid GB 32100-2015 check characters). */
    public static final String EXPORTER_CHENGDU = CreditCodes.make("91510100", "MA6CQ5B1");
    public static final String EXPORTER_GUANGZHOU = CreditCodes.make("91440101", "MA5D7K2N");

    public record Client(String id, List<String> roles, Map<String, String> claims, String purpose) {}

    public static final List<Client> ALL = List.of(
            new Client("admin", List.of("admin"), Map.of(), "everything, including publishing rule sets"),
            new Client("exporter-chengdu", List.of("exporter"), Map.of("zmx_credit_code", EXPORTER_CHENGDU),
                    "an exporter in Chengdu (Sichuan): files and tracks its own exports"),
            new Client("exporter-guangzhou", List.of("exporter"), Map.of("zmx_credit_code", EXPORTER_GUANGZHOU),
                    "a second exporter: exporters never see each other's filings"),
            new Client("manufacturer-byd", List.of("manufacturer"), Map.of(),
                    "a manufacturer: vehicles, reference prices, bulk uploads"),
            new Client("registrar-sichuan", List.of("registrar"), Map.of(),
                    "a vehicle registry: registrations, odometer readings, title brands"),
            new Client("customs-chengdu", List.of("customs"), Map.of(),
                    "origin customs: release or reject held filings, ship cleared ones"),
            new Client("agency-kz", List.of("agency"), Map.of("zmx_country", "KZ"),
                    "Kazakhstan's customs agency: only filings bound for KZ"),
            new Client("agency-uz", List.of("agency"), Map.of("zmx_country", "UZ"),
                    "Uzbekistan's customs agency: only filings bound for UZ"),
            new Client("agency-ru", List.of("agency"), Map.of("zmx_country", "RU"),
                    "Russia's customs agency: only filings bound for RU"),
            new Client("analyst", List.of("analyst"), Map.of(), "aggregates and reports only"),
            new Client("rule-author", List.of("rule-author"), Map.of(), "drafts and backtests rule sets"),
            new Client("export-service", List.of("export-service"), Map.of(),
                    "export-service's own service account (calls registry and compliance)"));

    private Clients() {}

    public static Client byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no local client " + id));
    }

    /** Claims in a token of this client, as the local issuer's request mappings declare them. */
    static Map<String, Object> claims(Client c) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", c.id());
        claims.put("azp", c.id());
        claims.put("client_id", c.id());
        claims.put("preferred_username", c.id());
        claims.put("groups", c.roles());
        claims.put("realm_access", Map.of("roles", c.roles()));
        claims.putAll(c.claims());
        return claims;
    }
}
