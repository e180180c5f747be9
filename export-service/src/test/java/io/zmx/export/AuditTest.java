package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTest {

    final String cc = Fixtures.creditCode();
    final String exporter = Tokens.exporter("exp-" + cc, cc);

    private String filingWithThreeEvents() {
        String id = given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 5)).post("/api/v1/filings")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", exporter).post("/api/v1/filings/" + id + "/submit").then().statusCode(200);
        given().header("Authorization", exporter).contentType(ContentType.JSON).body("{\"reason\":\"buyer cancelled\"}")
                .post("/api/v1/filings/" + id + "/withdraw").then().statusCode(200);
        return id;
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteEvents() throws SQLException {
        String id = filingWithThreeEvents();
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE filing_events SET reason = 'x' WHERE filing_id = '" + id + "'"));
            assertTrue(e.getMessage().contains("append-only"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM filing_events WHERE filing_id = '" + id + "'"));
        }
    }

    @Test
    void verificationNamesTheFirstAlteredEvent() throws SQLException {
        String id = filingWithThreeEvents();
        given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events/verification").then()
                .statusCode(200).body("valid", equalTo(true)).body("events", equalTo(3));
        long second = ((Number) given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events")
                .path("[1].id")).longValue();
        // an intruder with the database owner's rights switches the guard off and rewrites history
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE filing_events DISABLE TRIGGER filing_events_append_only");
            s.executeUpdate("UPDATE filing_events SET actor = 'someone-else' WHERE id = " + second);
            s.execute("ALTER TABLE filing_events ENABLE TRIGGER filing_events_append_only");
        }
        given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events/verification").then()
                .statusCode(200).body("valid", equalTo(false))
                .body("firstBrokenEventId", equalTo((int) second))
                .body("firstBrokenSeq", equalTo(2))
                .body("problem", containsString("altered"));
    }

    @Test
    void verificationNoticesARemovedLastEvent() throws SQLException {
        String id = filingWithThreeEvents();
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE filing_events DISABLE TRIGGER filing_events_append_only");
            s.executeUpdate("DELETE FROM filing_events WHERE filing_id = '" + id + "' AND seq = 3");
            s.execute("ALTER TABLE filing_events ENABLE TRIGGER filing_events_append_only");
        }
        given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events/verification").then()
                .statusCode(200).body("valid", equalTo(false)).body("firstBrokenSeq", equalTo(3));
    }
}
