package io.zmx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The committed Keycloak realm keeps its promises without a running Keycloak (KeycloakIT checks it live). */
class RealmFileTest {

    static final Path REALM = Path.of("../k8s/base/keycloak/zmx-realm.json");

    JsonNode realm() throws Exception {
        return new ObjectMapper().readTree(REALM.toFile());
    }

    JsonNode client(JsonNode realm, String id) {
        for (JsonNode c : realm.get("clients")) {
            if (c.get("clientId").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no client " + id);
    }

    @Test
    void definesEveryZmxRole() throws Exception {
        Set<String> roles = new HashSet<>();
        realm().get("roles").get("realm").forEach(r -> roles.add(r.get("name").asText()));
        assertTrue(roles.containsAll(Set.of("admin", "exporter", "manufacturer", "registrar", "customs", "agency",
                "analyst", "rule-author", "export-service")), roles.toString());
    }

    @Test
    void noClientSecretIsCommitted() throws Exception {
        for (JsonNode c : realm().get("clients")) {
            if (c.has("secret")) {
                assertTrue(c.get("secret").asText().matches("\\$\\{ZMX_KC_SECRET_[A-Z_]+}"),
                        c.get("clientId") + " must take its secret from an environment placeholder");
            }
        }
    }

    @Test
    void webFrontendsUseAuthorizationCodeWithPkce() throws Exception {
        JsonNode web = client(realm(), "zmx-web");
        assertTrue(web.get("publicClient").asBoolean());
        assertTrue(web.get("standardFlowEnabled").asBoolean());
        assertFalse(web.get("implicitFlowEnabled").asBoolean());
        assertFalse(web.get("directAccessGrantsEnabled").asBoolean());
        assertEquals("S256", web.get("attributes").get("pkce.code.challenge.method").asText());
    }

    @Test
    void theConsoleIsAPublicPkceClientWithItsRedirectsAndTenantAttributes() throws Exception {
        JsonNode console = client(realm(), "zmx-console");
        assertTrue(console.get("publicClient").asBoolean());
        assertTrue(console.get("standardFlowEnabled").asBoolean());
        assertFalse(console.get("implicitFlowEnabled").asBoolean());
        assertFalse(console.get("directAccessGrantsEnabled").asBoolean());
        assertFalse(console.get("serviceAccountsEnabled").asBoolean());
        assertFalse(console.has("secret"));
        assertEquals("S256", console.get("attributes").get("pkce.code.challenge.method").asText());
        Set<String> redirects = new HashSet<>();
        console.get("redirectUris").forEach(u -> redirects.add(u.asText()));
        assertTrue(redirects.containsAll(Set.of("http://127.0.0.1:8080/console/*", "http://localhost:8080/console/*")), redirects.toString());
        redirects.forEach(u -> assertTrue(u.endsWith("/console/*"), "only the console's own path: " + u));
        Set<String> mapped = new HashSet<>();
        console.get("protocolMappers").forEach(m -> {
            if ("oidc-usermodel-attribute-mapper".equals(m.get("protocolMapper").asText())) {
                mapped.add(m.get("config").get("claim.name").asText());
            }
            if ("oidc-audience-mapper".equals(m.get("protocolMapper").asText())) {
                mapped.add("aud:" + m.get("config").get("included.custom.audience").asText());
            }
        });
        assertEquals(Set.of("zmx_country", "zmx_credit_code", "aud:zmx-api"), mapped);
    }

    @Test
    void tenantClaimsAreHardCodedPerPartnerClient() throws Exception {
        JsonNode realm = realm();
        assertEquals("KZ", claim(client(realm, "agency-kz"), "zmx_country"));
        assertEquals("UZ", claim(client(realm, "agency-uz"), "zmx_country"));
        assertEquals("KG", claim(client(realm, "agency-kg"), "zmx_country"));
        assertEquals(18, claim(client(realm, "exporter-chengdu"), "zmx_credit_code").length());
        assertTrue(client(realm, "export-service").get("serviceAccountsEnabled").asBoolean());
        boolean exportServiceRole = false;
        for (JsonNode u : realm.get("users")) {
            if ("export-service".equals(u.path("serviceAccountClientId").asText())) {
                exportServiceRole = u.get("realmRoles").toString().contains("\"export-service\"");
            }
        }
        assertTrue(exportServiceRole, "export-service's service account holds the export-service role");
    }

    private static String claim(JsonNode client, String name) {
        for (JsonNode m : client.get("protocolMappers")) {
            if (name.equals(m.get("config").path("claim.name").asText())) {
                return m.get("config").get("claim.value").asText();
            }
        }
        throw new AssertionError(client.get("clientId") + " has no " + name + " claim");
    }
}
