package io.zmx.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * One real PostgreSQL server (zonky's embedded binaries, unpacked from Maven Central) with one database
 * and one owner role per service, as in production where each service owns its database.
 */
public final class Database implements AutoCloseable {

    public static final List<String> DATABASES = List.of("registry", "compliance", "exports");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    /** The postmaster of a {@link #restart()}, or null while the original one runs. */
    private Process restarted;
    private List<String> postmasterCommand;

    private Database(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
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
            Database db = new Database(builder.start(), dataDirectory);
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

    /**
     * Stops the server as an operator or a failover would (fast shutdown: open sessions are cut, the data stays),
     * so fault tests can watch the services lose their database. {@link #restart()} starts it again.
     */
    public synchronized void stop() {
        if (dataDirectory == null) {
            throw new IllegalStateException("stop() needs a database started with a data directory");
        }
        try {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            // the exact command line the postmaster was started with, as PostgreSQL records it
            postmasterCommand = parseOpts(Files.readString(dataDirectory.resolve("postmaster.opts")));
            ProcessHandle postmaster = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL (pid " + pid + ") is not running"));
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -INT " + pid + " failed");
            }
            postmaster.onExit().get(60, TimeUnit.SECONDS);
            if (restarted != null) {
                restarted.waitFor(10, TimeUnit.SECONDS);
                restarted = null;
            }
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot stop PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server stopped by {@link #stop()} on the same port and data, and waits until it takes connections. */
    public synchronized void restart() {
        if (postmasterCommand == null) {
            throw new IllegalStateException("restart() follows stop()");
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky starts it: PostgreSQL refuses to run as root
        }
        command.addAll(postmasterCommand);
        try {
            restarted = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDirectory.resolveSibling("postgres-restart.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart PostgreSQL", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                return;
            } catch (SQLException e) {
                if (!restarted.isAlive()) {
                    throw new IllegalStateException("PostgreSQL exited on restart; see postgres-restart.log", e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL not accepting connections 60 s after restart", e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }
    }

    /** postmaster.opts holds the binary, then each argument in double quotes. */
    static List<String> parseOpts(String opts) {
        List<String> args = new ArrayList<>();
        String text = opts.strip();
        int firstQuote = text.indexOf('"');
        args.add((firstQuote < 0 ? text : text.substring(0, firstQuote)).strip());
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        while (m.find()) {
            args.add(m.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return args;
    }

    @Override
    public synchronized void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        }
        if (restarted != null && restarted.isAlive()) {
            restarted.destroy();
        }
    }
}
