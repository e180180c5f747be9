package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A caller that hangs up while its write is inside a transaction (a client timeout, a dropped mobile link, wrk
 * stopping) must not leave an open transaction behind, hand a broken connection to the next caller, or half-store
 * the write. The write, once begun, is finished (edge's {@code ReactiveIdempotency}), so the caller's retry with the
 * same Idempotency-Key replays it. The write is held inside its transaction by a table lock taken over JDBC, the
 * caller's socket is closed while it waits, then the lock goes.
 */
@QuarkusTest
class ClientDisconnectTest {

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

        assertTrue(waitFor("SELECT count(*) FROM pg_stat_activity WHERE usename = 'exports'"
                        + " AND (state LIKE 'idle in transaction%' OR wait_event_type = 'Lock')", 0),
                "a connection of the service stayed inside a transaction after its caller hung up");
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
        assertEquals(1, count("SELECT count(*) FROM filings WHERE exporter_credit_code = '" + cc + "'"));
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
            assertTrue(waitFor("SELECT count(*) FROM pg_stat_activity WHERE usename = 'exports'"
                            + " AND (state LIKE 'idle in transaction%' OR wait_event_type = 'Lock')", 0),
                    "the stuck write still held its connection 25 s later");
            lock.rollback();
        }
        given().header("Authorization", exporter).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/filings?submit=true").then().statusCode(201).header("Idempotent-Replayed", "false");
        assertEquals(1, count("SELECT count(*) FROM filings WHERE exporter_credit_code = '" + cc + "'"));
    }

    /**
     * Locks the filings table (the returned connection holds the lock in its open transaction), sends the submit on a
     * socket of its own, waits until the service's transaction is blocked on the lock, and hangs up.
     */
    private static Connection submitBehindALockAndHangUp(String token, String key, String body) throws Exception {
        Connection lock = PostgresResource.superuser().getConnection();
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE filings IN ACCESS EXCLUSIVE MODE");
        }
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            send(socket, token, key, body);
            assertTrue(waitFor("SELECT count(*) FROM pg_stat_activity WHERE usename = 'exports' AND wait_event_type = 'Lock'", 1),
                    "the submit never reached the locked table");
        } // the caller hangs up while its transaction waits
        return lock;
    }

    private static void send(Socket socket, String token, String key, String body) throws Exception {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/filings?submit=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key + "\r\nContent-Length: " + json.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
    }

    private static boolean waitFor(String sql, long expected) throws Exception {
        long until = System.nanoTime() + 25_000_000_000L;
        while (System.nanoTime() < until) {
            if (count(sql) == expected) return true;
            Thread.sleep(50);
        }
        return false;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
