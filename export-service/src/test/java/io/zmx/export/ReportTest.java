package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Report figures on a known data set, screened through the real path (the rollup is kept by screening). */
@QuarkusTest
class ReportTest {

    @Inject
    Screener screener;

    static String maker;
    final String analyst = Tokens.bearer("ana", "analyst");

    // the next two calendar months: planned export dates must lie within the horizon
    static final String M1 = java.time.YearMonth.from(Fixtures.today()).plusMonths(1).toString();
    static final String M2 = java.time.YearMonth.from(Fixtures.today()).plusMonths(2).toString();

    @BeforeEach
    void knownDataSet() {
        if (maker != null) return;
        maker = "Report Motors " + System.nanoTime();
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.complianceAnswers("KZ", "GREEN");
        Fixtures.complianceAnswers("RU", "YELLOW");
        Fixtures.referencePrice("19000.00");
        LocalDate reg = Fixtures.today().minusDays(20);
        file(exporter, cc, "KZ", "CN-SC", M1 + "-20", reg, 5);     // zero-mileage
        file(exporter, cc, "KZ", "CN-SC", M1 + "-20", reg, 5);     // zero-mileage
        file(exporter, cc, "RU", "CN-GD", M1 + "-20", reg, 60);    // 60 km: used
        file(exporter, cc, "RU", "CN-GD", M2 + "-10", reg, 5);     // zero-mileage
        file(exporter, cc, "KZ", "CN-GD", M2 + "-10", reg, 900);   // 900 km: used
        // a draft and a filing of another maker never count
        Fixtures.screen(screener);
    }

    private static void file(String token, String cc, String dest, String region, String exportDate, LocalDate registered, int km) {
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, region, registered, km, maker);
        Fixtures.submitted(token, Fixtures.filing(cc, vin, dest, "USED", km, exportDate, "18500.00"));
    }

    @Test
    void byMonth() {
        given().header("Authorization", analyst).queryParam("groupBy", "month").queryParam("maker", maker)
                .get("/api/v1/reports/zero-mileage").then().statusCode(200)
                .body("groupBy", equalTo("month"))
                .body("rows.key", contains(M1, M2))
                .body("rows.filings", contains(3, 2))
                .body("rows.zeroMileage", contains(2, 1))
                .body("rows.share", contains(0.6667f, 0.5f))
                .body("total.filings", equalTo(5))
                .body("total.zeroMileage", equalTo(3))
                .body("total.share", equalTo(0.6f));
    }

    @Test
    void byDestinationRegionAndMakerWithFilters() {
        given().header("Authorization", analyst).queryParam("groupBy", "destination").queryParam("maker", maker)
                .get("/api/v1/reports/zero-mileage").then().statusCode(200)
                .body("rows.key", contains("KZ", "RU")).body("rows.filings", contains(3, 2)).body("rows.zeroMileage", contains(2, 1));
        given().header("Authorization", analyst).queryParam("groupBy", "region").queryParam("maker", maker)
                .get("/api/v1/reports/zero-mileage").then().statusCode(200)
                .body("rows.key", contains("CN-GD", "CN-SC")).body("rows.filings", contains(3, 2))
                .body("rows.zeroMileage", contains(1, 2)).body("rows.share", contains(0.3333f, 1.0f));
        given().header("Authorization", analyst).queryParam("groupBy", "maker").queryParam("maker", maker)
                .queryParam("from", M2).queryParam("to", M2).queryParam("destination", "RU")
                .get("/api/v1/reports/zero-mileage").then().statusCode(200)
                .body("rows.key", contains(maker)).body("rows.filings", contains(1)).body("rows.zeroMileage", contains(1));
    }

    @Test
    void asCsv() {
        String csv = given().header("Authorization", analyst).accept("text/csv").queryParam("maker", maker)
                .get("/api/v1/reports/zero-mileage").then().statusCode(200).contentType("text/csv").extract().asString();
        assertEquals("month,filings,zero_mileage,share\n" + M1 + ",3,2,0.6667\n" + M2 + ",2,1,0.5000\n", csv);
    }

    @Test
    void csvCellsFromPartnersCannotRunAsFormulas() {
        // issue 10 point 9: a maker stored from a partner reached the analysts' CSV as a live formula
        // (no double quotes: the registry stub below is built by string formatting)
        String evil = "=HYPERLINK(A1&B1) " + System.nanoTime();
        String cc = Fixtures.creditCode();
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", Fixtures.today().minusDays(30), 5, evil);
        Fixtures.submitted(Tokens.exporter("exp-" + cc, cc), Fixtures.filing(cc, vin, "KZ", "USED", 5, Fixtures.exportDate(), "18500.00"));
        Fixtures.screen(screener);
        String csv = given().header("Authorization", analyst).accept("text/csv").queryParam("groupBy", "maker")
                .queryParam("maker", evil).get("/api/v1/reports/zero-mileage").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        String row = csv.split("\n")[1];
        assertEquals("'" + evil + ",1,1,1.0000", row);
    }

    @Test
    void badFiltersAreProblems() {
        given().header("Authorization", analyst).queryParam("groupBy", "colour").get("/api/v1/reports/zero-mileage")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("groupBy"));
        given().header("Authorization", analyst).queryParam("from", "March").get("/api/v1/reports/zero-mileage")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /**
     * Both reports answer one Accept header the same way (one negotiation, ReportAnswers): CSV only when the caller
     * prefers it, JSON for a wildcard, for JSON first, and with no Accept; a month that is not YYYY-MM is the same 400.
     */
    @Test
    void bothReportsNegotiateJsonAndCsvAlike() {
        String alertReader = Tokens.bearer("ana", "analyst");
        for (String path : java.util.List.of("/api/v1/reports/zero-mileage", "/api/v1/reports/re-export-alerts")) {
            java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("text/csv", "text/csv");
            expected.put("text/csv, application/json;q=0.5", "text/csv");
            expected.put("application/json, text/csv;q=0.5", "application/json");
            expected.put("text/csv;q=0.2, application/json", "application/json");
            expected.put("*/*", "application/json");
            for (var e : expected.entrySet()) {
                String type = given().header("Authorization", alertReader).header("Accept", e.getKey()).get(path)
                        .then().statusCode(200).extract().contentType();
                assertEquals(e.getValue(), type.split(";")[0].trim(), path + " with Accept: " + e.getKey());
            }
            String none = given().header("Authorization", alertReader).get(path).then().statusCode(200).extract().contentType();
            assertEquals("application/json", none.split(";")[0].trim(), path + " without Accept");
            given().header("Authorization", alertReader).queryParam("from", "March").get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("from"))
                    .body("violations[0].message", equalTo("must be YYYY-MM"));
        }
    }
}
