import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Copies one stored evaluation (made through the API, so its input is exactly what the service stores) into
 * N rows spread over 2026, the given destinations and both drive sides, in one INSERT ... SELECT generate_series.
 * Usage: java -cp "local-stack/target/lib/*" bench/compliance/Seed.java JDBC_URL USER PASSWORD N [DESTINATIONS]
 * (DESTINATIONS: comma-separated, default KZ,KG,RU; the rows cycle through them)
 */
public class Seed {
    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2];
        long n = Long.parseLong(args[3]);
        String[] destinations = (args.length > 4 ? args[4] : "KZ,KG,RU").split(",");
        if (!String.join(",", destinations).matches("[A-Z]{2}(,[A-Z]{2})*")) {
            throw new IllegalArgumentException("destinations: two-letter codes, comma-separated");
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            int rows = s.executeUpdate(("""
                INSERT INTO evaluation (id, reference, origin, destination, as_of, outcome, lane, input, result, evaluated_at, evaluated_by)
                SELECT gen_random_uuid(), 'BENCH-' || g, e.origin, d.code,
                       DATE '2026-01-01' + (g % 360)::int, e.outcome, e.lane,
                       jsonb_set(jsonb_set(jsonb_set(e.input, '{destination}', to_jsonb(d.code)),
                                 '{filing,destination}', to_jsonb(d.code)),
                                 '{vehicle,driveSide}', to_jsonb(CASE WHEN g % 10 = 0 THEN 'RHD' ELSE 'LHD' END)),
                       e.result, now(), 'bench'
                FROM (SELECT * FROM evaluation WHERE reference = 'BENCH-TEMPLATE' LIMIT 1) e,
                     generate_series(1, $N) g,
                     LATERAL (SELECT (ARRAY[$D])[1 + g % $K] AS code) d
                """).replace("$N", Long.toString(n)).replace("$D", "'" + String.join("','", destinations) + "'")
                    .replace("$K", Integer.toString(destinations.length)));
            s.execute("ANALYZE evaluation");
            try (ResultSet r = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('evaluation'))")) {
                r.next();
                System.out.printf("seeded %,d evaluations in %.1f s (table with indexes: %s)%n", rows,
                        (System.nanoTime() - t0) / 1e9, r.getString(1));
            }
        }
    }
}
