package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reactive client cannot reach its database (nothing listens where it points; Flyway still migrated over JDBC):
 * every request is a 503 problem with Retry-After, the outage edge's ProblemMappers recognises, never a 500.
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.ReactiveDatabaseDown.class)
class DatabaseDownTest {

    public static class ReactiveDatabaseDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + closedPort() + "/compliance",
                    "zmx.compliance.seeds.enabled", "false");
        }
    }

    @Test
    void readsAndWritesAnswer503WithRetryAfter() {
        given().header("Authorization", Tokens.bearer("down-1", "analyst")).get("/api/v1/rule-sets")
                .then().statusCode(503).header("Retry-After", "5")
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://zmx.io/problems/database-unavailable"));
        given().header("Authorization", Tokens.bearer("down-2", "export-service")).header("Idempotency-Key", "down-1")
                .contentType("application/json").body(Filings.clean()).post("/api/v1/evaluations")
                .then().statusCode(503).header("Retry-After", "5")
                .body("type", equalTo("https://zmx.io/problems/database-unavailable"));
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed again when the test runs: connections are refused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
