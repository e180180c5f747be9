package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.zmx.edge.CallerHangsUp;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A registrar whose client hangs up while its write waits inside the transaction (a client timeout, a dropped link)
 * gets the write finished, not cut off: the registration or reading is stored once, with what it derives (the
 * vehicle's status), no connection of the service stays inside a transaction, and the service serves on. These
 * writes carry no Idempotency-Key; they are idempotent on their natural key, so a retry answers the stored row.
 * The write is held by a table lock taken over JDBC while the test closes its socket (edge's {@code CallerHangsUp}).
 */
@QuarkusTest
class ClientDisconnectTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CallerHangsUp caller = new CallerHangsUp(
            () -> PostgresResource.server().getDatabase("postgres", "registry").getConnection(), "registry");

    @Test
    void aRegistrationWhoseCallerHungUpMidTransactionIsStoredWithTheVehiclesStatus() throws Exception {
        String vin = HistoryApiTest.newVehicle();
        Map<String, Object> registration = Map.of("date", "2024-03-02", "region", "CN-SC", "city", "Chengdu",
                "plate", "川A54321", "ownerType", "COMPANY", "ownerId", "91510100MA61234567");

        hangUpBehindALock("registration", "/api/v1/vehicles/" + vin + "/registrations", registration);

        assertTrue(caller.waitFor("SELECT count(*) FROM registration WHERE vin = '" + vin + "'", 1),
                "the registration whose caller hung up was not stored");
        caller.assertNoTransactionLeftOpen();
        given().header("Authorization", HistoryApiTest.READER).get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200).body("vehicle.status", equalTo("REGISTERED"))
                .body("vehicle.firstRegistrationDate", equalTo("2024-03-02"));
        // the caller's retry answers the stored registration (200, not a second one)
        HistoryApiTest.post(vin, "registrations", registration, 200);
        assertEquals(1, caller.count("SELECT count(*) FROM registration WHERE vin = '" + vin + "'"));
    }

    @Test
    void anOdometerReadingWhoseCallerHungUpMidTransactionIsStoredAndTheServiceServesOn() throws Exception {
        String vin = HistoryApiTest.newVehicle();

        hangUpBehindALock("odometer_reading", "/api/v1/vehicles/" + vin + "/odometer-readings",
                Map.of("date", "2024-02-01", "km", 12, "source", "REGISTRATION"));

        assertTrue(caller.waitFor("SELECT count(*) FROM odometer_reading WHERE vin = '" + vin + "'", 1),
                "the reading whose caller hung up was not stored");
        caller.assertNoTransactionLeftOpen();
        // the pool's connections serve others as before (one handed back mid-transaction would fail here)
        for (int i = 0; i < 20; i++) {
            HistoryApiTest.post(vin, "odometer-readings", Map.of("date", "2024-03-" + (10 + i), "km", 100 + i, "source", "SERVICE"), 201);
        }
        given().header("Authorization", HistoryApiTest.READER).get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200).body("odometerReadings.km[0]", equalTo(12));
        assertEquals(21, caller.count("SELECT count(*) FROM odometer_reading WHERE vin = '" + vin + "'"));
    }

    private void hangUpBehindALock(String table, String path, Map<String, Object> body) throws Exception {
        try (Connection lock = caller.sendBehindALockAndHangUp(table, "POST", path,
                Map.of("Authorization", HistoryApiTest.REGISTRAR), JSON.writeValueAsString(body))) {
            Thread.sleep(300); // the service notices the closed connection
            lock.rollback(); // the lock goes; the write goes on
        }
    }
}
