package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LifecycleTest {

    @Inject
    Screener screener;

    @Test
    void wholeLifecycleFromDraftToAcceptance() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", LocalDate.of(2026, 3, 1), 8, "BYD Auto");
        Fixtures.referencePrice("19000.00");
        Fixtures.complianceAnswers("KZ", "GREEN");

        Response created = given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, vin, "KZ", "USED", 9)).post("/api/v1/filings");
        created.then().statusCode(201).header("ETag", "\"1\"")
                .body("status", equalTo("DRAFT"))
                .body("number", matchesPattern("ZMX-\\d{4}-\\d{6}"));
        String id = created.path("id");
        String number = created.path("number");

        // edit the draft with optimistic locking: a stale ETag is refused, the current one works
        given().header("Authorization", exporter).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, vin, "KZ", "USED", 8)).put("/api/v1/filings/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, vin, "KZ", "USED", 8)).put("/api/v1/filings/" + id)
                .then().statusCode(428);
        given().header("Authorization", exporter).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, vin, "KZ", "USED", 8)).put("/api/v1/filings/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("declaredOdometerKm", equalTo(8));

        given().header("Authorization", exporter).post("/api/v1/filings/" + number + "/submit")
                .then().statusCode(200).body("status", equalTo("SUBMITTED")).body("screening.attempts", equalTo(0));

        Fixtures.screen(screener);
        String customs = Tokens.bearer("officer", "customs");
        given().header("Authorization", customs).get("/api/v1/filings/" + id).then().statusCode(200)
                .body("status", equalTo("CLEARED"))
                .body("verdict.lane", equalTo("GREEN"))
                .body("verdict.zeroMileage", equalTo(true))
                .body("verdict.assessment.decidedBy", equalTo("max-km"))
                .body("verdict.assessment.odometerKm", equalTo(8))
                .body("verdict.originRegion", equalTo("CN-SC"))
                .body("verdict.evaluation.ruleSets.jurisdiction", hasItem("KZ"));

        given().header("Authorization", customs).post("/api/v1/filings/" + id + "/ship").then().statusCode(200)
                .body("status", equalTo("SHIPPED"));
        String agency = Tokens.agency("kz-customs", "KZ");
        given().header("Authorization", agency).post("/api/v1/filings/" + id + "/arrival").then().statusCode(200)
                .body("status", equalTo("ARRIVED"));
        given().header("Authorization", agency).post("/api/v1/filings/" + id + "/acceptance").then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));

        given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events").then().statusCode(200)
                .body("to", contains("DRAFT", "SUBMITTED", "SCREENED", "CLEARED", "SHIPPED", "ARRIVED", "ACCEPTED"))
                .body("actor", hasItem("kz-customs"))
                .body("[2].actor", equalTo("export-service/screener"));
        given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events/verification")
                .then().statusCode(200).body("valid", equalTo(true)).body("events", equalTo(7));
    }

    @Test
    void customsReleasesOrRejectsHeldFilingsWithAReason() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.complianceAnswers("UZ", "YELLOW");
        String vinA = Fixtures.vin();
        String vinB = Fixtures.vin();
        Fixtures.registryHas(vinA, "CN-GD", LocalDate.of(2026, 2, 1), 12, "BYD Auto");
        Fixtures.registryHas(vinB, "CN-GD", LocalDate.of(2026, 2, 1), 12, "BYD Auto");
        String a = Fixtures.submitted(exporter, Fixtures.filing(cc, vinA, "UZ", "USED", 12));
        String b = Fixtures.submitted(exporter, Fixtures.filing(cc, vinB, "UZ", "USED", 12));
        Fixtures.screen(screener);
        assertEquals("HELD", Fixtures.status(a));
        String customs = Tokens.bearer("officer", "customs");

        given().header("Authorization", customs).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/filings/" + a + "/release").then().statusCode(400)
                .body("type", equalTo("https://zmx.io/problems/reason-required"));
        given().header("Authorization", customs).contentType(ContentType.JSON)
                .body("{\"reason\":\"after-sales confirmation checked\"}")
                .post("/api/v1/filings/" + a + "/release").then().statusCode(200)
                .body("status", equalTo("CLEARED")).body("statusReason", equalTo("after-sales confirmation checked"));
        given().header("Authorization", customs).contentType(ContentType.JSON).body("{\"reason\":\"no confirmation\"}")
                .post("/api/v1/filings/" + b + "/reject").then().statusCode(200).body("status", equalTo("REJECTED"));
        given().header("Authorization", exporter).get("/api/v1/filings/" + b + "/events").then()
                .body("[-1].reason", equalTo("no confirmation")).body("[-1].actor", equalTo("officer"))
                .body("[-1].from", equalTo("HELD"));
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        String id = given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 5)).post("/api/v1/filings")
                .then().statusCode(201).extract().path("id");
        String customs = Tokens.bearer("officer", "customs");
        // customs cannot see a draft at all
        given().header("Authorization", customs).post("/api/v1/filings/" + id + "/ship").then().statusCode(404);
        given().header("Authorization", exporter).post("/api/v1/filings/" + id + "/submit").then().statusCode(200);
        given().header("Authorization", exporter).post("/api/v1/filings/" + id + "/submit").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/illegal-transition"))
                .body("detail", notNullValue());
        given().header("Authorization", customs).post("/api/v1/filings/" + id + "/ship").then().statusCode(409)
                .body("type", equalTo("https://zmx.io/problems/illegal-transition"));
        given().header("Authorization", customs).contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .post("/api/v1/filings/" + id + "/release").then().statusCode(409);
        given().header("Authorization", exporter).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 5)).put("/api/v1/filings/" + id)
                .then().statusCode(409).body("type", equalTo("https://zmx.io/problems/not-editable"));
        given().header("Authorization", exporter).post("/api/v1/filings/" + id + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        given().header("Authorization", exporter).post("/api/v1/filings/" + id + "/withdraw").then().statusCode(409);
        // the withdrawn filing is never screened
        Fixtures.screen(screener);
        assertEquals("WITHDRAWN", Fixtures.status(id));
        given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events").then()
                .body("to", contains("DRAFT", "SUBMITTED", "WITHDRAWN"));
    }

    @Test
    void retriedCreateAndSubmitActOnce() throws Exception {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        String vin = Fixtures.vin();
        String body = Fixtures.filing(cc, vin, "KG", "USED", 3);
        String key = "create-" + vin;

        // 8 concurrent retries of one create, then more in sequence: one filing, one answer
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> given().header("Authorization", exporter).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body(body).post("/api/v1/filings"));
        }
        Set<String> ids = new HashSet<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            Response r = f.get();
            assertEquals(201, r.statusCode(), r.asString());
            ids.add(r.path("id"));
        }
        pool.shutdown();
        Response again = given().header("Authorization", exporter).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/filings");
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        ids.add(again.path("id"));
        assertEquals(1, ids.size(), "retries created " + ids.size() + " filings");
        given().header("Authorization", exporter).queryParam("vin", vin).get("/api/v1/filings")
                .then().statusCode(200).body("total", equalTo(1));

        // same key, different body: refused, nothing changes
        given().header("Authorization", exporter).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, vin, "KG", "USED", 4)).post("/api/v1/filings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/idempotency-key-reused"));

        String id = ids.iterator().next();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", exporter).header("Idempotency-Key", "submit-" + vin)
                    .post("/api/v1/filings/" + id + "/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        }
        given().header("Authorization", exporter).get("/api/v1/filings/" + id + "/events").then()
                .body("to", contains("DRAFT", "SUBMITTED"));
    }

    @Test
    void badInputIsAProblemWithFieldViolations() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        String wrongCheck = cc.substring(0, 17) + (cc.charAt(17) == '0' ? '1' : '0');
        given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body(Fixtures.filing(wrongCheck, "1M8GDM9A1KP042788", "KZ", "USED", 5, Fixtures.exportDate(), "18500.00",
                        "USD", "null")).post("/api/v1/filings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("exporterCreditCode", "vin"));
        given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body(Fixtures.filing(cc, Fixtures.vin(), "kaz", "SOLD", -1)).post("/api/v1/filings")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body("{\"vin\":\"x\",\"surprise\":1}").post("/api/v1/filings")
                .then().statusCode(400).body("type", equalTo("https://zmx.io/problems/unknown-field"));
    }
}
