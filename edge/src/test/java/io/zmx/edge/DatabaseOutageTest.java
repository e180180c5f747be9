package io.zmx.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** A database that cannot be reached is an outage to retry (503 + Retry-After), not an internal error (500). */
class DatabaseOutageTest {

    @Test
    void lostOrRefusedConnectionsAnswer503WithRetryAfter() {
        Throwable refused = new RuntimeException(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("refused"))));
        Response r = new ProblemMappers().unexpected(refused, null);
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, String.valueOf(r.getMediaType()));

        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(ProblemMappers.databaseUnavailable(new IllegalStateException(new SQLException(
                "Acquisition timeout while waiting for new connection"))));
    }

    @Test
    void otherDatabaseErrorsStayInternal() {
        assertFalse(ProblemMappers.databaseUnavailable(new SQLException("duplicate key value", "23505")));
        assertFalse(ProblemMappers.databaseUnavailable(new IllegalStateException("bug")));
        assertEquals(500, new ProblemMappers().unexpected(new IllegalStateException("bug"), null).getStatus());
    }

    // ---- the reactive client (Hibernate Reactive over the Vert.x PostgreSQL client) ----------------------------

    @Test
    void reactiveClientOutagesAnswer503WithRetryAfter() {
        // the server shut down under a running query: PgException with SQLSTATE 57P01
        Throwable shutdown = new CompletionException(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null));
        Response r = new ProblemMappers().unexpected(shutdown, null);
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, String.valueOf(r.getMediaType()));
        assertEquals("https://zmx.io/problems/database-unavailable", String.valueOf(((Problem) r.getEntity()).type()));

        // the connection was lost mid-query
        assertTrue(ProblemMappers.databaseUnavailable(new CompletionException(ClosedConnectionException.INSTANCE)));
        // the server refuses connections (SQLSTATE 08006 / 57P03 "the database system is starting up")
        assertTrue(ProblemMappers.databaseUnavailable(new PgException("connection failure", "FATAL", "08006", null)));
        assertTrue(ProblemMappers.databaseUnavailable(new PgException("the database system is starting up", "FATAL", "57P03", null)));
        // nothing listens: a refused socket raised inside the data layer
        assertTrue(ProblemMappers.databaseUnavailable(thrownBy("org.hibernate.reactive.pool.impl.SqlClientPool",
                new ConnectException("Connection refused: localhost/127.0.0.1:5432"))));
    }

    @Test
    void otherReactiveFailuresStayWhatTheyAre() {
        // a constraint violation is a bug or a race to map elsewhere, not an outage
        assertFalse(ProblemMappers.databaseUnavailable(new PgException("duplicate key value violates unique constraint",
                "ERROR", "23505", null)));
        assertEquals(500, new ProblemMappers().unexpected(new CompletionException(new PgException(
                "relation \"nope\" does not exist", "ERROR", "42P01", null)), null).getStatus());
        // a REST client's refused call to another service is not this service's database
        assertFalse(ProblemMappers.databaseUnavailable(new jakarta.ws.rs.ProcessingException(
                thrownBy("org.hibernate.reactive.pool.impl.SqlClientPool", new ConnectException("Connection refused")))));
        // nor is a refused socket that the data layer never saw (the gateway has no database)
        assertFalse(ProblemMappers.databaseUnavailable(new ConnectException("Connection refused: registry:8081")));
    }

    @Test
    void aBareRefusedConnectionToTheReactiveDatasourceIsAnOutage() {
        // what the Vert.x client reports when nothing listens: netty's exception, no frame of the data layer
        String key = "quarkus.datasource.reactive.url";
        String before = System.getProperty(key);
        System.setProperty(key, "postgresql://localhost:44689/compliance");
        try {
            assertTrue(ProblemMappers.databaseUnavailable(new ConnectException("Connection refused: localhost/127.0.0.1:44689")));
            assertFalse(ProblemMappers.databaseUnavailable(new ConnectException("Connection refused: registry/10.0.0.7:8081")));
            assertFalse(ProblemMappers.databaseUnavailable(new jakarta.ws.rs.ProcessingException(
                    new ConnectException("Connection refused: localhost/127.0.0.1:44689"))));
        } finally {
            if (before == null) System.clearProperty(key); else System.setProperty(key, before);
        }
    }

    @Test
    void aResetSocketInAServiceWithADatabaseIsAnOutage() {
        // what the reactive client reported when PostgreSQL stopped under KillUnderLoadIT: a bare "Connection reset"
        String key = "quarkus.datasource.reactive.url";
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            assertFalse(ProblemMappers.databaseUnavailable(new java.net.SocketException("Connection reset")),
                    "the gateway (no database) keeps its own answer");
            System.setProperty(key, "postgresql://localhost:44689/exports");
            assertEquals(503, new ProblemMappers().unexpected(new java.net.SocketException("Connection reset"), null).getStatus());
            assertFalse(ProblemMappers.databaseUnavailable(new jakarta.ws.rs.ProcessingException(
                    new java.net.SocketException("Connection reset"))), "a call to another service is not the database");
        } finally {
            if (before == null) System.clearProperty(key); else System.setProperty(key, before);
        }
    }

    @Test
    void aPooledConnectionTheServerClosedIsAnOutage() {
        // what a request sees when PostgreSQL stops under an open transaction: the client's stackless throwable
        Throwable closed = new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED");
        assertEquals(503, new ProblemMappers().unexpected(new CompletionException(closed), null).getStatus());
        assertTrue(ProblemMappers.databaseUnavailable(new org.hibernate.HibernateException(
                new io.vertx.core.impl.NoStackTraceThrowable("Pool closed"))));
        // the same words from a call to another service, or outside the data layer, are not this service's database
        assertFalse(ProblemMappers.databaseUnavailable(new jakarta.ws.rs.ProcessingException(closed)));
        assertFalse(ProblemMappers.databaseUnavailable(new IllegalStateException("Connection was closed")));
    }

    @Test
    void sqlStateIsReadFromTheEndOfPgExceptionMessages() {
        assertEquals("57P01", ProblemMappers.trailingSqlState(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null).getMessage()));
        assertEquals(null, ProblemMappers.trailingSqlState("value (too long for a state)"));
        assertEquals(null, ProblemMappers.trailingSqlState(null));
    }

    /** A wrapper whose top frame is in the given class, as when the data layer wraps the socket failure. */
    private static Throwable thrownBy(String className, Throwable cause) {
        CompletionException e = new CompletionException(cause);
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "getConnection", null, 1)});
        return e;
    }
}
