package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Lists cost a bounded number of SQL statements whatever they hold: each endpoint is asked once for a page of 1 row and
 * once for a page of 50, and PostgreSQL's own pg_stat_statements counts what the service (role {@code registry})
 * executed for each answer. The two counts must be equal (an N+1 query would add 49).
 */
@QuarkusTest
class StatementCountTest {

    private static final String ADMIN = Tokens.bearer("count-admin", "admin");

    @Test
    void vehicleListIsBounded() throws SQLException {
        String one = "One" + suffix();
        String fifty = "Fifty" + suffix();
        insertVehicles(one, 1);
        insertVehicles(fifty, 50);
        long small = statements(() -> given().header("Authorization", ADMIN).queryParam("make", one)
                .queryParam("size", 50).get("/api/v1/vehicles").then().statusCode(200).body("total", equalTo(1)));
        long big = statements(() -> given().header("Authorization", ADMIN).queryParam("make", fifty)
                .queryParam("size", 50).get("/api/v1/vehicles").then().statusCode(200).body("total", equalTo(50)));
        assertEquals(small, big, "statements for 1 vehicle vs 50");
    }

    @Test
    void historyIsBounded() throws SQLException {
        String a = insertVehicles("HistA" + suffix(), 1).get(0);
        String b = insertVehicles("HistB" + suffix(), 1).get(0);
        insertReadings(a, 1);
        insertReadings(b, 50);
        long small = statements(() -> given().header("Authorization", ADMIN).get("/api/v1/vehicles/{vin}/history", a)
                .then().statusCode(200));
        long big = statements(() -> given().header("Authorization", ADMIN).get("/api/v1/vehicles/{vin}/history", b)
                .then().statusCode(200).body("odometerReadings.size()", equalTo(50)));
        assertEquals(small, big, "statements for a history of 1 reading vs 50");
    }

    @Test
    void referencePriceListIsBounded() throws SQLException {
        String one = "One" + suffix();
        String fifty = "Fifty" + suffix();
        insertPrices(one, 1);
        insertPrices(fifty, 50);
        long small = statements(() -> given().header("Authorization", ADMIN).queryParam("make", one)
                .queryParam("size", 50).get("/api/v1/reference-prices").then().statusCode(200).body("total", equalTo(1)));
        long big = statements(() -> given().header("Authorization", ADMIN).queryParam("make", fifty)
                .queryParam("size", 50).get("/api/v1/reference-prices").then().statusCode(200).body("total", equalTo(50)));
        assertEquals(small, big, "statements for 1 price vs 50");
    }

    private static final String EXPORT_SERVICE = Tokens.bearer("export-service", "export-service");

    /**
     * Issue 12: what one screening costs registry. export-service reads a vehicle's history and the reference price
     * for its make, model and model year once per screened filing; each read is a round trip per statement on the
     * event loop, so the statements per read are held here (listed when they grow).
     */
    @Test
    void screeningReadsRunFewStatements() throws SQLException {
        String make = "Scr" + suffix();
        String vin = insertVehicles(make, 1).get(0);
        insertReadings(vin, 3);
        insertPrices(make, 1); // model year 2000: what the list below asks for
        try (Connection c = registry(); Statement st = c.createStatement()) { // and the vehicle's own (2024)
            st.execute("INSERT INTO reference_price (make, model, model_year, amount, currency, valid_from) VALUES ('"
                    + make + "', 'Seal', 2024, 21000, 'EUR', DATE '2024-01-01')");
        }
        Runnable history = () -> given().header("Authorization", EXPORT_SERVICE).get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200).body("odometerReadings.size()", equalTo(3));
        Runnable price = () -> given().header("Authorization", EXPORT_SERVICE).queryParam("make", make)
                .queryParam("model", "Seal").queryParam("modelYear", 2000).get("/api/v1/reference-prices")
                .then().statusCode(200).body("items.size()", equalTo(1));
        // what export-service asks since issue 12: both in one call
        Runnable both = () -> given().header("Authorization", EXPORT_SERVICE).queryParam("include", "referencePrice")
                .queryParam("asOf", "2026-06-01").get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200).body("odometerReadings.size()", equalTo(3))
                .body("referencePrice.price.make", equalTo(make)).body("referencePrice.price.modelYear", equalTo(2024));
        history.run(); // warm
        price.run();
        both.run();
        long h = statements(history);
        long p = statements(price);
        long hp = statements(both);
        System.out.println("registry statements: history " + h + ", reference price " + p + ", history with price " + hp);
        assertTrue(h <= HISTORY_STATEMENTS, "a history read ran " + h + " statements (at most " + HISTORY_STATEMENTS + ")");
        assertTrue(p <= PRICE_STATEMENTS, "a reference-price list ran " + p + " statements (at most " + PRICE_STATEMENTS + ")");
        assertTrue(hp <= HISTORY_STATEMENTS + 1, "a history with its reference price ran " + hp + " statements (at most "
                + (HISTORY_STATEMENTS + 1) + ": the price is one more)");
    }

    /**
     * The vehicle, then its registrations, deregistrations, odometer readings and title brands in one statement
     * (HistoryService.RECORDS). It was 5: the four lists one by one.
     */
    static final int HISTORY_STATEMENTS = 2;
    /** A page and its count (export-service no longer asks for it per screening: include=referencePrice instead). */
    static final int PRICE_STATEMENTS = 2;

    /** Statements the service's role executed while {@code request} ran. */
    private static long statements(Runnable request) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
            request.run();
            try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                    + "WHERE userid = 'registry'::regrole AND dbid = (SELECT oid FROM pg_database WHERE datname = 'registry')")) {
                rs.next();
                long n = rs.getLong(1);
                assertTrue(n > 0, "the service's statements are counted");
                return n;
            }
        }
    }

    private static java.util.List<String> insertVehicles(String make, int n) throws SQLException {
        java.util.List<String> vins = new java.util.ArrayList<>();
        try (Connection c = registry(); PreparedStatement ps = c.prepareStatement("INSERT INTO vehicle (vin, manufacturer, "
                + "make, model, model_year, fuel_type, drive_side) VALUES (?, 'BYD Auto', ?, 'Seal', 2024, 'BEV', 'LHD')")) {
            for (int i = 0; i < n; i++) {
                String vin = TestVins.freshByd();
                vins.add(vin);
                ps.setString(1, vin);
                ps.setString(2, make);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return vins;
    }

    private static void insertReadings(String vin, int n) throws SQLException {
        try (Connection c = registry(); PreparedStatement ps = c.prepareStatement("INSERT INTO odometer_reading "
                + "(vin, reading_date, km, source) VALUES (?, DATE '2024-01-01' + ?, ?, 'SERVICE')")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, vin);
                ps.setInt(2, i);
                ps.setInt(3, i * 100);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertPrices(String make, int n) throws SQLException {
        try (Connection c = registry(); PreparedStatement ps = c.prepareStatement("INSERT INTO reference_price "
                + "(make, model, model_year, amount, currency, valid_from) VALUES (?, 'Seal', ?, 20000, 'EUR', DATE '2024-01-01')")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, make);
                ps.setInt(2, 2000 + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Connection registry() throws SQLException {
        return PostgresResource.server().getDatabase("registry", "registry").getConnection();
    }

    private static Connection superuser() throws SQLException {
        return PostgresResource.server().getDatabase("postgres", "registry").getConnection();
    }
}
