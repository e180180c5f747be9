package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static io.zmx.compliance.Filings.list;
import static io.zmx.compliance.Filings.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A known history (evaluations dated in 2031, a year no other test uses) replayed with a draft:
 * the report must count exactly the outcomes that would change, and name them.
 */
@QuarkusTest
class BacktestTest {

    static final String ADMIN = Tokens.bearer("root", "admin");
    static final String AUTHOR = Tokens.bearer("rita", "rule-author");

    @Test
    void countsChangedOutcomesOnAKnownHistory() {
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("jurisdiction", "TM", "name", "Turkmenistan - test set", "scope", "DESTINATION"))
                .post("/api/v1/rule-sets").then().statusCode(201);
        String etag = given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("effectiveFrom", "2030-01-01", "rules", list(AuthoringTest.rule("TM-RHD", "BLOCK", "vehicle.driveSide == 'RHD'"))))
                .post("/api/v1/rule-sets/TM/versions").then().statusCode(201).extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", etag).post("/api/v1/rule-sets/TM/versions/1/publish")
                .then().statusCode(200);

        // history: old = produced 2020, so 11 years old in 2031; recent = produced 2030
        String rhdRecent = evaluate("TM", "2031-03-02", map("vehicle.driveSide", "RHD", "vehicle.productionDate", "2030-02-01"), "BLOCKED");
        evaluate("TM", "2031-03-03", map("vehicle.driveSide", "RHD", "vehicle.productionDate", "2020-02-01"), "BLOCKED");
        evaluate("TM", "2031-03-04", map("vehicle.productionDate", "2030-02-01"), "CLEARED");
        String lhdOld = evaluate("TM", "2031-03-05", map("vehicle.productionDate", "2020-02-01"), "CLEARED");
        // in range but bound elsewhere: not replayed; out of range: not considered
        evaluate("AE", "2031-03-06", map("vehicle.productionDate", "2020-02-01"), "CLEARED");
        evaluate("TM", "2031-05-01", map("vehicle.productionDate", "2020-02-01"), "CLEARED");

        // the draft drops the RHD ban and bans cars older than 5 years
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("effectiveFrom", "2030-01-01", "rules", list(AuthoringTest.rule("TM-OLD", "BLOCK", "ageYears(vehicle, asOf) > 5"))))
                .post("/api/v1/rule-sets/TM/versions").then().statusCode(201).body("version", equalTo(2));

        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("from", "2031-03-01", "to", "2031-03-31"))
                .post("/api/v1/rule-sets/TM/versions/2/backtest")
                .then().statusCode(200)
                .body("considered", equalTo(5))
                .body("replayed", equalTo(4))
                .body("unchanged", equalTo(2))
                .body("changed", equalTo(2))
                .body("stricter", equalTo(1))
                .body("looser", equalTo(1))
                .body("truncated", equalTo(false))
                .body("transitions.collect { it.from + '>' + it.to }", containsInAnyOrder("CLEARED>BLOCKED", "BLOCKED>CLEARED"))
                .body("transitions.find { it.from == 'CLEARED' }.sampleEvaluationIds", contains(lhdOld))
                .body("transitions.find { it.from == 'BLOCKED' }.sampleEvaluationIds", contains(rhdRecent));

        // backtesting changed nothing: the draft is still a draft and v1 still decides
        given().header("Authorization", AUTHOR).get("/api/v1/rule-sets/TM/versions/2").then().body("status", equalTo("DRAFT"));
        evaluate("TM", "2031-03-20", map("vehicle.driveSide", "RHD", "vehicle.productionDate", "2030-02-01"), "BLOCKED");

        // backtests are for authors and admins
        given().header("Authorization", Tokens.bearer("exp", "exporter")).contentType(ContentType.JSON)
                .body(map("from", "2031-03-01", "to", "2031-03-31"))
                .post("/api/v1/rule-sets/TM/versions/2/backtest").then().statusCode(403);
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("from", "2031-03-31", "to", "2031-03-01"))
                .post("/api/v1/rule-sets/TM/versions/2/backtest").then().statusCode(400)
                .body("violations[0].field", equalTo("to"));
    }

    /**
     * Backtests stream stored evaluations in pages (two at a time in tests, on two threads): the counts and the
     * samples must be what one pass in (asOf, id) order gives, so the samples are the oldest changes, whatever page
     * or thread replayed them; past the cap nothing is replayed and the report says it was truncated.
     */
    @Test
    void pagesAndThreadsGiveTheReportOnePassWould() {
        List<String> rhd = new java.util.ArrayList<>();
        // right-hand drive on the 1st to the 5th, left-hand drive on the 11th to the 15th: ten judged evaluations,
        // one more than the test profile's cap (max-evaluations=9), so the last one (the 15th) is not replayed
        for (int day = 1; day <= 5; day++) {
            rhd.add(evaluate("MN", "2033-04-0" + day, map("vehicle.driveSide", "RHD", "vehicle.productionDate", "2032-02-01"), "CLEARED"));
            evaluate("MN", "2033-04-1" + day, map("vehicle.productionDate", "2032-02-01"), "CLEARED");
        }
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("jurisdiction", "MN", "name", "Mongolia - test set", "scope", "DESTINATION"))
                .post("/api/v1/rule-sets").then().statusCode(201);
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("effectiveFrom", "2033-01-01", "rules", list(AuthoringTest.rule("MN-RHD", "BLOCK", "vehicle.driveSide == 'RHD'"))))
                .post("/api/v1/rule-sets/MN/versions").then().statusCode(201);

        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("from", "2033-04-01", "to", "2033-04-30", "sampleSize", 2))
                .post("/api/v1/rule-sets/MN/versions/1/backtest")
                .then().statusCode(200)
                .body("considered", equalTo(10))
                .body("replayed", equalTo(9))
                .body("changed", equalTo(5))
                .body("stricter", equalTo(5))
                .body("unchanged", equalTo(4))
                .body("truncated", equalTo(true))
                .body("transitions.size()", equalTo(1))
                .body("transitions[0].count", equalTo(5))
                .body("transitions[0].sampleEvaluationIds", contains(rhd.get(0), rhd.get(1)));

        // a range with nothing stored replays nothing
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("from", "2033-05-01", "to", "2033-05-31"))
                .post("/api/v1/rule-sets/MN/versions/1/backtest")
                .then().statusCode(200).body("considered", equalTo(0)).body("replayed", equalTo(0))
                .body("transitions.size()", equalTo(0));
    }

    /**
     * A backtest replays what was judged live: varied inputs (missing optional data, nulls, a vehicle unknown to the
     * registry, right-hand drive, dates one day either side of the rules' thresholds, bare-string documents, an
     * export date apart from asOf) are evaluated through the API, then a draft with the very rules of the version in
     * force is backtested over them: every stored verdict must come back unchanged. The live verdicts span all three
     * outcomes, so agreement is not three CLEAREDs. Origin JP has no rule set, so only BT's rules decide.
     */
    @Test
    void aBacktestWithTheRulesInForceReproducesEveryLiveVerdict() {
        List<Object> rules = list(
                AuthoringTest.rule("BT-RHD", "BLOCK", "vehicle.driveSide == 'RHD'"),
                AuthoringTest.rule("BT-SALVAGE", "BLOCK", "'SALVAGE' in vehicle.titleBrands"),
                AuthoringTest.rule("BT-OLDER-3", "BLOCK", "olderThanYears(vehicle, 3, filing.exportDate)"),
                AuthoringTest.rule("BT-180-DAY", "HOLD", "daysBetween(vehicle.firstRegistrationDate, filing.exportDate) < 180"
                        + " && !filing.afterSalesConfirmation.vins.exists(v, v == vehicle.vin)"),
                AuthoringTest.rule("BT-LICENCE", "HOLD", "!has(filing.exportLicence) || has(filing.exportLicence.validUntil)"
                        + " && filing.exportLicence.validUntil < filing.exportDate"),
                AuthoringTest.rule("BT-VALUE", "WARN", "filing.declaredValue.amount < 5000.0"),
                AuthoringTest.rule("BT-CONSIGNEE", "INFO", "filing.consigneeType == '' && asOf.getFullYear() == 2037"));
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("jurisdiction", "BT", "name", "Bhutan - test set", "scope", "DESTINATION"))
                .post("/api/v1/rule-sets").then().statusCode(201);
        String etag = given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("effectiveFrom", "2036-01-01", "rules", rules))
                .post("/api/v1/rule-sets/BT/versions").then().statusCode(201).extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", etag).post("/api/v1/rule-sets/BT/versions/1/publish")
                .then().statusCode(200);

        // the first half of March: at most 9 (the test profile's cap) in one backtest
        List<String> first = List.of(
                live("2037-03-01", map(), "CLEARED"),
                live("2037-03-02", map("vehicle.driveSide", "RHD"), "BLOCKED"),
                // produced 2034-03-03: exactly 3 years on the 3rd (not older), older on the 4th
                live("2037-03-03", map("vehicle.productionDate", "2034-03-03"), "CLEARED"),
                live("2037-03-04", map("vehicle.productionDate", "2034-03-03"), "BLOCKED"),
                // first registered 2036-09-06: 179 days before the 4th (HOLD), 180 before the 5th
                live("2037-03-04", map("vehicle.firstRegistrationDate", "2036-09-06"), "REVIEW"),
                live("2037-03-05", map("vehicle.firstRegistrationDate", "2036-09-06"), "CLEARED"),
                // within 180 days, but the confirmation names the car (by the deprecated single vin only)
                live("2037-03-06", map("vehicle.firstRegistrationDate", "2037-01-01",
                        "filing.afterSalesConfirmation", map("reference", "ASC-1", "vin", "LGXCE4CB0R0123456")), "CLEARED"),
                // a bare-string confirmation covers no VIN; a bare-string licence has no validUntil
                live("2037-03-07", map("vehicle.firstRegistrationDate", "2037-01-01", "filing.afterSalesConfirmation", "ASC-2",
                        "filing.exportLicence", "EL-2037-1"), "REVIEW"),
                // exported later than asOf: older than 3 years on the export date, not on asOf
                live("2037-03-08", map("vehicle.productionDate", "2034-03-09", "filing.exportDate", "2037-03-10"), "BLOCKED"));
        // the second half: nulls and absent data
        List<String> second = List.of(
                // no production date and a model year whose window straddles the 3 years: not decidable (HOLD)
                live("2037-03-16", map("vehicle.productionDate", null, "vehicle.modelYear", 2034), "REVIEW"),
                // no production date and an old model year: decided without it
                live("2037-03-17", map("vehicle.productionDate", null, "vehicle.modelYear", 2030), "BLOCKED"),
                // nulls and absent lists: strings "", lists [], a null declared value (its WARN rule errs: HOLD)
                live("2037-03-18", map("vehicle.titleBrands", null, "vehicle.registrations", null, "vehicle.odometerReadings", null,
                        "vehicle.driveSide", null, "filing.declaredValue", null, "filing.consigneeType", null), "REVIEW"),
                live("2037-03-19", map("vehicle.titleBrands", list("FLOOD", "SALVAGE")), "BLOCKED"),
                live("2037-03-20", map("filing.exportLicence", null), "REVIEW"),
                live("2037-03-21", map("filing.exportLicence", map("number", "EL-1", "validUntil", "2037-03-20")), "REVIEW"),
                live("2037-03-22", map("filing.exportLicence", map("number", "EL-1", "validUntil", "2037-03-22"),
                        "filing.declaredValue", map("amount", 4999, "currency", "USD")), "CLEARED"));
        Map<String, Object> unknown = Filings.to("BT", "2037-03-23", Map.of());
        unknown.put("origin", "JP");
        unknown.put("vehicle", map("vin", "LGXCE4CB0R0123456", "known", false));
        given().header("Authorization", Tokens.bearer("export-service", "export-service"))
                .contentType(ContentType.JSON).body(unknown)
                .post("/api/v1/evaluations").then().statusCode(201).body("outcome", equalTo("REVIEW"));

        // a draft with exactly the rules in force: nothing may change
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("effectiveFrom", "2036-01-01", "rules", rules))
                .post("/api/v1/rule-sets/BT/versions").then().statusCode(201).body("version", equalTo(2));
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("from", "2037-03-01", "to", "2037-03-15"))
                .post("/api/v1/rule-sets/BT/versions/2/backtest")
                .then().statusCode(200)
                .body("replayed", equalTo(first.size())).body("truncated", equalTo(false))
                .body("unchanged", equalTo(first.size())).body("changed", equalTo(0));
        given().header("Authorization", AUTHOR).contentType(ContentType.JSON)
                .body(map("from", "2037-03-16", "to", "2037-03-31"))
                .post("/api/v1/rule-sets/BT/versions/2/backtest")
                .then().statusCode(200)
                .body("replayed", equalTo(second.size() + 1)).body("truncated", equalTo(false))
                .body("unchanged", equalTo(second.size() + 1)).body("changed", equalTo(0));
    }

    /** JP -> BT on asOf, clean for BT's rules unless changed: produced 2035, first registered 2036, a licence valid all 2037. */
    static String live(String asOf, Map<String, Object> changes, String expectedOutcome) {
        Map<String, Object> body = Filings.to("BT", asOf, Map.of());
        body.put("origin", "JP");
        Filings.set(body, "vehicle.productionDate", "2035-01-10");
        Filings.set(body, "vehicle.firstRegistrationDate", "2036-01-15");
        Filings.set(body, "filing.exportLicence", map("number", "EL-2037-0001", "issuedOn", "2037-01-05", "validUntil", "2037-12-31"));
        Filings.set(body, "filing.consigneeType", "COMPANY");
        changes.forEach((path, value) -> Filings.set(body, path, value));
        return given().header("Authorization", Tokens.bearer("export-service", "export-service"))
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations").then().statusCode(201)
                .body("outcome", equalTo(expectedOutcome))
                .extract().path("id");
    }

    /** A clean filing (licence, old registration, deregistered) so only the destination's rules decide. */
    static String evaluate(String destination, String asOf, Map<String, Object> changes, String expectedOutcome) {
        Map<String, Object> body = Filings.to(destination, asOf, changes);
        Filings.set(body, "vehicle.firstRegistrationDate", "2030-06-01");
        // CN v2 (from 2026-11-29) reads the licence application and its date: a clean 2031 filing carries them
        Filings.set(body, "filing.applicationDate", asOf);
        Filings.set(body, "filing.licenceApplication", map("brand", "BYD", "model", "Song Plus DM-i", "firstRegistrationDate", "2030-06-01"));
        return given().header("Authorization", Tokens.bearer("export-service", "export-service"))
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations").then().statusCode(201)
                .body("outcome", equalTo(expectedOutcome))
                .extract().path("id");
    }
}
