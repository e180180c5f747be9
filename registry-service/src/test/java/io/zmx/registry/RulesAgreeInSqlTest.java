package io.zmx.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.zmx.registry.domain.OdometerRules;
import io.zmx.registry.domain.VehicleStatus;
import io.zmx.registry.persistence.ImportSql;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The odometer rule and the status derivation exist twice: in Java (OdometerRules, VehicleStatus: the API path) and
 * in SQL (ImportSql: the bulk path merging thousands of rows at once). These properties run both on the same
 * randomly generated histories, against the real SQL strings on the real database, and require the same answer.
 */
@QuarkusTest
class RulesAgreeInSqlTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @Inject
    DataSource ds;

    @Test
    void odometerRuleIsTheSameInJavaAndSql() throws SQLException {
        Random random = new Random(20261129L);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int round = 0; round < 400; round++) {
                String vin = vehicle(c);
                List<OdometerRules.Recorded> recorded = new ArrayList<>();
                int readings = random.nextInt(5);
                for (int i = 0; i < readings; i++) {
                    // few distinct days and kilometres, so equal dates and equal readings happen often
                    LocalDate date = START.plusDays(random.nextInt(6));
                    if (recorded.stream().anyMatch(r -> r.date().equals(date))) {
                        continue;
                    }
                    recorded.add(new OdometerRules.Recorded(date, random.nextInt(5) * 100, random.nextInt(4) == 0));
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO odometer_reading "
                        + "(vin, reading_date, km, source, correction, reason, rollback) VALUES (?, ?, ?, 'SERVICE', ?, ?, ?)")) {
                    for (OdometerRules.Recorded r : recorded) {
                        ps.setString(1, vin);
                        ps.setDate(2, Date.valueOf(r.date()));
                        ps.setInt(3, r.km());
                        ps.setBoolean(4, r.rollback());
                        ps.setString(5, r.rollback() ? "cluster replaced" : null);
                        ps.setBoolean(6, r.rollback());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                LocalDate date = START.plusDays(random.nextInt(7) - 1);
                int km = random.nextInt(5) * 100 + (random.nextBoolean() ? 0 : 50);
                boolean java = OdometerRules.contradiction(recorded, date, km).isPresent();
                boolean sql;
                try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM odometer_reading r, "
                        + "(SELECT ?::varchar AS vin, ?::date AS reading_date, ?::int AS km) s WHERE "
                        + ImportSql.CONTRADICTS + ")")) {
                    ps.setString(1, vin);
                    ps.setDate(2, Date.valueOf(date));
                    ps.setInt(3, km);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sql = rs.getBoolean(1);
                    }
                }
                assertEquals(java, sql, "recorded " + recorded + ", new reading " + km + " km on " + date);
            }
            c.rollback();
        }
    }

    @Test
    void statusDerivationIsTheSameInJavaAndSql() throws SQLException {
        Random random = new Random(11291L);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : ImportSql.CREATE_STAGING) {
                    s.execute(sql);
                }
            }
            for (int round = 0; round < 300; round++) {
                String vin = vehicle(c);
                List<LocalDate> registrations = dates(random, 4);
                List<LocalDate> deregistrations = dates(random, 3);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration (vin, reg_date, region, "
                        + "owner_type, kind) VALUES (?, ?, 'CN-SC', 'PERSON', 'TRANSFER')")) {
                    for (LocalDate d : registrations) {
                        ps.setString(1, vin);
                        ps.setDate(2, Date.valueOf(d));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO deregistration (vin, dereg_date, reason) VALUES (?, ?, 'EXPORT')")) {
                    for (LocalDate d : deregistrations) {
                        ps.setString(1, vin);
                        ps.setDate(2, Date.valueOf(d));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (Statement s = c.createStatement()) {
                    s.execute(ImportSql.TRUNCATE);
                    s.execute("INSERT INTO stage_registration (line, vin) VALUES (1, '" + vin + "')");
                    s.executeUpdate(ImportSql.DERIVE_STATUS);
                    try (ResultSet rs = s.executeQuery("SELECT status, first_registration_date FROM vehicle WHERE vin = '"
                            + vin + "'")) {
                        rs.next();
                        String why = "registrations " + registrations + ", deregistrations " + deregistrations;
                        assertEquals(VehicleStatus.derive(registrations, deregistrations).name(), rs.getString(1), why);
                        assertEquals(registrations.stream().min(LocalDate::compareTo).orElse(null),
                                rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate(), why);
                    }
                }
            }
            c.rollback();
        }
    }

    private static List<LocalDate> dates(Random random, int max) {
        List<LocalDate> dates = new ArrayList<>();
        int n = random.nextInt(max);
        for (int i = 0; i < n; i++) {
            LocalDate d = START.plusDays(random.nextInt(5));
            if (!dates.contains(d)) {
                dates.add(d);
            }
        }
        return dates;
    }

    private static String vehicle(Connection c) throws SQLException {
        String vin = TestVins.freshByd();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO vehicle (vin, manufacturer, make, model, model_year, "
                + "fuel_type, drive_side) VALUES (?, 'BYD Auto', 'BYD', 'Seal', 2024, 'BEV', 'LHD')")) {
            ps.setString(1, vin);
            ps.executeUpdate();
        }
        return vin;
    }
}
