package io.zmx.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One real PostgreSQL server (zonky's embedded binaries, unpacked from Maven Central) with one database
 * and one owner role per service, as in production where each service owns its database.
 */
public final class Database implements AutoCloseable {

    public static final List<String> DATABASES = List.of("registry", "compliance", "exports");

    private final EmbeddedPostgres postgres;

    private Database(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static Database start(int port, Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(true);
            }
            Database db = new Database(builder.start());
            db.createServiceDatabases();
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL on 127.0.0.1:" + port
                    + " (is the port taken?)", e);
        }
    }

    private void createServiceDatabases() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String name : DATABASES) {
                s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
                s.execute("CREATE DATABASE " + name + " OWNER " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the service databases", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
