package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zmx.edge.CallerHangsUp;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A caller that hangs up while its write is inside a transaction (a client timeout, a dropped mobile link, wrk
 * stopping) must not leave an open transaction behind, hand a broken connection to the next caller, or half-store
 * the write. The write, once begun, is finished (edge's {@code Writes}, also under {@code ReactiveIdempotency}), so
 * the caller's retry with the same Idempotency-Key replays it. The write is held inside its transaction by a table
 * lock taken over JDBC, the caller's socket is closed while it waits, then the lock goes (edge's {@code CallerHangsUp}).
 */
@QuarkusTest
class ClientDisconnectTest {

    private final CallerHangsUp caller = new CallerHangsUp(() -> PostgresResource.superuser().getConnection(), "exports");

    @Test
    void aCallerHangingUpMidTransactionLeavesNoOpenTransactionAndItsRetryStoresOneFiling() throws Exception {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        String body = Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 7);
        String key = UUID.randomUUID().toString();

        try (Connection lock = submitBehindALockAndHangUp(exporter, key, body)) {
            Thread.sleep(300);
            lock.rollback(); // the lock goes; the write goes on or is rolled back, never half
        }

        caller.assertNoTransactionLeftOpen();
        // the service's connections serve others as before (a connection handed back mid-transaction would fail here)
        for (int i = 0; i < 30; i++) {
            String other = Fixtures.creditCode();
            given().header("Authorization", Tokens.exporter("exp-" + other, other)).header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(ContentType.JSON).body(Fixtures.filing(other, Fixtures.vin(), "KZ", "USED", 7))
                    .post("/api/v1/filings?submit=true").then().statusCode(201);
        }
        // the abandoned write was finished: the caller's retry with its key replays it
        given().header("Authorization", exporter).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/filings?submit=true").then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(1, caller.count("SELECT count(*) FROM filings WHERE exporter_credit_code = '" + cc + "'"));
    }

    /**
     * The same for a write without an Idempotency-Key that does not go through the idempotency store (customs listing
     * an exporter): abandoned inside its transaction, it is still stored, once.
     */
    @Test
    void aNegativeListEntryWhoseCallerHungUpMidTransactionIsStored() throws Exception {
        String cc = Fixtures.creditCode();
        String entry = """
                {"creditCode":"%s","measure":"HOLD","reason":"caller hung up","since":"2026-01-01","source":"notice"}""".formatted(cc);
        try (Connection lock = caller.sendBehindALockAndHangUp("exporter_negative_list", "POST", "/api/v1/exporter-negative-list",
                Map.of("Authorization", Tokens.bearer("customs-1", "customs")), entry)) {
            Thread.sleep(300);
            lock.rollback();
        }
        assertTrue(caller.waitFor("SELECT count(*) FROM exporter_negative_list WHERE credit_code = '" + cc + "'", 1),
                "the entry whose caller hung up was not stored");
        caller.assertNoTransactionLeftOpen();
        given().header("Authorization", Tokens.bearer("customs-1", "customs")).queryParam("creditCode", cc)
                .get("/api/v1/exporter-negative-list").then().statusCode(200);
        assertEquals(1, caller.count("SELECT count(*) FROM exporter_negative_list WHERE credit_code = '" + cc + "'"));
    }

    /**
     * Webhook endpoints are written by single statements on the reactive pool, outside any transaction: a caller that
     * hangs up does not cancel the statement (the pool hands the connection back once it is answered), so the
     * registration is stored whole, and nothing is left open.
     */
    @Test
    void aWebhookRegisteredByACallerWhoHungUpIsStoredWhole() throws Exception {
        String url = "http://127.0.0.1:9/hung-up-" + UUID.randomUUID();
        String body = """
                {"url":"%s","eventTypes":["filing.cleared"],"description":"caller hung up"}""".formatted(url);
        try (Connection lock = caller.sendBehindALockAndHangUp("webhook_endpoint", "POST", "/api/v1/webhooks",
                Map.of("Authorization", Tokens.agency("kg-customs", "KG")), body)) {
            Thread.sleep(300);
            lock.rollback();
        }
        assertTrue(caller.waitFor("SELECT count(*) FROM webhook_endpoint WHERE url = '" + url + "'", 1),
                "the endpoint whose caller hung up was not stored");
        caller.assertNoTransactionLeftOpen();
    }

    /**
     * The other side of finishing abandoned writes: one stuck behind a lock that is never released does not hold its
     * pooled connection forever. PostgreSQL cancels the statement at the service's statement_timeout (15 s in tests,
     * 30 s by default), the write rolls back, and the caller's retry runs it anew.
     */
    @Test
    void aWriteStuckBehindALockIsCancelledAtTheStatementTimeoutAndGivesItsConnectionBack() throws Exception {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        String body = Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 7);
        String key = UUID.randomUUID().toString();
        try (Connection lock = submitBehindALockAndHangUp(exporter, key, body)) {
            // the lock is still held: only the statement timeout can end the wait
            assertTrue(caller.waitFor("SELECT count(*) FROM pg_stat_activity WHERE usename = 'exports'"
                            + " AND (state LIKE 'idle in transaction%' OR wait_event_type = 'Lock')", 0),
                    "the stuck write still held its connection 25 s later");
            lock.rollback();
        }
        given().header("Authorization", exporter).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/filings?submit=true").then().statusCode(201).header("Idempotent-Replayed", "false");
        assertEquals(1, caller.count("SELECT count(*) FROM filings WHERE exporter_credit_code = '" + cc + "'"));
    }

    /** Holds the filings table and submits behind the lock, then hangs up (the returned connection holds the lock). */
    private Connection submitBehindALockAndHangUp(String token, String key, String body) throws Exception {
        return caller.sendBehindALockAndHangUp("filings", "POST", "/api/v1/filings?submit=true",
                Map.of("Authorization", token, "Idempotency-Key", key), body);
    }
}
