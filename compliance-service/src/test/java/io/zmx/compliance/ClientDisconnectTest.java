package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static io.zmx.compliance.Filings.list;
import static io.zmx.compliance.Filings.map;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zmx.edge.CallerHangsUp;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rule author whose client hangs up while the draft waits inside its transaction (a client timeout, a dropped link)
 * gets the draft finished, not cut off: it is stored once with its rules, no connection of the service stays inside
 * a transaction, and the service serves on. The draft carries no Idempotency-Key and does not go through the
 * idempotency store. It is held by a table lock taken over JDBC while the test closes its socket (edge's
 * {@code CallerHangsUp}).
 */
@QuarkusTest
class ClientDisconnectTest {

    private final CallerHangsUp caller = new CallerHangsUp(PostgresResource::superuser, "compliance");

    @Test
    void aDraftWhoseCallerHungUpMidTransactionIsStoredWithItsRules() throws Exception {
        given().header("Authorization", AuthoringTest.AUTHOR).contentType(ContentType.JSON)
                .body(map("jurisdiction", "QH", "name", "Hang-up test", "scope", "DESTINATION"))
                .post("/api/v1/rule-sets").then().statusCode(201);
        Map<String, Object> draft = map("effectiveFrom", "2027-01-01", "notes", "sent by a caller who hangs up",
                "rules", list(AuthoringTest.rule("QH-RHD", "INFO", "vehicle.driveSide == 'RHD'")));

        try (Connection lock = caller.sendBehindALockAndHangUp("rule_set_version", "POST", "/api/v1/rule-sets/QH/versions",
                Map.of("Authorization", AuthoringTest.AUTHOR), new ObjectMapper().writeValueAsString(draft))) {
            Thread.sleep(300); // the service notices the closed connection
            lock.rollback(); // the lock goes; the draft goes on
        }

        assertTrue(caller.waitFor("SELECT count(*) FROM rule_set_version WHERE jurisdiction = 'QH'", 1),
                "the draft whose caller hung up was not stored");
        caller.assertNoTransactionLeftOpen();
        given().header("Authorization", AuthoringTest.AUTHOR).get("/api/v1/rule-sets/QH/versions/1").then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("rules[0].code", equalTo("QH-RHD"));
        // the pool's connections serve others as before (one handed back mid-transaction would fail here)
        for (int i = 2; i <= 11; i++) {
            AuthoringTest.draft("QH", draft).statusCode(201).body("version", equalTo(i));
        }
        assertEquals(1, caller.count("SELECT count(*) FROM rule r JOIN rule_set_version v ON v.id = r.version_id"
                + " WHERE v.jurisdiction = 'QH' AND v.version = 1"));
    }
}
