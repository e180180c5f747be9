package io.zmx.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local issuer must hand out what the services check: RS256 tokens with roles and tenant claims. */
class IssuerTest {

    static Issuer issuer;

    @BeforeAll
    static void start() {
        issuer = new Issuer(LocalStack.Ports.free().issuer()).start();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void tokensCarryRolesAndTenantClaims() throws Exception {
        JsonNode kz = payload(issuer.token("agency-kz"));
        assertEquals("agency", kz.get("realm_access").get("roles").get(0).asText());
        assertEquals(null, kz.get("groups"), "roles only in realm_access.roles, as the services read them");
        assertEquals("zmx-api", kz.get("aud").isArray() ? kz.get("aud").get(0).asText() : kz.get("aud").asText());
        assertEquals("KZ", kz.get("zmx_country").asText());
        assertEquals(issuer.issuerUrl(), kz.get("iss").asText());

        JsonNode exporter = payload(issuer.token("exporter-chengdu"));
        assertEquals(Clients.EXPORTER_CHENGDU, exporter.get("zmx_credit_code").asText());
        assertEquals("exporter", exporter.get("realm_access").get("roles").get(0).asText());
    }

    @Test
    void theLocalClientsAreTheRealmsClients() throws Exception {
        JsonNode realm = Api.JSON.readTree(java.nio.file.Path.of("../k8s/base/keycloak/zmx-realm.json").toFile());
        java.util.Set<String> realmClients = new java.util.TreeSet<>();
        realm.get("clients").forEach(c -> {
            if (c.path("serviceAccountsEnabled").asBoolean()) {
                realmClients.add(c.get("clientId").asText());
            }
        });
        assertEquals(realmClients, new java.util.TreeSet<>(Clients.ALL.stream().map(Clients.Client::id).toList()));
        assertEquals(java.util.List.of("admin"), Clients.byId("zmx-admin").roles());
        assertEquals(java.util.List.of("customs"), Clients.byId("customs-cn").roles());
        assertEquals(java.util.Map.of("zmx_credit_code", "91440300MA5FUK8N2U"), Clients.byId("exporter-shenzhen").claims());
        assertEquals(java.util.Map.of("zmx_country", "UZ"), Clients.byId("agency-uz").claims());
        JsonNode customs = payload(issuer.token("customs-cn"));
        assertEquals("customs", customs.get("realm_access").get("roles").get(0).asText());
    }

    @Test
    void publishesDiscoveryAndSigningKeys() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String discovery = http.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl()
                + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode doc = Api.JSON.readTree(discovery);
        assertEquals(issuer.issuerUrl(), doc.get("issuer").asText());
        String jwks = http.send(HttpRequest.newBuilder(URI.create(doc.get("jwks_uri").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(Api.JSON.readTree(jwks).get("keys").size() > 0);
        assertEquals("RS256", Api.JSON.readTree(header(issuer.token("zmx-admin"))).get("alg").asText());
    }

    static JsonNode payload(String jwt) throws Exception {
        return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    }
}
