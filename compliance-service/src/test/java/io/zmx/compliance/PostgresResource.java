package io.zmx.compliance;

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
                // pg_stat_statements: StatementCountTest counts the statements a request runs
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all")
                        .start();
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE compliance LOGIN PASSWORD 'compliance'");
                    s.execute("CREATE DATABASE compliance OWNER compliance");
                }
                try (Connection c = superuser(); Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("compliance", "compliance"),
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + postgres.getPort() + "/compliance",
                "quarkus.datasource.username", "compliance",
                "quarkus.datasource.password", "compliance");
    }

    /** A superuser connection to the service's database (tests only: statement statistics). */
    static Connection superuser() throws SQLException {
        return postgres.getDatabase("postgres", "compliance").getConnection();
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM; zonky removes its data directory on shutdown
    }
}
