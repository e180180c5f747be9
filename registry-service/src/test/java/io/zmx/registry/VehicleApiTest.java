package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VehicleApiTest {

    static final String MAKER = Tokens.bearer("byd-plant", "manufacturer");
    static final String READER = Tokens.bearer("cn-customs", "customs"); // reads every vehicle in full

    static Map<String, Object> vehicle(String vin, String make, String model, String fuel, String productionDate) {
        return new java.util.HashMap<>(Map.of("vin", vin, "make", make, "model", model, "fuelType", fuel,
                "engineCc", 1498, "powerKw", 81, "driveSide", "LHD", "emissionStandard", "CN6b",
                "productionDate", productionDate));
    }

    static String create(Map<String, Object> body) {
        return given().header("Authorization", MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(201).extract().path("vin");
    }

    @Test
    void createDecodesTheVinAndReadsBack() {
        String vin = TestVins.freshByd();
        given().header("Authorization", MAKER).contentType(ContentType.JSON)
                .body(vehicle(vin.toLowerCase(), "BYD", "Song Plus", "PHEV", "2024-03-01"))
                .post("/api/v1/vehicles")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/vehicles/" + vin))
                .header("ETag", "\"0\"")
                .body("vin", equalTo(vin))
                .body("manufacturer", equalTo("BYD Auto"))
                .body("modelYear", equalTo(2024))
                .body("plantCountry", equalTo("CN"))
                .body("status", equalTo("ACTIVE"))
                .body("firstRegistrationDate", equalTo(null));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", vin)
                .then().statusCode(200).header("ETag", "\"0\"")
                .body("make", equalTo("BYD")).body("fuelType", equalTo("PHEV")).body("version", equalTo(0));
    }

    @Test
    void modelYearThatDisagreesWithTheVinIsRefused() {
        var body = vehicle(TestVins.freshByd(), "BYD", "Seal", "BEV", "2024-03-01");
        body.put("modelYear", 2019);
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(body).post("/api/v1/vehicles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("modelYear"));
        var badVin = vehicle("LGXCE4CB1R0123456", "BYD", "Seal", "BEV", "2024-03-01");
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(badVin).post("/api/v1/vehicles")
                .then().statusCode(400).body("violations.field", hasItem("vin[9]"));
    }

    @Test
    void creationIsIdempotentByVinAndByIdempotencyKey() {
        String vin = TestVins.freshByd();
        var body = vehicle(vin, "BYD", "Dolphin", "BEV", "2024-05-01");
        String key = UUID.randomUUID().toString();
        given().header("Authorization", MAKER).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(201);
        given().header("Authorization", MAKER).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("vin", equalTo(vin));
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(200).body("version", equalTo(0));
        var different = vehicle(vin, "BYD", "Dolphin Mini", "BEV", "2024-05-01");
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(different)
                .post("/api/v1/vehicles").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/vehicle-exists"));
        var other = vehicle(TestVins.freshByd(), "BYD", "Dolphin", "BEV", "2024-05-01");
        given().header("Authorization", MAKER).header("Idempotency-Key", key).contentType(ContentType.JSON).body(other)
                .post("/api/v1/vehicles").then().statusCode(422)
                .body("type", equalTo("https://zmx.io/problems/idempotency-key-reused"));
    }

    @Test
    void concurrentRetriesWithOneKeyReplayInsteadOfConflicting() throws Exception {
        // issue 10 point 11: the key was checked, then inserted after the write, so a concurrent retry got a 409
        var body = vehicle(TestVins.freshByd(), "BYD", "Atto 3", "BEV", "2024-05-01");
        String key = UUID.randomUUID().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<io.restassured.response.Response>>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> given().header("Authorization", MAKER).header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(body).post("/api/v1/vehicles")));
            }
            for (var call : calls) {
                io.restassured.response.Response r = call.get();
                org.junit.jupiter.api.Assertions.assertEquals(201, r.statusCode(), r.asString());
            }
            org.junit.jupiter.api.Assertions.assertEquals(3, calls.stream()
                    .filter(c -> { try { return "true".equals(c.get().header("Idempotent-Replayed")); }
                                   catch (Exception e) { throw new IllegalStateException(e); } }).count());
        } finally {
            pool.shutdownNow();
        }
        // a different caller's key of the same name is its own
        given().header("Authorization", Tokens.bearer("other-plant", "manufacturer")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/vehicles").then().statusCode(200)
                .header("Idempotent-Replayed", "false");
    }

    @Test
    void updateNeedsTheCurrentETag() {
        String vin = create(vehicle(TestVins.freshByd(), "BYD", "Han", "BEV", "2024-02-01"));
        Map<String, Object> change = Map.of("make", "BYD", "model", "Han EV", "fuelType", "BEV", "driveSide", "LHD",
                "powerKw", 380, "productionDate", "2024-02-01");
        given().header("Authorization", MAKER).contentType(ContentType.JSON).body(change)
                .put("/api/v1/vehicles/{vin}", vin).then().statusCode(428).contentType("application/problem+json");
        String etag = given().header("Authorization", MAKER).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(change).put("/api/v1/vehicles/{vin}", vin)
                .then().statusCode(200).body("model", equalTo("Han EV")).body("powerKw", equalTo(380))
                .extract().header("ETag");
        assertEquals("\"1\"", etag);
        given().header("Authorization", MAKER).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(change).put("/api/v1/vehicles/{vin}", vin)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/stale-version"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", vin)
                .then().body("model", equalTo("Han EV")).body("version", equalTo(1));
    }

    @Test
    void unknownVinIsA404Problem() {
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", TestVins.freshByd())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/not-found"));
    }

    @Test
    void listFiltersAndPages() {
        String make = "Make" + UUID.randomUUID().toString().substring(0, 8);
        List<String> vins = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            vins.add(create(vehicle(TestVins.fresh("LGX", 'R'), make, "Atto 3", i < 3 ? "BEV" : "PHEV", "2024-04-01")));
        }
        String geely = create(vehicle(TestVins.fresh("L6T", 'P'), make, "Coolray", "PETROL", "2023-04-01"));
        vins.add(geely);
        given().header("Authorization", READER).queryParam("make", make).queryParam("size", 4)
                .get("/api/v1/vehicles").then().statusCode(200)
                .body("total", equalTo(6)).body("items", hasSize(4)).body("page", equalTo(0)).body("size", equalTo(4));
        given().header("Authorization", READER).queryParam("make", make).queryParam("size", 4).queryParam("page", 1)
                .get("/api/v1/vehicles").then().body("items", hasSize(2)).body("total", equalTo(6));
        given().header("Authorization", READER).queryParam("make", make).queryParam("fuelType", "BEV")
                .get("/api/v1/vehicles").then().body("total", equalTo(3)).body("items.fuelType", everyItem(is("BEV")));
        given().header("Authorization", READER).queryParam("make", make).queryParam("manufacturer", "Geely Automobile")
                .queryParam("modelYear", 2023)
                .get("/api/v1/vehicles").then().body("total", equalTo(1)).body("items[0].vin", equalTo(geely));
        given().header("Authorization", READER).queryParam("make", make).queryParam("modelYear", 2024)
                .queryParam("status", "ACTIVE")
                .get("/api/v1/vehicles").then().body("total", equalTo(5));
        // registration region: register one in Sichuan
        given().header("Authorization", Tokens.bearer("reg", "registrar")).contentType(ContentType.JSON)
                .body(Map.of("date", "2024-06-01", "region", "CN-SC", "city", "Chengdu", "ownerType", "DEALER"))
                .post("/api/v1/vehicles/{vin}/registrations", vins.get(0)).then().statusCode(201);
        given().header("Authorization", READER).queryParam("make", make).queryParam("region", "CN-SC")
                .get("/api/v1/vehicles").then().body("total", equalTo(1)).body("items[0].vin", equalTo(vins.get(0)))
                .body("items[0].status", equalTo("REGISTERED"));
        given().header("Authorization", READER).queryParam("make", make).queryParam("status", "REGISTERED")
                .get("/api/v1/vehicles").then().body("total", equalTo(1));
        // sorted by VIN
        List<String> listed = given().header("Authorization", READER).queryParam("make", make)
                .get("/api/v1/vehicles").then().extract().path("items.vin");
        assertEquals(vins.stream().sorted().toList(), listed);
    }

    @Test
    void pagingOutOfRangeIsA400Problem() {
        given().header("Authorization", READER).queryParam("size", 500).get("/api/v1/vehicles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("size"));
        given().header("Authorization", READER).queryParam("fuelType", "STEAM").get("/api/v1/vehicles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("fuelType"));
    }
}
