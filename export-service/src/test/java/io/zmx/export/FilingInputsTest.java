package io.zmx.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Issue 9: every input a rule reads is on the filing, validated and passed; dates are bounded and counted right. */
@QuarkusTest
class FilingInputsTest {

    @Inject
    Screener screener;

    final String cc = Fixtures.creditCode();
    final String exporter = Tokens.exporter("exp-" + cc, cc);
    final String admin = Tokens.bearer("root", "admin");

    private io.restassured.response.ValidatableResponse create(String body) {
        return given().header("Authorization", exporter).contentType(ContentType.JSON).body(body)
                .post("/api/v1/filings").then();
    }

    @Test
    void plannedExportDateIsBoundedByTodayAndTheHorizon() {
        LocalDate today = Fixtures.today();
        String vin = Fixtures.vin();
        create(Fixtures.filing(cc, vin, "KZ", "USED", 5, today.toString(), "18500.00")).statusCode(201);
        create(Fixtures.filing(cc, vin, "KZ", "USED", 5, today.plusDays(180).toString(), "18500.00")).statusCode(201);
        for (String bad : new String[] {today.minusDays(1).toString(), today.plusDays(181).toString(), "0001-01-01"}) {
            create(Fixtures.filing(cc, vin, "KZ", "USED", 5, bad, "18500.00")).statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem("plannedExportDate"));
        }
        // a five-digit year is either unreadable or out of bounds: a field violation either way, never accepted
        create(Fixtures.filing(cc, vin, "KZ", "USED", 5, "57443-01-01", "18500.00")).statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("plannedExportDate"));
        create(Fixtures.filing(cc, vin, "KZ", "USED", 5, "+57443-01-01", "18500.00")).statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("plannedExportDate"));
    }

    @Test
    void consigneeTypeAndDocumentsAreValidatedAndTheTickBoxIsGone() {
        String vin = Fixtures.vin();
        String good = Fixtures.filing(cc, vin, "KZ", "USED", 5);
        create(good.replace("\"consigneeType\":\"COMPANY\",", "")).statusCode(400)
                .body("violations.field", hasItem("consigneeType"));
        create(good.replace("\"consigneeType\":\"COMPANY\"", "\"consigneeType\":\"FRIEND\"")).statusCode(400)
                .contentType("application/problem+json");
        create(good.replace("\"consigneeType\":\"COMPANY\"", "\"consigneeOfficialRepresentative\":true,\"consigneeType\":\"COMPANY\""))
                .statusCode(400).body("type", equalTo("https://zmx.io/problems/unknown-field"));
        create(good.replace("\"serviceOutlets\":[\"BYD Service Almaty, Al-Farabi 77\"]", "\"serviceOutlets\":[]")
                .replace("\"destination\":\"KZ\",\n \"serviceOutlets", "\"destination\":\"Kazakhstan\",\n \"serviceOutlets"))
                .statusCode(400).body("violations.field", hasItem("afterSalesConfirmation.serviceOutlets"));
        create(good.replace("\"vins\":[\"" + vin + "\"]", "\"vins\":[\"LGXCE4CB0R0000000\"]")).statusCode(400)
                .body("violations.field", hasItem("afterSalesConfirmation.vins[0]"));
        create(good.replace("\"holder\":\"Almaty Motors LLP\",", "")).statusCode(400)
                .body("violations.field", hasItem("conformityCertificate.holder"));
        // hsCode is optional now; the structured documents come back as written
        String id = create(good.replace("\"hsCode\":\"8703801090\",", "").replace("\"consigneeType\":\"COMPANY\"", "\"consigneeType\":\"PERSON\""))
                .statusCode(201)
                .body("hsCode", nullValue())
                .body("consigneeType", equalTo("PERSON"))
                .body("consigneeRegistrationNumber", equalTo("180240012345"))
                .body("afterSalesConfirmation.vins[0]", equalTo(vin))
                .body("afterSalesConfirmation.destination", equalTo("KZ"))
                .body("licenceApplication.firstRegistrationDate", equalTo("2026-03-01"))
                .body("conformityCertificate.number", equalTo("EAEU KZ-7.01.2026"))
                .body("applicationDate", nullValue())
                .extract().path("id");
        // stored as JSON documents, not as JSON strings holding them: SQL over the documents must see the fields
        try (java.sql.Connection c = PostgresResource.superuser().getConnection();
             java.sql.PreparedStatement q = c.prepareStatement("SELECT jsonb_typeof(after_sales_confirmation), "
                     + "jsonb_typeof(licence_application), jsonb_typeof(conformity_certificate), "
                     + "after_sales_confirmation->>'destination', licence_application->>'firstRegistrationDate' "
                     + "FROM filings WHERE id = ?")) {
            q.setObject(1, java.util.UUID.fromString(id));
            try (java.sql.ResultSet r = q.executeQuery()) {
                org.junit.jupiter.api.Assertions.assertTrue(r.next());
                org.junit.jupiter.api.Assertions.assertEquals("object", r.getString(1));
                org.junit.jupiter.api.Assertions.assertEquals("object", r.getString(2));
                org.junit.jupiter.api.Assertions.assertEquals("object", r.getString(3));
                org.junit.jupiter.api.Assertions.assertEquals("KZ", r.getString(4));
                org.junit.jupiter.api.Assertions.assertEquals("2026-03-01", r.getString(5));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 180 days count from first registration to the application date (submission day), not to the planned export. */
    @Test
    void daysCountToTheApplicationDateAndAZeroMileageCarOnDay200IsFlaggedAsWaitingOutTheRule() {
        Fixtures.complianceAnswers("AM", "GREEN");
        Fixtures.referencePrice("19000.00");
        LocalDate today = Fixtures.today();
        String d180 = Fixtures.vin();
        String d181 = Fixtures.vin();
        String d200 = Fixtures.vin();
        Fixtures.registryHas(d180, "CN-SC", today.minusDays(180), 20, "BYD Auto");
        Fixtures.registryHas(d181, "CN-SC", today.minusDays(181), 20, "BYD Auto");
        Fixtures.registryHas(d200, "CN-SC", today.minusDays(200), 20, "BYD Auto");
        String planned = today.plusDays(30).toString();
        String a = Fixtures.submitted(exporter, Fixtures.filing(cc, d180, "AM", "USED", 20, planned, "18500.00"));
        String b = Fixtures.submitted(exporter, Fixtures.filing(cc, d181, "AM", "USED", 20, planned, "18500.00"));
        String c = Fixtures.submitted(exporter, Fixtures.filing(cc, d200, "AM", "USED", 20, planned, "18500.00"));
        Fixtures.screen(screener);

        given().header("Authorization", admin).get("/api/v1/filings/" + a).then()
                .body("applicationDate", equalTo(today.toString()))
                .body("verdict.asOf", equalTo(planned))
                .body("verdict.assessment.daysSinceFirstRegistration", equalTo(180))
                .body("verdict.assessment.daysRegisteredBeforeExport", equalTo(210))
                .body("verdict.assessment.waitingOutRule", equalTo(false));
        given().header("Authorization", admin).get("/api/v1/filings/" + b).then()
                .body("verdict.assessment.daysSinceFirstRegistration", equalTo(181))
                .body("verdict.assessment.waitingOutRule", equalTo(true));
        given().header("Authorization", admin).get("/api/v1/filings/" + c).then()
                .body("verdict.zeroMileage", equalTo(true))
                .body("verdict.assessment.verdict", equalTo("ZERO_MILEAGE"))
                .body("verdict.assessment.decidedBy", equalTo("max-km"))
                .body("verdict.assessment.odometerKm", equalTo(20))
                .body("verdict.assessment.maxKm", equalTo(50))
                .body("verdict.assessment.daysSinceFirstRegistration", equalTo(200))
                .body("verdict.assessment.waitingOutFrom", equalTo(181))
                .body("verdict.assessment.waitingOutTo", equalTo(200))
                .body("verdict.assessment.waitingOutRule", equalTo(true))
                .body("verdict.findings.code", hasItem("WAITING_OUT_RULE"));
        String number = given().header("Authorization", admin).get("/api/v1/filings/" + c).path("number");
        DependenciesResource.wiremock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/evaluations"))
                .withRequestBody(matchingJsonPath("$.reference", WireMock.equalTo(number)))
                .withRequestBody(matchingJsonPath("$.assessment.zeroMileage", WireMock.equalTo("true")))
                .withRequestBody(matchingJsonPath("$.assessment.verdict", WireMock.equalTo("ZERO_MILEAGE")))
                .withRequestBody(matchingJsonPath("$.assessment.daysSinceFirstRegistration", WireMock.equalTo("200")))
                .withRequestBody(matchingJsonPath("$.assessment.waitingOutRule", WireMock.equalTo("true")))
                .withRequestBody(matchingJsonPath("$.filing.applicationDate", WireMock.equalTo(today.toString())))
                .withRequestBody(matchingJsonPath("$.filing.exportDate", WireMock.equalTo(planned))));
    }

    @Test
    void aVehicleUnknownToTheRegistryIsStillEvaluated() {
        Fixtures.complianceAnswers("GE", "GREEN");
        String vin = Fixtures.vin(); // never stubbed: the registry answers 404
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "GE", "USED", 10));
        Fixtures.screen(screener);
        given().header("Authorization", admin).get("/api/v1/filings/" + id).then()
                .body("status", equalTo("HELD"))
                .body("verdict.evaluation.lane", equalTo("GREEN"))
                .body("verdict.findings.code", hasItem("VEHICLE_NOT_IN_REGISTRY"))
                .body("verdict.findings.message", hasItem(containsString("Vehicle unknown to the registry")));
        DependenciesResource.wiremock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/evaluations"))
                .withRequestBody(matchingJsonPath("$.vehicle.vin", WireMock.equalTo(vin)))
                .withRequestBody(matchingJsonPath("$.vehicle.known", WireMock.equalTo("false")))
                .withRequestBody(matchingJsonPath("$.vehicle.make", WireMock.absent()))
                .withRequestBody(matchingJsonPath("$.filing.consigneeType", WireMock.equalTo("COMPANY"))));
    }

    @Test
    void aDeclaredValueInAnotherCurrencyIsConvertedOrHeldAsNotComparable() {
        Fixtures.complianceAnswers("TJ", "GREEN");
        Fixtures.referencePrice("19000.00"); // USD
        LocalDate today = Fixtures.today();
        String currency = "CNY";
        String v1 = Fixtures.vin();
        Fixtures.registryHas(v1, "CN-SC", today.minusDays(400), 9000, "BYD Auto");
        // no rate yet: never silently skipped
        given().header("Authorization", admin).delete("/api/v1/exchange-rates/" + currency + "/" + today);
        String noRate = Fixtures.submitted(exporter, Fixtures.filing(cc, v1, "TJ", "USED", 9000, Fixtures.exportDate(),
                "130000.00", currency, "null"));
        Fixtures.screen(screener);
        given().header("Authorization", admin).get("/api/v1/filings/" + noRate).then()
                .body("status", equalTo("HELD"))
                .body("verdict.findings.code", hasItem("UNDER_VALUATION_NOT_COMPARED"))
                .body("verdict.findings.message", hasItem(containsString("no exchange rate for CNY on " + today)));

        // only admin maintains rates; bad input is a problem
        String rate = "{\"currency\":\"CNY\",\"validOn\":\"" + today + "\",\"rate\":0.14,\"source\":\"PBOC central parity\"}";
        given().header("Authorization", exporter).contentType(ContentType.JSON).body(rate).post("/api/v1/exchange-rates")
                .then().statusCode(403);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"currency\":\"yuan\",\"validOn\":\"" + today + "\",\"rate\":-1,\"source\":\"\"}")
                .post("/api/v1/exchange-rates").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(rate).post("/api/v1/exchange-rates")
                .then().statusCode(200).body("referenceCurrency", equalTo("USD"));
        given().header("Authorization", Tokens.bearer("officer", "customs")).queryParam("currency", "CNY")
                .get("/api/v1/exchange-rates").then().statusCode(200).body("source", hasItem("PBOC central parity"));

        String v2 = Fixtures.vin();
        String v3 = Fixtures.vin();
        Fixtures.registryHas(v2, "CN-SC", today.minusDays(400), 9000, "BYD Auto");
        Fixtures.registryHas(v3, "CN-SC", today.minusDays(400), 9000, "BYD Auto");
        // 130,000 CNY x 0.14 = 18,200 USD = 0.9579 of 19,000; 60,000 CNY = 8,400 USD = 0.4421
        String fair = Fixtures.submitted(exporter, Fixtures.filing(cc, v2, "TJ", "USED", 9000, Fixtures.exportDate(),
                "130000.00", currency, "null"));
        String low = Fixtures.submitted(exporter, Fixtures.filing(cc, v3, "TJ", "USED", 9000, Fixtures.exportDate(),
                "60000.00", currency, "null"));
        Fixtures.screen(screener);
        given().header("Authorization", admin).get("/api/v1/filings/" + fair).then()
                .body("status", equalTo("CLEARED")).body("verdict.underValuationRatio", equalTo(0.9579f));
        given().header("Authorization", admin).get("/api/v1/filings/" + low).then()
                .body("status", equalTo("HELD")).body("verdict.underValuationRatio", equalTo(0.4421f))
                .body("verdict.findings.code", hasItem("UNDER_VALUATION"))
                .body("verdict.findings.message", hasItem(containsString("PBOC central parity")));
    }

    @Test
    void aListedExporterIsPassedToComplianceAndHeld() {
        Fixtures.complianceAnswers("MN", "GREEN");
        Fixtures.referencePrice("19000.00");
        String listed = Fixtures.creditCode();
        String token = Tokens.exporter("exp-" + listed, listed);
        String customs = Tokens.bearer("officer", "customs");
        String entry = "{\"creditCode\":\"" + listed + "\",\"measure\":\"HOLD\",\"reason\":\"false declarations\","
                + "\"since\":\"" + Fixtures.today().minusDays(3) + "\",\"source\":\"GACC notice 2026-17\"}";
        given().header("Authorization", token).contentType(ContentType.JSON).body(entry)
                .post("/api/v1/exporter-negative-list").then().statusCode(403);
        given().header("Authorization", customs).contentType(ContentType.JSON)
                .body(entry.replace(listed, listed.substring(0, 17) + "I")).post("/api/v1/exporter-negative-list")
                .then().statusCode(400).body("violations.field", hasItem("creditCode"));
        given().header("Authorization", customs).contentType(ContentType.JSON).body(entry)
                .post("/api/v1/exporter-negative-list").then().statusCode(201).body("measure", equalTo("HOLD"));
        given().header("Authorization", customs).queryParam("creditCode", listed).get("/api/v1/exporter-negative-list")
                .then().statusCode(200).body("source", hasItem("GACC notice 2026-17"));

        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", Fixtures.today().minusDays(400), 9000, "BYD Auto");
        String id = Fixtures.submitted(token, Fixtures.filing(listed, vin, "MN", "USED", 9000));
        Fixtures.screen(screener);
        given().header("Authorization", admin).get("/api/v1/filings/" + id).then()
                .body("status", equalTo("HELD")).body("verdict.findings.code", hasItem("EXPORTER_NEGATIVE_LIST"));
        DependenciesResource.wiremock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/evaluations"))
                .withRequestBody(matchingJsonPath("$.filing.exporterCreditCode", WireMock.equalTo(listed)))
                .withRequestBody(matchingJsonPath("$.filing.exporterNegativeListMeasure", WireMock.equalTo("HOLD"))));
    }

    @Test
    void vinCheckDigitIsMandatoryOnlyForNorthAmericanAndChineseVins() {
        // Korean domestic-market VIN without a valid check digit: accepted
        create(Fixtures.filing(cc, "KMHJ381ABJU123456", "KZ", "USED", 5, Fixtures.exportDate(), "18500.00", "USD", "null"))
                .statusCode(201);
        String chinese = Fixtures.vin();
        char wrong = chinese.charAt(8) == '0' ? '1' : '0';
        String bad = chinese.substring(0, 8) + wrong + chinese.substring(9);
        create(Fixtures.filing(cc, bad, "KZ", "USED", 5, Fixtures.exportDate(), "18500.00", "USD", "null")).statusCode(400)
                .body("violations.field", hasItem("vin"))
                .body("violations.message", hasItem(containsString("position 9")));
    }
}
