package io.zmx.export.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zmx.export.PostgresResource;
import io.zmx.export.Tokens;
import io.zmx.export.service.ReportService;
import io.zmx.export.service.ReportService.Dimension;
import io.zmx.export.service.ReportService.Filters;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Report endpoint against the same query in raw SQL on 1,000,000 generated filings (about 90%
 * zero-mileage). Run with bench/export/run.sh; results go to stdout and target/bench-report.md.
 * Endpoint and raw SQL are measured interleaved, in the same JVM against the same database.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "zmx.bench", matches = "true")
class ReportBench {

    static final int FILINGS = Integer.getInteger("zmx.bench.filings", 1_000_000);
    static final int ROUNDS = Integer.getInteger("zmx.bench.rounds", 40);

    static final String[] MAKERS = {"BYD Auto", "Geely", "Chery", "Great Wall", "SAIC MG", "Changan", "GAC", "Dongfeng",
            "FAW", "Tesla Shanghai", "Li Auto", "XPeng", "Leapmotor", "JAC", "SAIC-GM-Wuling"};
    static final int[] MAKER_WEIGHTS = {22, 14, 14, 8, 7, 7, 5, 4, 4, 3, 3, 3, 2, 2, 2};
    static final String[] REGIONS = {"CN-SC", "CN-GD", "CN-TJ", "CN-SH", "CN-BJ", "CN-XJ", "CN-ZJ", "CN-SD", "CN-CQ",
            "CN-HI", "CN-FJ", "CN-HE", "CN-JS", "CN-HB", "CN-AH"};
    static final int[] REGION_WEIGHTS = {16, 15, 12, 9, 6, 8, 6, 5, 5, 4, 4, 3, 3, 2, 2};
    static final String[] DESTINATIONS = {"RU", "KZ", "KG", "UZ", "AE", "SA", "AZ", "GE", "JO", "TJ", "AM", "BY", "MN", "EG", "IQ"};
    static final int[] DESTINATION_WEIGHTS = {34, 14, 12, 8, 7, 5, 3, 3, 2, 2, 2, 3, 2, 2, 1};

    @TestHTTPResource("/api/v1/reports/zero-mileage")
    URL endpoint;

