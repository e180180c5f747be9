package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HistoryApiTest {

    static final String REGISTRAR = Tokens.bearer("sc-registry", "registrar");
    static final String READER = Tokens.bearer("cn-customs", "customs"); // reads every vehicle in full

    static String newVehicle() {
        return VehicleApiTest.create(VehicleApiTest.vehicle(TestVins.freshByd(), "BYD", "Song Plus", "PHEV", "2024-01-10"));
    }

    static void post(String vin, String kind, Map<String, ?> body, int status) {
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles/{vin}/" + kind, vin).then().statusCode(status);
    }

    @Test
    void odometerRollbackIsRefusedUnlessSentAsACorrection() {
        String vin = newVehicle();
        post(vin, "odometer-readings", Map.of("date", "2024-02-01", "km", 12, "source", "REGISTRATION"), 201);
        post(vin, "odometer-readings", Map.of("date", "2024-06-01", "km", 5400, "source", "SERVICE"), 201);
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-08-01", "km", 30, "source", "EXPORT_INSPECTION"))
                .post("/api/v1/vehicles/{vin}/odometer-readings", vin)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/odometer-rollback"))
                .body("detail", containsString("5400 km recorded on 2024-06-01"));
        // a back-dated reading higher than a later one contradicts the record too
        post(vin, "odometer-readings", Map.of("date", "2024-03-01", "km", 9000, "source", "OWNER"), 409);
        // a correction needs a reason
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-08-01", "km", 30, "source", "EXPORT_INSPECTION", "correction", true))
                .post("/api/v1/vehicles/{vin}/odometer-readings", vin)
                .then().statusCode(400).body("violations.field", hasItem("reason"));
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-08-01", "km", 30, "source", "EXPORT_INSPECTION", "correction", true,
                        "reason", "instrument cluster replaced under warranty"))
                .post("/api/v1/vehicles/{vin}/odometer-readings", vin)
                .then().statusCode(201).body("rollback", equalTo(true)).body("correction", equalTo(true));
        // after the accepted correction the new baseline counts
        post(vin, "odometer-readings", Map.of("date", "2024-09-01", "km", 900, "source", "SERVICE"), 201);
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200)
                .body("odometerReadings.km", contains(12, 5400, 30, 900))
                .body("odometerReadings.rollback", contains(false, false, true, false));
    }

    @Test
    void historyIsInTimeOrderAndStatusFollowsTheLatestEvent() {
        String vin = newVehicle();
        // sent out of order on purpose
        post(vin, "deregistrations", Map.of("date", "2024-03-20", "reason", "EXPORT", "region", "CN-SC"), 201);
        post(vin, "registrations", Map.of("date", "2024-03-02", "region", "CN-SC", "city", "Chengdu",
                "plate", "川A12345", "ownerType", "COMPANY", "ownerId", "91510100MA61234567"), 201);
        post(vin, "odometer-readings", Map.of("date", "2024-03-18", "km", 15, "source", "EXPORT_INSPECTION"), 201);
        post(vin, "odometer-readings", Map.of("date", "2024-03-02", "km", 8, "source", "REGISTRATION"), 201);
        post(vin, "title-brands", Map.of("brand", "FLOOD", "date", "2024-03-10", "source", "PICC"), 201);
        // the same registration again is stored once
        post(vin, "registrations", Map.of("date", "2024-03-02", "region", "CN-SC", "city", "Chengdu",
                "plate", "川A12345", "ownerType", "COMPANY", "ownerId", "91510100MA61234567"), 200);
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", vin)
                .then().statusCode(200)
                .body("vehicle.vin", equalTo(vin))
                .body("vehicle.status", equalTo("DEREGISTERED"))
                .body("vehicle.firstRegistrationDate", equalTo("2024-03-02"))
                .body("registrations", hasSize(1))
                .body("registrations[0].plate", equalTo("川A12345"))
                .body("deregistrations[0].reason", equalTo("EXPORT"))
                .body("odometerReadings.date", contains("2024-03-02", "2024-03-18"))
                .body("titleBrands[0].brand", equalTo("FLOOD"))
                .body("timeline.date", contains("2024-01-10", "2024-03-02", "2024-03-02", "2024-03-10",
                        "2024-03-18", "2024-03-20"))
                .body("timeline.kind", contains("PRODUCTION", "REGISTRATION", "ODOMETER_READING", "TITLE_BRAND",
                        "ODOMETER_READING", "DEREGISTRATION"));
        // registered again after the deregistration: REGISTERED
        post(vin, "registrations", Map.of("date", "2024-05-01", "region", "CN-GD", "ownerType", "PERSON"), 201);
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", vin)
                .then().body("status", equalTo("REGISTERED")).body("firstRegistrationDate", equalTo("2024-03-02"));
    }

    @Test
    void historyWritesNeedTheRegistrarRoleAndAKnownVehicle() {
        String vin = newVehicle();
        given().header("Authorization", VehicleApiTest.MAKER).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-03-02", "region", "CN-SC", "ownerType", "DEALER"))
                .post("/api/v1/vehicles/{vin}/registrations", vin)
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("root", "admin")).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-03-02", "region", "CN-SC", "ownerType", "DEALER"))
                .post("/api/v1/vehicles/{vin}/registrations", vin).then().statusCode(201);
        post(TestVins.freshByd(), "registrations", Map.of("date", "2024-03-02", "region", "CN-SC", "ownerType", "DEALER"), 404);
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-03-02", "region", "Sichuan", "ownerType", "DEALER"))
                .post("/api/v1/vehicles/{vin}/registrations", vin)
                .then().statusCode(400).body("violations.field", hasItem("region"));
    }

    @Test
    void registrationKindsDefaultAndTheTransferForExportDateIsDerived() {
        String vin = newVehicle();
        // no kind: the first registration is FIRST, a later one TRANSFER
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-02-01", "region", "CN-SC", "plate", "川A00001", "ownerType", "PERSON"))
                .post("/api/v1/vehicles/{vin}/registrations", vin).then().statusCode(201).body("kind", equalTo("FIRST"));
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-05-01", "region", "CN-SC", "plate", "川A00002", "ownerType", "COMPANY"))
                .post("/api/v1/vehicles/{vin}/registrations", vin).then().statusCode(201).body("kind", equalTo("TRANSFER"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", vin)
                .then().body("transferForExportDate", equalTo(null));
        // the transfer to the exporter, then a later one (the latest counts)
        Map<String, String> forExport = Map.of("date", "2025-12-20", "region", "CN-GD", "plate", "粤A00003",
                "ownerType", "COMPANY", "kind", "TRANSFER_FOR_EXPORT");
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON).body(forExport)
                .post("/api/v1/vehicles/{vin}/registrations", vin).then().statusCode(201)
                .body("kind", equalTo("TRANSFER_FOR_EXPORT"));
        int version = given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", vin)
                .then().body("transferForExportDate", equalTo("2025-12-20")).extract().path("version");
        post(vin, "registrations", Map.of("date", "2026-01-05", "region", "CN-GD", "plate", "粤A00004",
                "ownerType", "COMPANY", "kind", "TRANSFER_FOR_EXPORT"), 201);
        // retried: same answer; the same registration with another kind is a conflict, not a silent change
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON).body(forExport)
                .post("/api/v1/vehicles/{vin}/registrations", vin).then().statusCode(200)
                .body("kind", equalTo("TRANSFER_FOR_EXPORT"));
        post(vin, "registrations", Map.of("date", "2025-12-20", "region", "CN-GD", "plate", "粤A00003",
                "ownerType", "COMPANY"), 200);
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("date", "2025-12-20", "region", "CN-GD", "plate", "粤A00003", "ownerType", "COMPANY",
                        "kind", "TRANSFER"))
                .post("/api/v1/vehicles/{vin}/registrations", vin).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/registration-kind-conflict"));
        given().header("Authorization", REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("date", "2025-12-21", "region", "CN-GD", "ownerType", "COMPANY", "kind", "EXPORT"))
                .post("/api/v1/vehicles/{vin}/registrations", vin).then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", vin).then().statusCode(200)
                .body("vehicle.transferForExportDate", equalTo("2026-01-05"))
                .body("vehicle.firstRegistrationDate", equalTo("2024-02-01"))
                .body("vehicle.version", org.hamcrest.Matchers.greaterThan(version))
                .body("registrations.kind", contains("FIRST", "TRANSFER", "TRANSFER_FOR_EXPORT", "TRANSFER_FOR_EXPORT"))
                .body("timeline.summary", hasItem(containsString("transfer for export")));
    }

    /**
     * Issue 12: a screening reads the history and the reference price for the vehicle's make, model and model year;
     * include=referencePrice answers both in one call, the price in force on asOf (as /reference-prices/current does),
     * null when none is in force; without include there is no price; anything else in include is a 400 problem.
     */
    @Test
    void historyCanIncludeTheReferencePriceInForceOnADate() {
        String vin = VehicleApiTest.create(VehicleApiTest.vehicle(TestVins.freshByd(), "BYD",
                "Song Plus P" + TestVins.serial(), "PHEV", "2024-01-10")); // a model of its own: no other test's prices
        String admin = Tokens.bearer("price-admin", "admin");
        var vehicle = given().header("Authorization", admin).get("/api/v1/vehicles/{vin}", vin).then().statusCode(200)
                .extract().jsonPath();
        String make = vehicle.getString("make");
        String model = vehicle.getString("model");
        int year = vehicle.getInt("modelYear");
        for (var p : List.of(Map.of("validFrom", "2031-01-01", "amount", 21000.00), Map.of("validFrom", "2031-07-01", "amount", 19500.00))) {
            given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body(Map.of("make", make, "model", model, "modelYear", year, "validFrom", p.get("validFrom"),
                            "price", Map.of("amount", p.get("amount"), "currency", "USD")))
                    .post("/api/v1/reference-prices").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        String exportService = Tokens.bearer("export-service", "export-service");
        given().header("Authorization", exportService).queryParam("include", "referencePrice").queryParam("asOf", "2031-03-15")
                .get("/api/v1/vehicles/{vin}/history", vin).then().statusCode(200)
                .body("vehicle.vin", org.hamcrest.Matchers.equalTo(vin))
                .body("referencePrice.asOf", org.hamcrest.Matchers.equalTo("2031-03-15"))
                .body("referencePrice.price.validFrom", org.hamcrest.Matchers.equalTo("2031-01-01"))
                .body("referencePrice.price.price.amount", org.hamcrest.Matchers.equalTo(21000.00f))
                .body("referencePrice.price.price.currency", org.hamcrest.Matchers.equalTo("USD"));
        given().header("Authorization", exportService).queryParam("include", "referencePrice").queryParam("asOf", "2031-08-01")
                .get("/api/v1/vehicles/{vin}/history", vin).then().statusCode(200)
                .body("referencePrice.price.validFrom", org.hamcrest.Matchers.equalTo("2031-07-01"));
        given().header("Authorization", exportService).queryParam("include", "referencePrice").queryParam("asOf", "2030-12-31")
                .get("/api/v1/vehicles/{vin}/history", vin).then().statusCode(200)
                .body("referencePrice.asOf", org.hamcrest.Matchers.equalTo("2030-12-31"))
                .body("referencePrice.price", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", exportService).get("/api/v1/vehicles/{vin}/history", vin).then().statusCode(200)
                .body("referencePrice", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", exportService).queryParam("include", "owners")
                .get("/api/v1/vehicles/{vin}/history", vin).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.equalTo("include"));
    }
}
