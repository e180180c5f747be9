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
        assertEquals("agency", kz.get("groups").get(0).asText());
        assertEquals("KZ", kz.get("zmx_country").asText());
        assertEquals(issuer.issuerUrl(), kz.get("iss").asText());

        JsonNode exporter = payload(issuer.token("exporter-chengdu"));
        assertEquals(Clients.EXPORTER_CHENGDU, exporter.get("zmx_credit_code").asText());
        assertEquals("exporter", exporter.get("realm_access").get("roles").get(0).asText());
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
        assertEquals("RS256", Api.JSON.readTree(header(issuer.token("admin"))).get("alg").asText());
    }

    static JsonNode payload(String jwt) throws Exception {
        return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    }
}
