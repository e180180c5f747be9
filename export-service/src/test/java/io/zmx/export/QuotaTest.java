package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuotaTest {

    @Inject
    Screener screener;

    final String customs = Tokens.bearer("officer", "customs");

    @Test
    void twoHundredConcurrentClearancesAgainstAQuotaOfOneHundred() throws Exception {
        String quotaId = given().header("Authorization", customs).contentType(ContentType.JSON)
                .body("{\"region\":\"CN-XZ\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"limit\":100}")
                .post("/api/v1/quotas").then().statusCode(201).body("remaining", equalTo(100)).extract().path("id");
        // 200 held filings from Tibet, put in place directly
        List<String> ids = new ArrayList<>();
        String cc = Fixtures.creditCode();
        try (Connection c = PostgresResource.superuser().getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO filings (id, number, version, status, exporter_credit_code, created_by, vin, destination,
                       consignee, consignee_official_rep, declared_status, declared_odometer_km, declared_value,
                       declared_currency, hs_code, port_of_exit, planned_export_date, created_at, updated_at,
                       screened_at, lane, zero_mileage, maker, origin_region)
                     VALUES (?, ?, 0, 'HELD', ?, 'seed', ?, 'KZ', 'c', false, 'USED', 5, 10000, 'USD', '8703801090',
                       'Khorgos', '2026-06-01', now(), now(), now(), 'YELLOW', true, 'BYD Auto', 'CN-XZ')""")) {
            for (int i = 0; i < 200; i++) {
                String id = UUID.randomUUID().toString();
                ps.setObject(1, UUID.fromString(id));
                ps.setString(2, "ZMX-2026-Q" + id.substring(0, 8));
                ps.setString(3, cc);
                ps.setString(4, Fixtures.vin());
                ps.addBatch();
                ids.add(id);
            }
            ps.executeBatch();
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String id : ids) {
            calls.add(() -> given().header("Authorization", customs).contentType(ContentType.JSON)
                    .body("{\"reason\":\"checked\"}").post("/api/v1/filings/" + id + "/release").statusCode());
        }
        int ok = 0;
        int refused = 0;
        for (Future<Integer> f : pool.invokeAll(calls)) {
            int status = f.get();
            if (status == 200) ok++;
            else if (status == 409) refused++;
        }
        pool.shutdown();
        assertEquals(100, ok);
        assertEquals(100, refused);
        given().header("Authorization", customs).get("/api/v1/quotas/" + quotaId + "/usage").then().statusCode(200)
                .body("used", equalTo(100)).body("remaining", equalTo(0)).body("limit", equalTo(100));
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE status = 'CLEARED'), count(*) FILTER (WHERE status = 'HELD'),"
                     + " (SELECT count(*) FROM quota_allocations WHERE quota_id = '" + quotaId + "')"
                     + " FROM filings WHERE origin_region = 'CN-XZ'")) {
            rs.next();
            assertEquals(100, rs.getInt(1));
            assertEquals(100, rs.getInt(2));
            assertEquals(100, rs.getInt(3));
        }
    }

    @Test
    void aGreenFilingIsHeldWhenItsExportersQuotaIsExhausted() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        String quota = "{\"region\":\"CN-QH\",\"exporterCreditCode\":\"" + cc + "\",\"periodStart\":\""
                + Fixtures.today() + "\",\"periodEnd\":\"" + Fixtures.today().plusDays(30) + "\",\"limit\":1}";
        String first = given().header("Authorization", customs).header("Idempotency-Key", "quota-" + cc)
                .contentType(ContentType.JSON).body(quota).post("/api/v1/quotas").then().statusCode(201).extract().path("id");
        // a retried create returns the same quota instead of doubling the allowance
        given().header("Authorization", customs).header("Idempotency-Key", "quota-" + cc)
                .contentType(ContentType.JSON).body(quota).post("/api/v1/quotas").then().statusCode(201)
                .body("id", equalTo(first));
        given().header("Authorization", customs).queryParam("region", "CN-QH").get("/api/v1/quotas").then()
                .statusCode(200).body("findAll { it.exporterCreditCode == '" + cc + "' }.size()", equalTo(1));
        Fixtures.complianceAnswers("BY", "GREEN");
        Fixtures.referencePrice("19000.00");
        String v1 = Fixtures.vin();
        String v2 = Fixtures.vin();
        Fixtures.registryHas(v1, "CN-QH", LocalDate.of(2026, 3, 1), 3, "BYD Auto");
        Fixtures.registryHas(v2, "CN-QH", LocalDate.of(2026, 3, 1), 3, "BYD Auto");
        String a = Fixtures.submitted(exporter, Fixtures.filing(cc, v1, "BY", "USED", 3));
        Fixtures.screen(screener);
        String b = Fixtures.submitted(exporter, Fixtures.filing(cc, v2, "BY", "USED", 3));
        Fixtures.screen(screener);
        assertEquals("CLEARED", Fixtures.status(a));
        given().header("Authorization", exporter).get("/api/v1/filings/" + b).then()
                .body("status", equalTo("HELD")).body("verdict.lane", equalTo("GREEN"))
                .body("statusReason", org.hamcrest.Matchers.containsString("exhausted"));
        given().header("Authorization", customs).contentType(ContentType.JSON)
                .body("{\"region\":\"Sichuan\",\"periodStart\":\"2026-03-01\",\"periodEnd\":\"2026-01-31\",\"limit\":-1}")
                .post("/api/v1/quotas").then().statusCode(400).contentType("application/problem+json");
    }
}
