package io.zmx.tokencache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of quarkus-oidc, with real RS256 tokens checked by quarkus-oidc against a WireMock
 * issuer (quarkus-test-oidc-server) whose key set the tests can rotate.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class TokenCacheTest {

    @OidcWireMock
    WireMockServer issuer;

    @Inject
    VerifiedTokenCache cache;

    @Inject
    CachedBearerMechanism fastPath;

    private static String token(String user, long expiresAt) {
        return Jwt.preferredUserName(user).subject(user).groups(Set.of("user"))
                .issuer("https://server.example.com").expiresAt(expiresAt).sign();
    }

    @Test
    void aVerifiedTokenIsServedFromTheCacheWithTheSameIdentity() {
        String token = token("alice-" + UUID.randomUUID(), Instant.now().getEpochSecond() + 300);
        String first = given().auth().oauth2(token).get("/probe").then().statusCode(200).extract().asString();
        // (a verification that overlaps a key-set download is not kept; the next one is)
        given().auth().oauth2(token).get("/probe").then().statusCode(200).body(equalTo(first));
        long hits = cache.hits();
        given().auth().oauth2(token).get("/probe").then().statusCode(200).body(equalTo(first));
        assertEquals(hits + 1, cache.hits(), "the second request is answered from the cache");
    }

    @Test
    void aRequestHashesItsTokenOnceOnAMissAndOnAHit() {
        String token = token("grace-" + UUID.randomUUID(), Instant.now().getEpochSecond() + 300);
        long before = TokenKey.COMPUTED.sum();
        // a miss: the fast path hashes the token, quarkus-oidc verifies it and the provider caches it under that key
        String first = given().auth().oauth2(token).get("/probe").then().statusCode(200).extract().asString();
        assertEquals(before + 1, TokenKey.COMPUTED.sum(), "the provider reuses the key the fast path computed");
        given().auth().oauth2(token).get("/probe").then().statusCode(200).body(equalTo(first));
        assertEquals(before + 2, TokenKey.COMPUTED.sum());
    }

    @Test
    void aCachedTokenIsAuthenticatedByTheFastPathAheadOfQuarkusOidc() {
        assertTrue(fastPath.active(), "no identity augmentor here: the fast path is on");
        String token = token("frank-" + UUID.randomUUID(), Instant.now().getEpochSecond() + 300);
        String first = given().auth().oauth2(token).get("/probe").then().statusCode(200).extract().asString();
        given().auth().oauth2(token).get("/probe").then().statusCode(200).body(equalTo(first));
        long served = fastPath.served();
        // the scheme is case-insensitive (RFC 6750 / 9110), as quarkus-oidc reads it
        given().header("Authorization", "bearer " + token).get("/probe").then().statusCode(200).body(equalTo(first));
        given().header("Authorization", "Bearer " + token).get("/probe").then().statusCode(200).body(equalTo(first));
        assertEquals(served + 2, fastPath.served(), "both requests answered from the cache, without quarkus-oidc");
    }

    @Test
    void whatTheFastPathDoesNotKnowStillGetsQuarkusOidcsAnswer() {
        String token = token("grace-" + UUID.randomUUID(), Instant.now().getEpochSecond() + 300);
        given().auth().oauth2(token).get("/probe").then().statusCode(200);
        given().auth().oauth2(token).get("/probe").then().statusCode(200);
        long served = fastPath.served();
        // no token: quarkus-oidc's challenge, unchanged
        given().get("/probe").then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        // a cached token with its signature altered is another token: a miss, then refused by the full check
        given().auth().oauth2(token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA"))
                .get("/probe").then().statusCode(401);
        // two tokens in one header, or another scheme: not a bearer token the cache could know
        given().header("Authorization", "Bearer " + token + " " + token).get("/probe").then().statusCode(401);
        given().header("Authorization", "Basic " + token).get("/probe").then().statusCode(401);
        assertEquals(served, fastPath.served(), "none of these was answered from the cache");
    }

    @Test
    void aCachedTokenIsRefusedOnceItHasExpired() throws Exception {
        // warm up first: on a busy machine the application's first request can outlast a short-lived token
        given().auth().oauth2(token("warm-up", Instant.now().getEpochSecond() + 300)).get("/probe").then().statusCode(200);
        long exp = Instant.now().getEpochSecond() + 4;
        String token = token("bob-" + UUID.randomUUID(), exp);
        given().auth().oauth2(token).get("/probe").then().statusCode(200);
        given().auth().oauth2(token).get("/probe").then().statusCode(200);
        long hits = cache.hits();
        given().auth().oauth2(token).get("/probe").then().statusCode(200);
        assertEquals(hits + 1, cache.hits(), "cached while it is valid");

        Thread.sleep(Math.max(0, (exp + 1) * 1000 - System.currentTimeMillis()));
        given().auth().oauth2(token).get("/probe").then().statusCode(401);
    }

    @Test
    void aTokenSignedByARotatedOutKeyIsRefusedAfterTheRotation() throws Exception {
        String oldKeyToken = token("carol-" + UUID.randomUUID(), Instant.now().getEpochSecond() + 300);
        given().auth().oauth2(oldKeyToken).get("/probe").then().statusCode(200);
        given().auth().oauth2(oldKeyToken).get("/probe").then().statusCode(200); // now cached

        String jwksPath = URI.create(discovery().getString("jwks_uri")).getPath();
        String originalKeys = fetch(issuer.baseUrl() + jwksPath);
        KeyPair newKey = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        try {
            // the issuer rotates: only the new key is published
            issuer.stubFor(get(urlEqualTo(jwksPath)).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody(jwks("rotated", newKey))));
            String newKeyToken = Jwt.preferredUserName("dave").subject("dave").groups(Set.of("user"))
                    .issuer("https://server.example.com").expiresAt(Instant.now().getEpochSecond() + 300)
                    .jws().keyId("rotated").sign(newKey.getPrivate());
            // unknown key id: quarkus-oidc fetches the new key set, and the cache forgets what it verified before
            given().auth().oauth2(newKeyToken).get("/probe").then().statusCode(200);
            assertEquals(0, cache.size(), "nothing verified with the old key set is kept");
            given().auth().oauth2(newKeyToken).get("/probe").then().statusCode(200);
            assertEquals(1, cache.size(), "tokens of the new key are cached again");

            given().auth().oauth2(oldKeyToken).get("/probe").then().statusCode(401);
        } finally {
            issuer.stubFor(get(urlEqualTo(jwksPath)).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody(originalKeys)));
            cache.keysChanged();
        }
        // back to the original key: tokens signed by it are accepted again after quarkus-oidc refetches the set
        String again = token("erin-" + UUID.randomUUID(), Instant.now().getEpochSecond() + 300);
        given().auth().oauth2(again).get("/probe").then().statusCode(200);
    }

    private static JsonObject discovery() throws Exception {
        String base = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        return new JsonObject(fetch(base.replaceAll("/$", "") + "/.well-known/openid-configuration"));
    }

    private static String fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String jwks(String kid, KeyPair key) {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        return new JsonObject().put("keys", new io.vertx.core.json.JsonArray().add(new JsonObject()
                .put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
                .put("n", b64(pub.getModulus())).put("e", b64(pub.getPublicExponent())))).encode();
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
