
import java.sql.Connection;
import java.sql.Statement;

/**
 * Runs a real PostgreSQL (zonky's embedded binaries, as registry-service's tests do) with a "registry"
 * database until killed. Usage: java -cp <zonky classpath> RunPostgres.java PORT
 */
public class RunPostgres {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg =
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setPort(port).start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE registry LOGIN PASSWORD 'registry'");
            s.execute("CREATE DATABASE registry OWNER registry");
        }
        System.out.println("POSTGRES READY " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
    }
}
