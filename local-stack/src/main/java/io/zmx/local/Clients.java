package io.zmx.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OAuth2 clients of the local issuer, read from the committed Keycloak realm
 * ({@code k8s/base/keycloak/zmx-realm.json}, packaged as {@code zmx-realm.json}): every client with a service
 * account, its realm roles and its hard-coded tenant claims. So a client id, role or credit code that works
 * locally works against production's Keycloak, and the two cannot drift.
 */
public final class Clients {

    /** The audience the realm's "zmx-api audience" mapper adds and every service requires. */
    public static final String AUDIENCE = "zmx-api";
    static final String REALM_RESOURCE = "zmx-realm.json";
    /** The web console's public client (authorization code + PKCE), as in the realm. */
    public static final String CONSOLE = "zmx-console";
    /** The realm's public clients (authorization code + PKCE): the console and third-party web frontends. */
    public static final List<String> BROWSER = List.of(CONSOLE, "zmx-web");

    public record Client(String id, List<String> roles, Map<String, String> claims, String purpose) {}

    public static final List<Client> ALL = load();

    /** Unified social credit codes of the realm's exporters (valid GB 32100-2015 check characters). */
    public static final String EXPORTER_CHENGDU = byId("exporter-chengdu").claims().get("zmx_credit_code");
    public static final String EXPORTER_SHENZHEN = byId("exporter-shenzhen").claims().get("zmx_credit_code");

    private Clients() {}

    public static Client byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no local client " + id));
    }

    /** The demo users of the console's sign-in page: every partner client but the services' own accounts. */
    public static List<Client> people() {
        return ALL.stream().filter(c -> !c.roles().contains("export-service")).toList();
    }

    /** Claims in a token of this client, as Keycloak puts them in the realm's access tokens. */
    static Map<String, Object> claims(Client c) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", c.id());
        claims.put("azp", c.id());
        claims.put("client_id", c.id());
        claims.put("preferred_username", "service-account-" + c.id());
        claims.put("aud", AUDIENCE);
        claims.put("realm_access", Map.of("roles", c.roles()));
        claims.putAll(c.claims());
        return claims;
    }

    static List<Client> load() {
        try (InputStream in = Clients.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is missing from the classpath (see local-stack/pom.xml)");
            }
            return fromRealm(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Client> fromRealm(JsonNode realm) {
        Map<String, String> roleDescriptions = new LinkedHashMap<>();
        realm.path("roles").path("realm").forEach(r -> roleDescriptions.put(r.path("name").asText(),
                r.path("description").asText("")));
        Map<String, List<String>> serviceAccountRoles = new LinkedHashMap<>();
        realm.path("users").forEach(u -> {
            if (u.hasNonNull("serviceAccountClientId")) {
                List<String> roles = new ArrayList<>();
                u.path("realmRoles").forEach(r -> {
                    if (!r.asText().startsWith("default-roles-")) {
                        roles.add(r.asText());
                    }
                });
                serviceAccountRoles.put(u.get("serviceAccountClientId").asText(), List.copyOf(roles));
            }
        });
        List<Client> clients = new ArrayList<>();
        realm.path("clients").forEach(c -> {
            String id = c.path("clientId").asText();
            if (!c.path("serviceAccountsEnabled").asBoolean(false) || !serviceAccountRoles.containsKey(id)) {
                return; // browser clients (PKCE) get no client-credentials tokens
            }
            Map<String, String> claims = new LinkedHashMap<>();
            c.path("protocolMappers").forEach(m -> {
                if ("oidc-hardcoded-claim-mapper".equals(m.path("protocolMapper").asText())) {
                    claims.put(m.path("config").path("claim.name").asText(), m.path("config").path("claim.value").asText());
                }
            });
            List<String> roles = serviceAccountRoles.get(id);
            String purpose = roles.stream().map(r -> roleDescriptions.getOrDefault(r, r)).reduce((a, b) -> a + "; " + b)
                    .orElse("") + (claims.isEmpty() ? "" : " " + claims);
            clients.add(new Client(id, roles, Map.copyOf(claims), purpose));
        });
        return List.copyOf(clients);
    }
}
