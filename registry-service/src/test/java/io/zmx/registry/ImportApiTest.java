package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zmx.registry.persistence.ImportJobs;
import io.zmx.registry.service.imports.ImportService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportApiTest {

    static final String ADMIN = Tokens.bearer("root", "admin");
    static final String READER = Tokens.bearer("cn-customs", "customs"); // reads every vehicle in full

    @Inject
    DataSource ds;
    @Inject
    ImportJobs jobs;
    @Inject
    ImportService imports;

    /** Posts a file and waits for its job to finish; returns the finished job. */
    static JsonPath importAndWait(String token, String contentType, String body) {
        String location = given().header("Authorization", token).contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/imports").then().statusCode(202)
                .body("state", equalTo("QUEUED"))
                .extract().header("Location");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath job = given().header("Authorization", token).get(location).then().statusCode(200).extract().jsonPath();
            String state = job.getString("state");
            if (!state.equals("QUEUED") && !state.equals("RUNNING") && !state.equals("RECEIVING")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("import did not finish: " + location);
    }

    static JsonPath errors(String token, JsonPath job) {
        return given().header("Authorization", token).queryParam("size", 200)
                .get("/api/v1/imports/{id}/errors", job.getString("id")).then().statusCode(200).extract().jsonPath();
    }

    static String json(String vin, String model, String extra) {
        return "{\"vin\":\"" + vin + "\",\"make\":\"BYD\",\"model\":\"" + model + "\",\"fuelType\":\"BEV\","
                + "\"driveSide\":\"LHD\",\"powerKw\":150,\"emissionStandard\":\"CN6b\",\"productionDate\":\"2024-02-01\""
                + extra + "}";
    }

    @Test
    void ndjsonWithMixedGoodAndBadLines() {
        String v1 = TestVins.freshByd();
        String v6 = TestVins.freshByd();
        String unknown = TestVins.freshByd();
        String badCheck = v1.substring(0, 8) + (v1.charAt(8) == '1' ? '2' : '1') + v1.substring(9);
        String file = String.join("\n",
                json(v1, "Seal", ",\"registrations\":[{\"date\":\"2024-03-02\",\"region\":\"CN-SC\",\"city\":\"Chengdu\","
                        + "\"ownerType\":\"COMPANY\"}],\"odometerReadings\":[{\"date\":\"2024-03-02\",\"km\":9,"
                        + "\"source\":\"REGISTRATION\"}]"),                                          // 1 good
                "{\"vin\": \"" + v6 + "\", \"make\": ",                                              // 2 malformed
                json(TestVins.freshByd(), "Seal", ",\"colour\":\"red\""),                            // 3 unknown field
                json(badCheck, "Seal", ""),                                                          // 4 check digit
                json(TestVins.freshByd(), "Seal", ",\"engineCc\":\"big\""),                          // 5 wrong type
                json(v6, "Dolphin", ""),                                                             // 6 good
                "{\"vin\":\"" + TestVins.freshByd() + "\",\"model\":\"Seal\",\"fuelType\":\"BEV\",\"driveSide\":\"LHD\"}", // 7 no make
                "{\"vin\":\"" + unknown + "\",\"odometerReadings\":[{\"date\":\"2024-03-02\",\"km\":9,\"source\":\"OWNER\"}]}", // 8 unknown vehicle
                json(TestVins.freshByd(), "Seal", ",\"odometerReadings\":[{\"date\":\"2024-03-02\",\"km\":900,"
                        + "\"source\":\"OWNER\"},{\"date\":\"2024-04-02\",\"km\":20,\"source\":\"OWNER\"}]"), // 9 rollback in line
                "",                                                                                  // 10 blank
                json(v1, "Seal AWD", ",\"registrations\":[{\"date\":\"2024-03-02\",\"region\":\"CN-SC\",\"city\":\"Chengdu\","
                        + "\"ownerType\":\"COMPANY\"}],\"deregistrations\":[{\"date\":\"2024-03-25\",\"reason\":\"EXPORT\"}]")); // 11 good, same VIN
        JsonPath job = importAndWait(ADMIN, "application/x-ndjson", file);
        assertEquals("COMPLETED", job.getString("state"));
        assertEquals(10, job.getLong("processed"));
        assertEquals(7, job.getLong("failed"));
        JsonPath errors = errors(ADMIN, job);
        assertEquals(List.of(2, 3, 4, 5, 7, 8, 9), errors.getList("items.line"));
        assertEquals(7, errors.getInt("total"));
        List<String> reasons = errors.getList("items.reason");
        assertTrue(reasons.get(0).startsWith("not valid JSON"), reasons.get(0));
        assertEquals("colour: unknown field", reasons.get(1));
        assertTrue(reasons.get(2).contains("vin[9]") && reasons.get(2).contains("expected"), reasons.get(2));
        assertTrue(reasons.get(3).startsWith("engineCc: expected"), reasons.get(3));
        assertEquals("make: required for a vehicle", reasons.get(4));
        assertTrue(reasons.get(5).contains("not in the registry"), reasons.get(5));
        assertTrue(reasons.get(6).contains("correction=true"), reasons.get(6));
        assertEquals(badCheck, errors.getString("items[2].vin"));

        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", v1).then().statusCode(200)
                .body("vehicle.model", equalTo("Seal AWD"))
                .body("vehicle.manufacturer", equalTo("BYD Auto"))
                .body("vehicle.modelYear", equalTo(2024))
                .body("vehicle.status", equalTo("DEREGISTERED"))
                .body("vehicle.firstRegistrationDate", equalTo("2024-03-02"))
                .body("registrations", hasSize(1))
                .body("odometerReadings.km", contains(9));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", v6).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("version", equalTo(0));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", unknown).then().statusCode(404);

        // readings checked against what is stored: a lower one is refused, a correction is flagged a rollback
        String later = String.join("\n",
                "{\"vin\":\"" + v1 + "\",\"odometerReadings\":[{\"date\":\"2024-05-01\",\"km\":3,\"source\":\"OWNER\"}]}",
                "{\"vin\":\"" + v1 + "\",\"odometerReadings\":[{\"date\":\"2024-05-02\",\"km\":4,\"source\":\"OWNER\","
                        + "\"correction\":true,\"reason\":\"cluster replaced\"}]}");
        JsonPath second = importAndWait(ADMIN, "application/x-ndjson", later);
        assertEquals(1, second.getLong("failed"));
        assertTrue(errors(ADMIN, second).getString("items[0].reason").contains("contradicts 9 km"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", v1)
                .then().body("odometerReadings.km", contains(9, 4)).body("odometerReadings.rollback", contains(false, true));
    }

    @Test
    void csvWithMixedGoodAndBadLinesAndIdempotentReimport() {
        String a = TestVins.fresh("LRW", 'R');
        String b = TestVins.fresh("L6T", 'P');
        String file = String.join("\r\n",
                "vin,make,model,fuelType,engineCc,powerKw,driveSide,emissionStandard,productionDate,registrationDate,"
                        + "registrationRegion,registrationCity,plate,ownerType,odometerDate,odometerKm,odometerSource",
                a + ",Tesla,Model Y,BEV,,220,LHD,,2024-01-15,2024-02-01,CN-SH,Shanghai,\"沪A,001\",DEALER,2024-02-01,5,REGISTRATION",
                TestVins.freshByd() + ",BYD,Qin,STEAM,,,LHD,,2024-01-15,,,,,,,,",
                TestVins.freshByd() + ",BYD,Qin,PHEV,1498,,LHD,,15/01/2024,,,,,,,,",
                TestVins.freshByd() + ",BYD,Qin,PHEV",
                b + ",Geely,Coolray,PETROL,1477,133,LHD,CN6b,2023-05-01,,,,,,,,",
                "");
        JsonPath job = importAndWait(ADMIN, "text/csv", file);
        assertEquals("COMPLETED", job.getString("state"));
        assertEquals(5, job.getLong("processed"));
        assertEquals(3, job.getLong("failed"));
        JsonPath errors = errors(ADMIN, job);
        assertEquals(List.of(3, 4, 5), errors.getList("items.line"));
        assertTrue(errors.getString("items[0].reason").startsWith("fuelType: 'STEAM' is not one of PETROL"));
        assertTrue(errors.getString("items[1].reason").contains("productionDate"));
        assertTrue(errors.getString("items[2].reason").contains("fields but the header has"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", a).then().statusCode(200)
                .body("vehicle.manufacturer", equalTo("Tesla Shanghai"))
                .body("vehicle.status", equalTo("REGISTERED"))
                .body("registrations[0].plate", equalTo("沪A,001"))
                .body("odometerReadings[0].km", equalTo(5));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", b).then()
                .body("modelYear", equalTo(2023)).body("status", equalTo("ACTIVE"));
        int version = given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", a).then().extract().path("version");

        JsonPath again = importAndWait(ADMIN, "text/csv", file);
        assertEquals(3, again.getLong("failed"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", a).then()
                .body("vehicle.version", equalTo(version))
                .body("registrations", hasSize(1))
                .body("odometerReadings", hasSize(1));
    }

    @Test
    void aNulCharacterOrAnUnterminatedQuoteIsALineErrorAndTheRestGoIn() {
        // issue 10 point 7: these failed the whole job with processed 0, losing the good lines of the same chunk
        String n1 = TestVins.freshByd();
        String n3 = TestVins.freshByd();
        JsonPath ndjson = importAndWait(ADMIN, "application/x-ndjson", String.join("\n",
                json(n1, "Seal", ""),
                json(TestVins.freshByd(), "Se\\u0000al", ""),
                json(n3, "Dolphin", "")));
        assertEquals("COMPLETED", ndjson.getString("state"));
        assertEquals(3, ndjson.getLong("processed"));
        assertEquals(1, ndjson.getLong("failed"));
        assertEquals(List.of(2), errors(ADMIN, ndjson).getList("items.line"));
        assertEquals("model: must not contain control characters", errors(ADMIN, ndjson).getString("items[0].reason"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", n1).then().statusCode(200);
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", n3).then().statusCode(200);

        String c1 = TestVins.freshByd();
        String c4 = TestVins.freshByd();
        JsonPath csv = importAndWait(ADMIN, "text/csv", String.join("\n",
                "vin,make,model,fuelType,driveSide,productionDate",
                c1 + ",BYD,Seal,BEV,LHD,2024-01-15",
                TestVins.freshByd() + ",BYD,\"Seal,BEV,LHD,2024-01-15",
                TestVins.freshByd() + ",BYD,Se\u0000al,BEV,LHD,2024-01-15",
                c4 + ",BYD,Dolphin,BEV,LHD,2024-01-15"));
        assertEquals("COMPLETED", csv.getString("state"));
        assertEquals(4, csv.getLong("processed"));
        assertEquals(2, csv.getLong("failed"));
        JsonPath csvErrors = errors(ADMIN, csv);
        assertEquals(List.of(3, 4), csvErrors.getList("items.line"));
        assertTrue(csvErrors.getString("items[0].reason").contains("quoted field is not closed"), csvErrors.prettify());
        assertTrue(csvErrors.getString("items[1].reason").contains("control characters"), csvErrors.prettify());
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", c1).then().statusCode(200);
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", c4).then().statusCode(200);
    }

    @Test
    void csvWithAnUnknownColumnFailsTheJob() {
        JsonPath job = importAndWait(ADMIN, "text/csv", "vin,colour\n" + TestVins.freshByd() + ",red\n");
        assertEquals("FAILED", job.getString("state"));
        assertTrue(job.getString("message").contains("unknown column 'colour'"));
    }

    @Test
    void linesCarryOnlyWhatTheSubmittersRolesAllow() {
        String v = TestVins.freshByd();
        String registrar = Tokens.bearer("sc-registry", "registrar");
        String maker = Tokens.bearer("byd-plant", "manufacturer");
        JsonPath byMaker = importAndWait(maker, "application/x-ndjson", String.join("\n",
                json(v, "Seal", ""),
                json(TestVins.freshByd(), "Seal", ",\"registrations\":[{\"date\":\"2024-03-02\",\"region\":\"CN-SC\",\"ownerType\":\"PERSON\"}]")));
        assertEquals(1, byMaker.getLong("failed"));
        assertTrue(errors(maker, byMaker).getString("items[0].reason").contains("registrar"));
        JsonPath byRegistrar = importAndWait(registrar, "application/x-ndjson", String.join("\n",
                "{\"vin\":\"" + v + "\",\"registrations\":[{\"date\":\"2024-03-02\",\"region\":\"CN-SC\",\"ownerType\":\"PERSON\"}]}",
                json(TestVins.freshByd(), "Seal", "")));
        assertEquals(1, byRegistrar.getLong("failed"));
        assertTrue(errors(registrar, byRegistrar).getString("items[0].reason").contains("manufacturer"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", v).then().body("status", equalTo("REGISTERED"));
        // jobs are visible to their submitter and admins only
        given().header("Authorization", registrar).get("/api/v1/imports/{id}", byMaker.getString("id")).then().statusCode(404);
        given().header("Authorization", ADMIN).get("/api/v1/imports/{id}", byMaker.getString("id")).then().statusCode(200);
        // readers may not import; anonymous callers are not known
        given().header("Authorization", READER).contentType("application/x-ndjson").body(json(v, "Seal", "").getBytes())
                .post("/api/v1/imports").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/x-ndjson").body(json(v, "Seal", "").getBytes())
                .post("/api/v1/imports").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", ADMIN).contentType("application/xml").body("<vehicles/>")
                .post("/api/v1/imports").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aLargeUploadIsStreamedAndLoadedInChunks() {
        StringBuilder sb = new StringBuilder();
        String make = "Bulk" + UUID.randomUUID().toString().substring(0, 6);
        int lines = 5000;
        for (int i = 0; i < lines; i++) {
            String vin = TestVins.of("LGX", "CE4CB", 'R', (char) ('A' + (i % 8)), String.format("%06d", i));
            sb.append("{\"vin\":\"").append(vin).append("\",\"make\":\"").append(make)
                    .append("\",\"model\":\"Atto 3\",\"fuelType\":\"BEV\",\"driveSide\":\"LHD\",\"productionDate\":\"2024-02-01\","
                            + "\"registrations\":[{\"date\":\"2024-03-02\",\"region\":\"CN-GD\",\"city\":\"Shenzhen\",\"ownerType\":\"DEALER\"}],"
                            + "\"odometerReadings\":[{\"date\":\"2024-03-02\",\"km\":7,\"source\":\"REGISTRATION\"}]}\n");
        }
        assertTrue(sb.length() > 1_048_576, "bigger than the JSON body limit: " + sb.length());
        JsonPath job = importAndWait(ADMIN, "application/x-ndjson", sb.toString());
        assertEquals("COMPLETED", job.getString("state"));
        assertEquals(lines, job.getLong("processed"));
        assertEquals(0, job.getLong("failed"));
        assertTrue(job.getDouble("rowsPerSecond") > 0);
        given().header("Authorization", READER).queryParam("make", make).queryParam("region", "CN-GD")
                .queryParam("status", "REGISTERED").get("/api/v1/vehicles").then().body("total", equalTo(lines));
    }

    @Test
    void jobsLeftRunningByAStoppedInstanceAreMarkedInterrupted() throws Exception {
        UUID mine = UUID.randomUUID();
        UUID othersStale = UUID.randomUUID();
        UUID othersAlive = UUID.randomUUID();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO import_job (id, format, state, submitted_by, roles, instance, heartbeat_at) "
                        + "VALUES (?, 'CSV', 'RUNNING', 'root', 'admin', ?, now() - make_interval(secs => ?))")) {
            Object[][] rows = {{mine, imports.instance(), 1}, {othersStale, "pod-b", 3600}, {othersAlive, "pod-c", 1}};
            for (Object[] r : rows) {
                ps.setObject(1, r[0]);
                ps.setObject(2, r[1]);
                ps.setObject(3, ((Integer) r[2]).doubleValue());
                ps.executeUpdate();
            }
        }
        jobs.interruptAbandoned(imports.instance(), 120).await().indefinitely();
        given().header("Authorization", ADMIN).get("/api/v1/imports/{id}", mine).then()
                .body("state", equalTo("INTERRUPTED")).body("message", containsString("upload the file again"));
        given().header("Authorization", ADMIN).get("/api/v1/imports/{id}", othersStale).then().body("state", equalTo("INTERRUPTED"));
        given().header("Authorization", ADMIN).get("/api/v1/imports/{id}", othersAlive).then().body("state", equalTo("RUNNING"));
        given().header("Authorization", ADMIN).get("/api/v1/imports/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void registrationKindsInBothFormatsAndUnverifiableVinsInBulk() {
        String a = TestVins.freshByd();
        String b = TestVins.freshByd();
        String hu = VinPolicyApiTest.hungarian();
        String ndjson = String.join("\n",
                json(a, "Seal", ",\"registrations\":[{\"date\":\"2025-06-01\",\"region\":\"CN-SC\",\"ownerType\":\"COMPANY\","
                        + "\"kind\":\"TRANSFER_FOR_EXPORT\"},{\"date\":\"2024-03-02\",\"region\":\"CN-SC\",\"ownerType\":\"PERSON\"}]"),
                "{\"vin\":\"" + hu + "\",\"manufacturer\":\"Audi Hungaria\",\"make\":\"Audi\",\"model\":\"A3\","
                        + "\"fuelType\":\"PETROL\",\"driveSide\":\"LHD\",\"productionDate\":\"2019-05-01\"}",
                json(TestVins.freshByd(), "Seal", ",\"registrations\":[{\"date\":\"2024-03-02\",\"region\":\"CN-SC\","
                        + "\"ownerType\":\"PERSON\",\"kind\":\"EXPORT\"}]"));
        JsonPath job = importAndWait(ADMIN, "application/x-ndjson", ndjson);
        assertEquals(1, job.getLong("failed"), errors(ADMIN, job).prettify());
        assertEquals(List.of(3), errors(ADMIN, job).getList("items.line"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", a).then().statusCode(200)
                .body("vehicle.transferForExportDate", equalTo("2025-06-01"))
                .body("vehicle.checkDigitVerifiable", equalTo(true))
                .body("registrations.kind", contains("FIRST", "TRANSFER_FOR_EXPORT"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", hu).then().statusCode(200)
                .body("plantCountry", equalTo("HU")).body("checkDigitVerifiable", equalTo(false));

        // a later file adds history to stored vehicles (the merge path): defaults see the stored registrations
        String csv = String.join("\n",
                "vin,registrationDate,registrationRegion,ownerType,registrationKind",
                a + ",2025-07-01,CN-GD,COMPANY,",
                b + ",2025-07-01,CN-GD,COMPANY,TRANSFER_FOR_EXPORT",
                a + ",2024-03-02,CN-SC,PERSON,TRANSFER",
                TestVins.freshByd() + ",2025-07-01,CN-GD,COMPANY,LEASE");
        given().header("Authorization", ADMIN).contentType(io.restassured.http.ContentType.JSON)
                .body(VehicleApiTest.vehicle(b, "BYD", "Seal", "BEV", "2024-02-01")).post("/api/v1/vehicles")
                .then().statusCode(201);
        JsonPath merged = importAndWait(ADMIN, "text/csv", csv);
        JsonPath mergedErrors = errors(ADMIN, merged);
        assertEquals(List.of(4, 5), mergedErrors.getList("items.line"), mergedErrors.prettify());
        assertTrue(mergedErrors.getString("items[0].reason").contains("recorded as FIRST, not TRANSFER"),
                mergedErrors.getString("items[0].reason"));
        assertTrue(mergedErrors.getString("items[1].reason").startsWith("registrationKind: 'LEASE' is not one of"),
                mergedErrors.getString("items[1].reason"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", a).then()
                .body("registrations.kind", contains("FIRST", "TRANSFER_FOR_EXPORT", "TRANSFER"))
                .body("vehicle.transferForExportDate", equalTo("2025-06-01"));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", b).then()
                .body("registrations.kind", contains("TRANSFER_FOR_EXPORT"))
                .body("vehicle.transferForExportDate", equalTo("2025-07-01"))
                .body("vehicle.status", equalTo("REGISTERED"));
        // sending both files again changes nothing
        int version = given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", a).then()
                .extract().path("version");
        importAndWait(ADMIN, "application/x-ndjson", ndjson);
        importAndWait(ADMIN, "text/csv", csv);
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", a).then()
                .body("vehicle.version", equalTo(version))
                .body("registrations.kind", contains("FIRST", "TRANSFER_FOR_EXPORT", "TRANSFER"));
    }
}
