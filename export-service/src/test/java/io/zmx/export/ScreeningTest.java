package io.zmx.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.service.Screener;
import io.zmx.export.service.ScreeningService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Screening with the real logic against WireMock registry and compliance services. */
@QuarkusTest
class ScreeningTest {

    @Inject
    Screener screener;

    @Inject
    ScreeningService screening;

    final String cc = Fixtures.creditCode();
    final String exporter = Tokens.exporter("exp-" + cc, cc);
    final String admin = Tokens.bearer("root", "admin");

    /**
     * The verdict's documents are jsonb values Hibernate maps ({@code SqlTypes.JSON} through the reactive client, no
     * text casts): the assessment and the evaluation are objects and the findings an array, with ISO dates, so SQL
     * over them reads fields; and the same columns read back into the filing's verdict.
     */
    @Test
    void verdictDocumentsAreStoredAsJsonbObjectsAndReadBack() throws Exception {
        Fixtures.complianceAnswers("AM", "GREEN");
        Fixtures.referencePrice("20000.00");
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-TJ", Fixtures.today().minusDays(69), 30, "BYD Auto");
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "AM", "USED", 2, Fixtures.exportDate(), "9000.00"));
        Fixtures.screen(screener);
        try (Connection c = PostgresResource.superuser().getConnection();
             java.sql.PreparedStatement q = c.prepareStatement("SELECT jsonb_typeof(assessment), jsonb_typeof(findings), "
                     + "jsonb_typeof(evaluation), assessment->>'applicationDate', (assessment->>'daysSinceFirstRegistration')::int, "
                     + "jsonb_path_exists(findings, '$[*] ? (@.code == \"ODOMETER_MISMATCH\")'), evaluation->>'lane' "
                     + "FROM filings WHERE id = ?")) {
            q.setObject(1, UUID.fromString(id));
            try (java.sql.ResultSet r = q.executeQuery()) {
                assertTrue(r.next());
                assertEquals("object", r.getString(1));
                assertEquals("array", r.getString(2));
                assertEquals("object", r.getString(3));
                assertEquals(Fixtures.today().toString(), r.getString(4));
                assertEquals(69, r.getInt(5));
                assertTrue(r.getBoolean(6));
                assertEquals("GREEN", r.getString(7));
            }
        }
        given().header("Authorization", admin).get("/api/v1/filings/" + id).then().statusCode(200)
                .body("verdict.assessment.applicationDate", equalTo(Fixtures.today().toString()))
                .body("verdict.findings.code", hasItem("ODOMETER_MISMATCH"))
                .body("verdict.evaluation.lane", equalTo("GREEN"))
                .body("afterSalesConfirmation.destination", equalTo("AM"))
                .body("licenceApplication.brand", equalTo("BYD"));
    }

    @Test
    void registryMismatchesHoldAGreenFilingAndEveryInputIsRecorded() {
        Fixtures.complianceAnswers("AM", "GREEN");
        Fixtures.referencePrice("20000.00");
        String vin = Fixtures.vin();
        // registered 69 days before today's application, export in 10 days (79); registry says 30 km, declared 2 km
        Fixtures.registryHas(vin, "CN-TJ", Fixtures.today().minusDays(69), 30, "BYD Auto");
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "AM", "USED", 2, Fixtures.exportDate(), "9000.00"));
        Fixtures.screen(screener);

        given().header("Authorization", admin).get("/api/v1/filings/" + id).then().statusCode(200)
                .body("status", equalTo("HELD"))
                .body("verdict.lane", equalTo("YELLOW"))
                .body("verdict.zeroMileage", equalTo(true))
                .body("verdict.assessment.declaredOdometerKm", equalTo(2))
                .body("verdict.assessment.registryOdometerKm", equalTo(30))
                .body("verdict.assessment.odometerSource", equalTo("REGISTRY"))
                .body("verdict.assessment.daysSinceFirstRegistration", equalTo(69))
                .body("verdict.assessment.daysRegisteredBeforeExport", equalTo(79))
                .body("verdict.assessment.applicationDate", equalTo(Fixtures.today().toString()))
                .body("verdict.assessment.maxKm", equalTo(50))
                .body("verdict.assessment.waitingOutFrom", equalTo(181))
                .body("verdict.assessment.waitingOutRule", equalTo(false))
                .body("verdict.underValuationRatio", equalTo(0.45f))
                .body("verdict.findings.code", hasItems("ODOMETER_MISMATCH", "UNDER_VALUATION"))
                .body("statusReason", containsString("UNDER_VALUATION"));

        // what compliance was asked: the registry snapshot and the assessment, with the service's own token
        DependenciesResource.wiremock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/evaluations"))
                .withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(matchingJsonPath("$.vehicle.vin", WireMock.equalTo(vin)))
                .withRequestBody(matchingJsonPath("$.origin", WireMock.equalTo("CN")))
                .withRequestBody(matchingJsonPath("$.assessment.verdict", WireMock.equalTo("ZERO_MILEAGE")))
                .withRequestBody(matchingJsonPath("$.assessment.daysRegisteredBeforeExport", WireMock.equalTo("79")))
                .withRequestBody(matchingJsonPath("$.assessment.daysSinceFirstRegistration", WireMock.equalTo("69")))
                .withRequestBody(matchingJsonPath("$.filing.applicationDate", WireMock.equalTo(Fixtures.today().toString())))
                .withRequestBody(matchingJsonPath("$.filing.exportDate", WireMock.equalTo(Fixtures.exportDate())))
                .withRequestBody(matchingJsonPath("$.asOf", WireMock.equalTo(Fixtures.exportDate())))
                .withRequestBody(matchingJsonPath("$.vehicle.known", WireMock.equalTo("true")))
                .withRequestBody(matchingJsonPath("$.filing.consigneeType", WireMock.equalTo("COMPANY")))
                .withRequestBody(matchingJsonPath("$.filing.consigneeRegistrationNumber", WireMock.equalTo("180240012345")))
                .withRequestBody(matchingJsonPath("$.filing.conformityCertificate.holder", WireMock.equalTo("Almaty Motors LLP")))
                .withRequestBody(matchingJsonPath("$.filing.licenceApplication.brand", WireMock.equalTo("BYD")))
                .withRequestBody(matchingJsonPath("$.filing.afterSalesConfirmation.vins[0]", WireMock.equalTo(vin)))
                .withRequestBody(matchingJsonPath("$.filing.afterSalesConfirmation.vin", WireMock.equalTo(vin)))
                .withRequestBody(matchingJsonPath("$.filing.afterSalesConfirmation.destination", WireMock.equalTo("AM")))
                .withRequestBody(matchingJsonPath("$.filing.afterSalesConfirmation.manufacturer", WireMock.equalTo("BYD Auto Co., Ltd.")))
                .withRequestBody(matchingJsonPath("$.filing.exporterNegativeListMeasure", WireMock.absent()))
                .withRequestBody(matchingJsonPath("$.filing.exporterCreditCode", WireMock.equalTo(cc)))
                .withRequestBody(matchingJsonPath("$.filing.afterSalesConfirmation.reference", WireMock.equalTo("ASC-2026-0001")))
                .withRequestBody(matchingJsonPath("$.filing.exportLicence.number", WireMock.equalTo("EL-2026-77"))));
    }

    @Test
    void laneDecidesTheOutcome() {
        Fixtures.referencePrice("19000.00");
        Fixtures.complianceAnswers("AE", "RED");
        Fixtures.complianceAnswers("SA", "GREEN");
        String red = Fixtures.vin();
        String used = Fixtures.vin();
        String unknown = Fixtures.vin();
        Fixtures.registryHas(red, "CN-SH", LocalDate.of(2025, 12, 1), 5, "BYD Auto");
        // 400 days and 12,000 km: a genuinely used car
        Fixtures.registryHas(used, "CN-SH", LocalDate.of(2025, 2, 13), 12_000, "BYD Auto");
        String r = Fixtures.submitted(exporter, Fixtures.filing(cc, red, "AE", "USED", 5));
        String u = Fixtures.submitted(exporter, Fixtures.filing(cc, used, "SA", "USED", 12_000));
        String n = Fixtures.submitted(exporter, Fixtures.filing(cc, unknown, "SA", "USED", 10));
        Fixtures.screen(screener);

        given().header("Authorization", admin).get("/api/v1/filings/" + r).then()
                .body("status", equalTo("REJECTED")).body("verdict.lane", equalTo("RED"))
                .body("statusReason", containsString("KZ-RHD"))
                .body("verdict.evaluation.hits.legalReferences.flatten().url", hasItem("https://example.org/rhd"));
        given().header("Authorization", admin).get("/api/v1/filings/" + u).then()
                .body("status", equalTo("CLEARED"))
                .body("verdict.zeroMileage", equalTo(false))
                .body("verdict.assessment.verdict", equalTo("USED"))
                .body("verdict.assessment.decidedBy", equalTo("max-km"));
        given().header("Authorization", admin).get("/api/v1/filings/" + n).then()
                .body("status", equalTo("HELD"))
                .body("verdict.findings.code", hasItem("VEHICLE_NOT_IN_REGISTRY"));
    }

    /** Dependency down: filings stay SUBMITTED, are retried with backoff, and are screened once it is back. */
    @Test
    void filingsSubmittedWhileComplianceIsDownAreScreenedLaterExactlyOnce() throws Throwable {
        Fixtures.referencePrice("19000.00");
        Fixtures.complianceAnswers("KG", "GREEN");
        StubMapping down = DependenciesResource.wiremock().stubFor(post(urlPathEqualTo("/api/v1/evaluations"))
                .atPriority(1).willReturn(aResponse().withStatus(503)));
        List<String> ids = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String vin = Fixtures.vin();
            Fixtures.registryHas(vin, "CN-XJ", LocalDate.of(2026, 3, 1), 7, "Geely");
            String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "KG", "USED", 7));
            ids.add(id);
            numbers.add(given().header("Authorization", admin).get("/api/v1/filings/" + id).path("number"));
        }
        for (int round = 0; round < 3; round++) {
            Fixtures.screen(screener);
        }
        for (String id : ids) {
            given().header("Authorization", admin).get("/api/v1/filings/" + id).then()
                    .body("status", equalTo("SUBMITTED"))
                    .body("screening.attempts", equalTo(3))
                    .body("screening.lastError", org.hamcrest.Matchers.notNullValue());
        }

        // a crashed instance had claimed one of them: its lease must run out before anyone else screens it
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE filings SET screen_claim = gen_random_uuid(), next_screen_at = now() + interval '100 days'"
                    + " WHERE id = '" + ids.get(0) + "'");
        }

        DependenciesResource.wiremock().removeStub(down);
        Thread.sleep(400); // the circuit breaker's delay in the test profile
        for (int round = 0; round < 5 && !allScreened(ids.subList(1, ids.size())); round++) {
            Fixtures.screen(screener);
            Thread.sleep(350);
        }
        for (String id : ids.subList(1, ids.size())) {
            assertEquals("CLEARED", Fixtures.status(id));
        }
        assertEquals("SUBMITTED", Fixtures.status(ids.get(0)), "claimed by a live lease");
        screener.screenDue(Instant.now().plusSeconds(101L * 24 * 3600));
        assertEquals("CLEARED", Fixtures.status(ids.get(0)), "screened once the crashed claim's lease ran out");

        // a late screener holding a stale claim cannot screen it again
        UUID late = UUID.fromString(ids.get(1));
        boolean applied = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                        () -> io.zmx.export.domain.Filing.<io.zmx.export.domain.Filing>findById(late))
                .chain(one -> screening.prepare(one))
                .chain(again -> Panache.withTransaction(() -> screening.apply(late, UUID.randomUUID(), again))));
        assertTrue(!applied);

        // operators see the outage in the metrics
        String metrics = given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("zmx_screening_failures_total") && !l.endsWith(" 0.0")), metrics);

        for (int i = 0; i < ids.size(); i++) {
            given().header("Authorization", admin).get("/api/v1/filings/" + ids.get(i) + "/events").then()
                    .body("findAll { it.to == 'SCREENED' }.size()", equalTo(1))
                    .body("findAll { it.to == 'CLEARED' }.size()", equalTo(1));
            // exactly one successful evaluation per filing (plus the prepare() call above for ids[1])
            int expected = i == 1 ? 2 : 1;
            int calls = DependenciesResource.wiremock().findAll(postRequestedFor(urlPathEqualTo("/api/v1/evaluations"))
                    .withRequestBody(matchingJsonPath("$.reference", WireMock.equalTo(numbers.get(i))))).size();
            assertTrue(calls >= expected, "evaluation for " + numbers.get(i) + " was never requested");
        }
        // issue 10 point 11: every retried call carries the same Idempotency-Key, so compliance stores one evaluation.
        // Which filings reach compliance more than once depends on when the circuit opened; at least one must have.
        int retried = 0;
        for (String number : numbers) {
            var tries = DependenciesResource.wiremock().findAll(postRequestedFor(urlPathEqualTo("/api/v1/evaluations"))
                    .withRequestBody(matchingJsonPath("$.reference", WireMock.equalTo(number))));
            retried += tries.size() >= 2 ? 1 : 0;
            assertTrue(tries.stream().allMatch(r -> r.getHeader("Idempotency-Key").startsWith("screening-" + number + "-")));
            var keysByBody = tries.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.getBodyAsString(),
                    java.util.stream.Collectors.mapping(r -> r.getHeader("Idempotency-Key"), java.util.stream.Collectors.toSet())));
            assertTrue(keysByBody.values().stream().allMatch(keys -> keys.size() == 1),
                    "one key for one screening's inputs, however often it is retried: " + keysByBody.values());
        }
        assertTrue(retried >= 1, "the outage made export-service retry");
    }

    private static boolean allScreened(List<String> ids) {
        return ids.stream().noneMatch(id -> FilingStatus.SUBMITTED.name().equals(Fixtures.status(id)));
    }

    /**
     * Issue 12: the screener asks registry for the history and the reference price in one call
     * ({@code include=referencePrice&asOf=<export date>}) and judges the declared value against the price registry
     * included, asking /reference-prices no more; a registry that answers without the price (one from before issue 12)
     * is asked for the price separately, as before, so the verdict is the same either way.
     */
    @Test
    void theReferencePriceComesWithTheHistoryInOneCall() {
        Fixtures.complianceAnswers("AM", "GREEN");
        Fixtures.referencePrice("20000.00"); // the separate endpoint would find 18500 / 20000 = 0.925: no finding
        String included = Fixtures.vin();
        Fixtures.registryHas(included, "CN-TJ", Fixtures.today().minusDays(400), 12000, "BYD Auto");
        Fixtures.registryIncludesPrice(included, Fixtures.exportDate(), "40000.00"); // 18500 / 40000 = 0.4625
        String none = Fixtures.vin();
        Fixtures.registryHas(none, "CN-TJ", Fixtures.today().minusDays(400), 12000, "BYD Auto");
        Fixtures.registryIncludesPrice(none, Fixtures.exportDate(), null); // registry knows no price in force
        String older = Fixtures.vin();
        Fixtures.registryHas(older, "CN-TJ", Fixtures.today().minusDays(400), 12000, "BYD Auto"); // no include: asked apart
        String a = Fixtures.submitted(exporter, Fixtures.filing(cc, included, "AM", "USED", 12000));
        String b = Fixtures.submitted(exporter, Fixtures.filing(cc, none, "AM", "USED", 12000));
        String c = Fixtures.submitted(exporter, Fixtures.filing(cc, older, "AM", "USED", 12000));
        var wm = DependenciesResource.wiremock();
        int pricesBefore = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/reference-prices"))).size();
        Fixtures.screen(screener);
        given().header("Authorization", admin).get("/api/v1/filings/" + a).then().statusCode(200)
                .body("status", equalTo("HELD")).body("verdict.underValuationRatio", equalTo(0.4625f))
                .body("verdict.findings.code", hasItem("UNDER_VALUATION"));
        given().header("Authorization", admin).get("/api/v1/filings/" + b).then().statusCode(200)
                .body("verdict.underValuationRatio", org.hamcrest.Matchers.nullValue())
                .body("verdict.findings.message", hasItem(containsString("No reference price for BYD Song Plus 2025")));
        given().header("Authorization", admin).get("/api/v1/filings/" + c).then().statusCode(200)
                .body("verdict.underValuationRatio", equalTo(0.925f));
        wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        urlPathEqualTo("/api/v1/vehicles/" + included + "/history"))
                .withQueryParam("include", WireMock.equalTo("referencePrice"))
                .withQueryParam("asOf", WireMock.equalTo(Fixtures.exportDate())));
        int pricesAfter = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/reference-prices"))).size();
        assertEquals(1, pricesAfter - pricesBefore, "only the filing whose registry answered without the price asks for it");
    }
}
