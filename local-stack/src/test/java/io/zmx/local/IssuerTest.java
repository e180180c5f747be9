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

    /**
     * A person signs in to the console as Keycloak users would: authorization code + PKCE (S256) at the issuer's
     * login page, one button per demo user; the tokens carry that user's roles and tenant claims and the zmx-api
     * audience; the refresh token renews them; a wrong verifier gets nothing.
     */
    @Test
    void consoleUsersSignInWithAuthorizationCodeAndPkce() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        JsonNode doc = Api.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(issuer.issuerUrl()
                + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:8080/console/";
        String authorize = doc.get("authorization_endpoint").asText() + "?response_type=code&client_id=" + Clients.CONSOLE
                + "&redirect_uri=" + enc(redirect) + "&scope=openid&state=s1&nonce=n1&code_challenge=" + challenge
                + "&code_challenge_method=S256";
        String page = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("id=\"login-agency-kz\""), page);
        assertTrue(!page.contains("login-export-service"), "the services' own account is no person");
        assertTrue(!page.contains("<script"), "the login page works without script");

        JsonNode agency = Api.JSON.valueToTree(java.util.Map.of("preferred_username", "agency-kz",
                "realm_access", java.util.Map.of("roles", java.util.List.of("agency")), "zmx_country", "KZ"));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=agency-kz&claims=" + enc(agency.toString()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.body());
        String location = login.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(redirect) && location.contains("state=s1"), location);
        String code = java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);

        String token = doc.get("token_endpoint").asText();
        HttpResponse<String> wrong = post(http, token, "grant_type=authorization_code&client_id=" + Clients.CONSOLE + "&code="
                + enc(code) + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + "x".repeat(43));
        assertTrue(wrong.statusCode() >= 400, "a wrong verifier must not get tokens: " + wrong.body());

        // the refused attempt used the code up: sign in again, then exchange with the right verifier
        location = http.send(HttpRequest.newBuilder(URI.create(authorize)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=agency-kz&claims=" + enc(agency.toString()))).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow();
        code = java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        HttpResponse<String> ok = post(http, token, "grant_type=authorization_code&client_id=" + Clients.CONSOLE + "&code="
                + enc(code) + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + verifier);
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode tokens = Api.JSON.readTree(ok.body());
        JsonNode claims = payload(tokens.get("access_token").asText());
        assertEquals("agency-kz", claims.get("sub").asText());
        assertEquals("agency", claims.get("realm_access").get("roles").get(0).asText());
        assertEquals("KZ", claims.get("zmx_country").asText());
        assertEquals("zmx-api", claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
        assertEquals(issuer.issuerUrl(), claims.get("iss").asText());

        HttpResponse<String> renewed = post(http, token, "grant_type=refresh_token&client_id=" + Clients.CONSOLE
                + "&refresh_token=" + enc(tokens.get("refresh_token").asText()));
        assertEquals(200, renewed.statusCode(), renewed.body());
        JsonNode again = payload(Api.JSON.readTree(renewed.body()).get("access_token").asText());
        assertEquals("KZ", again.get("zmx_country").asText());
        assertEquals("agency", again.get("realm_access").get("roles").get(0).asText());
        // the browser calls the token endpoint from the gateway's origin
        HttpResponse<String> cors = http.send(HttpRequest.newBuilder(URI.create(token)).header("Origin", "http://127.0.0.1:8080")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=" + Clients.CONSOLE
                        + "&refresh_token=" + enc(Api.JSON.readTree(renewed.body()).get("refresh_token").asText()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("http://127.0.0.1:8080", cors.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(doc.hasNonNull("end_session_endpoint"), "sign-out has an endpoint");
    }

    private static HttpResponse<String> post(HttpClient http, String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode payload(String jwt) throws Exception {
        return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    }
}
