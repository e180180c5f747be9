package io.zmx.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
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
}
