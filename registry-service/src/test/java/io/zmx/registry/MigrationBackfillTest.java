package io.zmx.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V2 on a database holding rows written under V1: registrations get kinds (earliest FIRST, later TRANSFER),
 * vehicles a null transfer-for-export date, and model years decoded into the future are stepped back by whole
 * 30-year cycles. Runs the real migrations on a database of its own in the tests' PostgreSQL server.
 */
@QuarkusTest
class MigrationBackfillTest {

    @Test
    void v2BackfillsKindsAndFutureModelYears() throws Exception {
        String db = "migration_" + System.nanoTime();
        try (Connection admin = PostgresResource.server().getPostgresDatabase().getConnection();
             Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        DataSource ds = PostgresResource.server().getDatabase("postgres", db);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // 'R' without a production date recorded in 2026: 2024, fine. '5' recorded in 2026 as 2035: future.
            s.execute("INSERT INTO vehicle (vin, manufacturer, make, model, model_year, fuel_type, drive_side, "
                    + "production_date, created_at) VALUES "
                    + "('LGXCE4CB0R0000001', 'BYD Auto', 'BYD', 'Seal', 2024, 'BEV', 'LHD', NULL, '2026-03-01T00:00:00Z'), "
                    + "('LGXCE4CB055000002', 'BYD Auto', 'BYD', 'F3', 2035, 'PETROL', 'LHD', NULL, '2026-03-01T00:00:00Z'), "
                    + "('LGXCE4CB0V5000003', 'BYD Auto', 'BYD', 'F3', 2035, 'PETROL', 'LHD', '2005-04-01', '2026-03-01T00:00:00Z')");
            s.execute("INSERT INTO registration (vin, reg_date, region, owner_type) VALUES "
                    + "('LGXCE4CB0R0000001', '2024-06-01', 'CN-SC', 'COMPANY'), "
                    + "('LGXCE4CB0R0000001', '2024-03-01', 'CN-SC', 'PERSON'), "
                    + "('LGXCE4CB0R0000001', '2025-01-01', 'CN-GD', 'COMPANY'), "
                    + "('LGXCE4CB055000002', '2006-01-01', 'CN-BJ', 'PERSON')");
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            List<String> kinds = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT vin, reg_date, kind FROM registration ORDER BY vin, reg_date")) {
                while (rs.next()) {
                    kinds.add(rs.getString(1).substring(14) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            assertEquals(List.of("002 2006-01-01 FIRST", "001 2024-03-01 FIRST", "001 2024-06-01 TRANSFER",
                    "001 2025-01-01 TRANSFER"), kinds);
            try (ResultSet rs = s.executeQuery("SELECT vin, model_year, version, transfer_for_export_date FROM vehicle "
                    + "ORDER BY vin")) {
                int[][] expected = {{2005, 1}, {2024, 0}, {2005, 1}};
                int i = 0;
                while (rs.next()) {
                    assertEquals(expected[i][0], rs.getInt(2), rs.getString(1));
                    assertEquals(expected[i][1], rs.getInt(3), rs.getString(1));
                    assertNull(rs.getDate(4));
                    i++;
                }
                assertEquals(3, i);
            }
        }
    }
}
