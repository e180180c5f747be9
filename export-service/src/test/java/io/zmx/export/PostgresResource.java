package io.zmx.export;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/** A real PostgreSQL server (zonky's embedded binaries) for the tests: one server per test JVM. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                // pg_stat_statements: StatementCountTest counts the statements a request runs
                postgres = EmbeddedPostgres.builder().setServerConfig("shared_preload_libraries", "pg_stat_statements").start();
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE exports LOGIN PASSWORD 'exports'");
                    s.execute("CREATE DATABASE exports OWNER exports");
                }
                try (Connection c = postgres.getDatabase("postgres", "exports").getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("exports", "exports"),
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres.getPort() + "/exports",
                "quarkus.datasource.username", "exports",
                "quarkus.datasource.password", "exports");
    }

    /** The superuser's view of the service's database, for tests that play an intruder or load bulk data. */
    public static DataSource superuser() {
        return postgres.getDatabase("postgres", "exports");
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM; zonky removes its data directory on shutdown
    }
}
