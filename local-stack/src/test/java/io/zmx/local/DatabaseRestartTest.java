package io.zmx.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault tests' PostgreSQL outage: stop() cuts every session and refuses new ones; restart() brings the same data back. */
class DatabaseRestartTest {

    @Test
    void stopRefusesConnectionsAndRestartKeepsTheDataOnTheSamePort(@TempDir Path dir) throws Exception {
        int port = LocalStack.Ports.free().postgres();
        try (Database db = Database.start(port, dir.resolve("postgres"))) {
            String url = db.jdbcUrl("registry");
            try (Connection c = DriverManager.getConnection(url, "registry", "registry"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survivor (id int)");
                s.execute("INSERT INTO survivor VALUES (42)");
            }
            Connection open = DriverManager.getConnection(url, "registry", "registry");

            db.stop();
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "registry", "registry").close());
            assertThrows(SQLException.class, () -> open.createStatement().execute("SELECT 1"), "sessions are cut");

            db.restart();
            try (Connection c = DriverManager.getConnection(url, "registry", "registry"); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id FROM survivor")) {
                r.next();
                assertEquals(42, r.getInt(1));
            }
            // and it stops and restarts again, as a second outage in the same run would
            db.stop();
            db.restart();
            try (Connection c = DriverManager.getConnection(url, "registry", "registry")) {
                assertEquals(port, db.port());
            }
        }
    }

    @Test
    void postmasterOptsAreReadArgumentByArgument() {
        assertEquals(List.of("/x/bin/postgres", "-D", "/data dir", "-p", "5432", "-c", "a=\"b\""),
                Database.parseOpts("/x/bin/postgres \"-D\" \"/data dir\" \"-p\" \"5432\" \"-c\" \"a=\\\"b\\\"\"\n"));
    }
}
