package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.PrivateKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar in {@code verify}, the native executable in the native workflow) against the same
 * real parts as the tests: embedded PostgreSQL, the WireMock OIDC issuer with real signed tokens, WireMock
 * registry/compliance. Health, an authenticated write and read, and a problem+json answer.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ExportServiceIT.ManagementPort.class, restrictToAnnotatedClass = true)
class ExportServiceIT {

    /** A free port for the management interface (health), so the packaged service never collides with a running one. */
    public static class ManagementPort implements QuarkusTestResourceLifecycleManager {
        static int port;

        @Override
        public Map<String, String> start() {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.management.port", String.valueOf(port));
        }

        @Override
        public void stop() {}
    }

    /** Signed here with the issuer's key: the test JVM has no Quarkus config to find it by. */
    static String bearer(String user, String creditCode, String... roles) throws Exception {
        PrivateKey key = (PrivateKey) KeyUtils.readSigningKey("privateKey.jwk", "1", SignatureAlgorithm.RS256);
        var claims = Tokens.claims(user, roles);
        if (creditCode != null) claims.claim("zmx_credit_code", creditCode);
        return "Bearer " + claims.jws().keyId("1").sign(key);
    }

    @Test
    void isReady() {
        given().port(ManagementPort.port).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anExporterFilesAndReadsBackItsFiling() throws Exception {
        String cc = Fixtures.creditCode();
        String exporter = bearer("exp-" + cc, cc, "exporter");
        String id = given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 7))
                .post("/api/v1/filings").then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        given().header("Authorization", exporter).get("/api/v1/filings/" + id).then().statusCode(200)
                .header("ETag", startsWith("\""))
                .body("exporterCreditCode", equalTo(cc));
        given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events/verification").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    void anUnknownFilingIsAProblem() throws Exception {
        given().header("Authorization", bearer("root", null, "admin")).get("/api/v1/filings/ZMX-2026-999999999")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }
}
