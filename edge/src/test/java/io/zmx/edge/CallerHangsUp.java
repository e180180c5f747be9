package io.zmx.edge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A caller that hangs up while its write is inside a transaction (a client timeout, a dropped mobile link, a load
 * generator stopping), for the services' {@code ClientDisconnectTest}s: the service's table is locked over JDBC, the
 * write is sent on a socket of its own, and once the service's transaction waits on the lock the socket is closed.
 * Then the test lets the lock go and checks what the write left behind ({@link Writes}: it is finished, not cut off).
 */
public final class CallerHangsUp {

    /** A superuser connection to the service's database (the test's own, never the service's pool). */
    @FunctionalInterface
    public interface Database {
        Connection connect() throws SQLException;
    }

    private final Database db;
    private final String serviceUser;

    /** {@code serviceUser}: the role the service logs in as (its connections in {@code pg_stat_activity}). */
    public CallerHangsUp(Database superuser, String serviceUser) {
        this.db = superuser;
        this.serviceUser = serviceUser;
    }

    /**
     * Locks {@code table}, sends {@code method target} with a JSON {@code body} and {@code headers} to the service
     * under test, waits until the service's transaction is blocked on the lock, and hangs up. The returned connection
     * holds the lock in its open transaction: roll it back (or close it) to let the write go on.
     */
    public Connection sendBehindALockAndHangUp(String table, String method, String target, Map<String, String> headers,
            String body) throws Exception {
        Connection lock = db.connect();
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        }
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            send(socket, method, target, headers, body);
            assertTrue(waitFor("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + serviceUser
                    + "' AND wait_event_type = 'Lock'", 1), method + " " + target + " never reached the locked table " + table);
        } // the caller hangs up while its transaction waits
        return lock;
    }

    /** No connection of the service stays inside a transaction or waits on a lock (within 25 s). */
    public void assertNoTransactionLeftOpen() throws Exception {
        assertTrue(waitFor("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + serviceUser + "'"
                        + " AND (state LIKE 'idle in transaction%' OR wait_event_type = 'Lock')", 0),
                "a connection of the service stayed inside a transaction after its caller hung up");
    }

    /** Whether {@code sql} (a single number) answers {@code expected} within 25 s. */
    public boolean waitFor(String sql, long expected) throws Exception {
        long until = System.nanoTime() + 25_000_000_000L;
        while (System.nanoTime() < until) {
            if (count(sql) == expected) return true;
            Thread.sleep(50);
        }
        return false;
    }

    /** The number {@code sql} answers, asked as the superuser. */
    public long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void send(Socket socket, String method, String target, Map<String, String> headers, String body)
            throws Exception {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Type: application/json\r\nContent-Length: ").append(json.length).append("\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
    }
}
