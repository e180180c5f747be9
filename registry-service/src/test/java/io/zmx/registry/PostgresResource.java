package io.zmx.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** A real PostgreSQL server (zonky's embedded binaries) for the tests: one server per test JVM. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                // pg_stat_statements: StatementCountTest counts what the service asks the server
                postgres = EmbeddedPostgres.builder().setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .start();
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE registry LOGIN PASSWORD 'registry'");
                    s.execute("CREATE DATABASE registry OWNER registry");
                }
                try (Connection c = postgres.getDatabase("postgres", "registry").getConnection();
                     Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("registry", "registry"),
                "quarkus.datasource.username", "registry",
                "quarkus.datasource.password", "registry");
    }

    /** The running server (after a Quarkus test started it), for tests that need a database of their own. */
    static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is started with the first @QuarkusTest");
        }
        return postgres;
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM; zonky removes its data directory on shutdown
    }
}