    @Test
    void reportEndpointVersusRawSql() throws Exception {
        long t0 = System.nanoTime();
        load();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;

        record Case(String name, Dimension by, Filters filters, String query) {}
        List<Case> cases = List.of(
                new Case("by month, no filter", Dimension.MONTH, new Filters(null, null, null, null, null), "groupBy=month"),
                new Case("by maker, destination=RU, 2025", Dimension.MAKER,
                        new Filters(YearMonth.of(2025, 1), YearMonth.of(2025, 12), "RU", null, null),
                        "groupBy=maker&destination=RU&from=2025-01&to=2025-12"),
                new Case("by region, maker=BYD Auto", Dimension.REGION, new Filters(null, null, null, "BYD Auto", null),
                        "groupBy=region&maker=BYD%20Auto"),
                new Case("by destination, region=CN-SC", Dimension.DESTINATION, new Filters(null, null, null, null, "CN-SC"),
                        "groupBy=destination&region=CN-SC"),
                // no matching rows: shows the fixed cost of HTTP, token check and JSON around a near-free query
                new Case("floor: region=CN-ZZ (empty)", Dimension.DESTINATION, new Filters(null, null, null, null, "CN-ZZ"),
                        "groupBy=destination&region=CN-ZZ"));

        String token = Tokens.bearer("bench", "analyst");
        StringBuilder out = new StringBuilder();
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM zero_mileage_rollup")) {
            rs.next();
            out.append("rollup rows: ").append(rs.getLong(1)).append('\n');
        }
        out.append("filings loaded: ").append(FILINGS).append(" in ").append(loadMs).append(" ms (COPY + rollup rebuild)\n\n");
        out.append("| report | endpoint median ms | raw SQL (rollup) median ms | endpoint p95 ms | raw SQL p95 ms | raw/endpoint | raw SQL on filings table median ms |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        try (Connection c = PostgresResource.superuser().getConnection()) {
            for (Case k : cases) {
                ReportService.Query q = ReportService.sql(k.by(), k.filters());
                URL url = URI.create(endpoint + "?" + k.query()).toURL();
                double[] api = new double[ROUNDS];
                double[] raw = new double[ROUNDS];
                for (int i = -5; i < ROUNDS; i++) { // 5 warm-up rounds, then measured rounds, interleaved
                    long a = System.nanoTime();
                    get(url, token);
                    long b = System.nanoTime();
                    int rows = rawSql(c, q.sql(), q.params());
                    long d = System.nanoTime();
                    if (rows == 0 && !k.name().startsWith("floor")) throw new IllegalStateException("empty report for " + k.name());
                    if (i >= 0) {
                        api[i] = (b - a) / 1e6;
                        raw[i] = (d - b) / 1e6;
                    }
                }
                double base = baseTable(c, k.by(), k.filters());
                double apiMed = pct(api, 50);
                double rawMed = pct(raw, 50);
                out.append(String.format("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |%n", k.name(), apiMed, rawMed,
                        pct(api, 95), pct(raw, 95), rawMed / apiMed, base));
            }
        }
        System.out.println("\n==== export-service report benchmark ====\n" + out);
        Path report = Path.of("target/bench-report.md");
        Files.writeString(report, out.toString());
    }

    /**
     * One GET on a kept-alive connection, read to the end, on the calling thread (HttpURLConnection does the
     * I/O itself; java.net.http would add its selector thread's hops to every measurement).
     */
    private static void get(URL url, String token) throws IOException {
        HttpURLConnection con = (HttpURLConnection) url.openConnection();
        con.setRequestProperty("Authorization", token);
        con.setRequestProperty("Accept", "application/json");
        int status = con.getResponseCode();
        try (InputStream in = status == 200 ? con.getInputStream() : con.getErrorStream()) {
            byte[] body = in.readAllBytes();
            if (status != 200) throw new IllegalStateException(status + " " + new String(body));
        }
    }

    private static int rawSql(Connection c, String sql, List<Object> params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                    rs.getLong(2);
                    rs.getLong(3);
                    n++;
                }
            }
            return n;
        }
    }

    /** The same figures computed from the filings table itself (what the rollup saves), median of 5. */
    private static double baseTable(Connection c, Dimension by, Filters f) throws Exception {
        String column = switch (by) {
            case MONTH -> "date_trunc('month', planned_export_date)";
            case DESTINATION -> "destination";
            case MAKER -> "maker";
            case REGION -> "origin_region";
        };
        String sql = ReportService.sql(by, f).sql()
                .replace("FROM zero_mileage_rollup", "FROM filings")
                .replace("sum(filings), sum(zero_mileage)", "count(*), count(*) FILTER (WHERE zero_mileage)")
                .replace("SELECT month AS k", "SELECT " + column + " AS k")
                .replace("month >=", "planned_export_date >=")
                .replace("month <=", "date_trunc('month', planned_export_date) <=")
                .replace(" WHERE 1 = 1", " WHERE screened_at IS NOT NULL");
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long a = System.nanoTime();
            rawSql(c, sql, ReportService.sql(by, f).params());
            t[i] = (System.nanoTime() - a) / 1e6;
        }
        return pct(t, 50);
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    /** 1M screened filings straight into the database with COPY, then the rollup as screening would have kept it. */
    private static void load() throws Exception {
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY filings (id, number, version, status, exporter_credit_code, created_by, vin, destination, consignee,
                      consignee_official_rep, declared_status, declared_odometer_km, declared_value, declared_currency,
                      hs_code, port_of_exit, planned_export_date, created_at, updated_at, screened_at, lane, zero_mileage,
                      maker, origin_region) FROM STDIN""");
            Random rnd = new Random(42);
            String[] statuses = {"CLEARED", "SHIPPED", "ARRIVED", "ACCEPTED", "HELD", "REJECTED"};
            StringBuilder sb = new StringBuilder(1 << 20);
            LocalDate start = LocalDate.of(2024, 1, 1);
            for (int i = 0; i < FILINGS; i++) {
                boolean zero = rnd.nextInt(100) < 90;
                LocalDate export = start.plusDays(rnd.nextInt(731));
                String ts = export.minusDays(3) + " 10:00:00+00";
                sb.append(new UUID(rnd.nextLong(), rnd.nextLong())).append('\t')
                        .append("ZMX-B-").append(i).append('\t').append("1\t")
                        .append(statuses[rnd.nextInt(statuses.length)]).append('\t')
                        .append("91350100M000100Y43\tbench\t")
                        .append("LGXCE4CB0R0").append(String.format("%06d", i % 1_000_000)).append('\t')
                        .append(pick(rnd, DESTINATIONS, DESTINATION_WEIGHTS)).append('\t')
                        .append("Consignee ").append(rnd.nextInt(5000)).append('\t')
                        .append(rnd.nextInt(10) == 0 ? "t" : "f").append('\t')
                        .append("USED\t").append(zero ? rnd.nextInt(40) : 200 + rnd.nextInt(60_000)).append('\t')
                        .append(9000 + rnd.nextInt(30_000)).append(".00\tUSD\t8703801090\tKhorgos\t")
                        .append(export).append('\t').append(ts).append('\t').append(ts).append('\t').append(ts).append('\t')
                        .append(rnd.nextInt(10) < 8 ? "GREEN" : "YELLOW").append('\t')
                        .append(zero ? "t" : "f").append('\t')
                        .append(pick(rnd, MAKERS, MAKER_WEIGHTS)).append('\t')
                        .append(pick(rnd, REGIONS, REGION_WEIGHTS)).append('\n');
                if (sb.length() > (1 << 20) - 2048) {
                    write(copy, sb);
                }
            }
            write(copy, sb);
            copy.endCopy();
            s.execute("""
                    INSERT INTO zero_mileage_rollup AS r (month, destination, maker, origin_region, filings, zero_mileage)
                    SELECT date_trunc('month', planned_export_date)::date, destination, maker, coalesce(origin_region, 'unknown'),
                           count(*), count(*) FILTER (WHERE zero_mileage)
                      FROM filings WHERE number LIKE 'ZMX-B-%' GROUP BY 1, 2, 3, 4
                    ON CONFLICT (month, destination, maker, origin_region)
                    DO UPDATE SET filings = r.filings + EXCLUDED.filings, zero_mileage = r.zero_mileage + EXCLUDED.zero_mileage""");
            s.execute("VACUUM ANALYZE filings");
            s.execute("VACUUM ANALYZE zero_mileage_rollup");
        }
    }

    private static void write(CopyIn copy, StringBuilder sb) throws Exception {
        byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        sb.setLength(0);
    }

    private static String pick(Random rnd, String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) total += w;
        int x = rnd.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) return values[i];
        }
        return values[values.length - 1];
    }
}
