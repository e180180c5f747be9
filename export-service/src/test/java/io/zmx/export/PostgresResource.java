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

/**
 * A real PostgreSQL server (zonky's embedded binaries) for the tests: one server per test JVM. Tests share its
 * {@code exports} database, except under a test profile class named {@value #OWN_DATABASE} (nested in its test
 * class), which gets a database of its own, empty before Flyway: a test that needs to know every row of a kind
 * (AdmissionTest counts every SUBMITTED filing) cannot share the rows other tests leave behind.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    static final String OWN_DATABASE = "OwnDatabase";

    private static EmbeddedPostgres postgres;

    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

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
        String database = database();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("exports", database),
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres.getPort() + "/" + database,
                "quarkus.datasource.username", "exports",
                "quarkus.datasource.password", "exports");
    }

    /** {@code exports}, or a fresh database for a profile named {@value #OWN_DATABASE} (dropped first if a run left it). */
    private String database() {
        if (profile == null || !profile.endsWith("$" + OWN_DATABASE)) {
            return "exports";
        }
        String name = "exports_" + profile.substring(profile.lastIndexOf('.') + 1, profile.lastIndexOf('$')).toLowerCase();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " OWNER exports");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    /** The superuser's view of the service's database, for tests that play an intruder or load bulk data. */
    public static DataSource superuser() {
        return postgres.getDatabase("postgres", "exports");
    }

    /** The superuser's view of another database of the server (a profile's own, see {@value #OWN_DATABASE}). */
    public static DataSource superuser(String database) {
        return postgres.getDatabase("postgres", database);
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM; zonky removes its data directory on shutdown
    }
}
