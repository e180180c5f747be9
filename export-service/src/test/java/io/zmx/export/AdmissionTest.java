package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.zmx.export.persistence.Backlog;
import io.zmx.export.service.Admission;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the screening backlog is bounded. With at most 3 filings awaiting screening per exporter and 6 in all,
 * a submit past the exporter's share is a 429 screening-backlog-exporter, past the service's a 429
 * screening-backlog-full (not a 503, which the gateway's circuit breaker would count as an outage), both problem+json
 * with Retry-After; the
 * refusal changes nothing (no filing, the draft stays a draft, no stored Idempotency-Key answer) and a draft is never
 * refused. On a database of its own ({@link PostgresResource#OWN_DATABASE}): the global bound counts every SUBMITTED
 * filing, and the other tests leave theirs unscreened. Every test starts from a backlog the screener has drained.
 */
@QuarkusTest
@TestProfile(AdmissionTest.OwnDatabase.class)
class AdmissionTest {

    static final String DATABASE = "exports_admissiontest";

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zmx.screening.max-backlog", "6", "zmx.screening.max-backlog-per-exporter", "3",
                    "zmx.screening.retry-after", "PT7S");
        }
    }

    @Inject
    Screener screener;

    @Inject
    Admission admission;

    @BeforeEach
    void drainedBacklog() throws SQLException {
        Fixtures.complianceAnswers("KZ", "GREEN");
        Fixtures.referencePrice("19000.00");
        drain();
    }

    @Test
    void anExporterIsAdmittedUpToItsShareAndRefusedPastItWhileAnotherExporterIsStillAdmitted() throws SQLException {
        String a = Fixtures.creditCode();
        String b = Fixtures.creditCode();
        submit(a).then().statusCode(201);
        submit(a).then().statusCode(201);
        // just inside: the third brings the exporter to its limit and is admitted
        submit(a).then().statusCode(201).body("status", equalTo("SUBMITTED"));
        // just outside: the fourth would be one too many
        String vin = Fixtures.vin();
        Response refused = submit(a, vin, null);
        refused.then().statusCode(429).contentType("application/problem+json").header("Retry-After", "7")
                .body("type", endsWith("/screening-backlog-exporter")).body("status", equalTo(429));
        assertEquals(0, count("SELECT count(*) FROM filings WHERE vin = ?", vin), "the refused filing was not created");
        assertEquals(3, count("SELECT count(*) FROM filings WHERE exporter_credit_code = ?", a));
        // another exporter is not held back by the first one's flood
        submit(b).then().statusCode(201);
        assertEquals(4, submitted());
    }

    /** Check and reservation are one step: submits racing for the last places cannot pass the limit together. */
    @Test
    void concurrentSubmitsOfOneExporterAdmitExactlyItsShare() throws Exception {
        String a = Fixtures.creditCode();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String vin = registered(Fixtures.vin());
                answers.add(pool.submit(() -> submit(a, vin, null).statusCode()));
            }
            java.util.Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            for (var f : answers) byStatus.merge(f.get(), 1, Integer::sum);
            assertEquals(Map.of(201, 3, 429, 9), byStatus);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, count("SELECT count(*) FROM filings WHERE exporter_credit_code = ?", a));
    }

    @Test
    void theGlobalBoundAnswers429BacklogFullWithRetryAfterAndCreatesNothing() throws SQLException {
        String a = Fixtures.creditCode();
        String b = Fixtures.creditCode();
        String c = Fixtures.creditCode();
        for (int i = 0; i < 3; i++) submit(a).then().statusCode(201);
        submit(b).then().statusCode(201);
        submit(b).then().statusCode(201);
        // just inside: the sixth filing awaiting screening is admitted
        submit(b).then().statusCode(201);
        assertEquals(6, submitted());
        // just outside: an exporter with nothing waiting is refused for the service's bound
        String vin = Fixtures.vin();
        submit(c, vin, null).then().statusCode(429).contentType("application/problem+json").header("Retry-After", "7")
                .body("type", endsWith("/screening-backlog-full"));
        assertEquals(0, count("SELECT count(*) FROM filings WHERE exporter_credit_code = ?", c));
        assertEquals(6, submitted());
        // operators see it: the backlog admission counts, and the refusals by limit
        String metrics = given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class)).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.matches("zmx_screening_backlog(\\{.*})? 6\\.0")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.matches("zmx_screening_refused_total\\{.*limit=\"service\".*} [1-9].*")), metrics);
        // once the screener has drained the backlog, the same exporter is admitted
        drain();
        submit(c, vin, null).then().statusCode(201);
    }

    @Test
    void draftsAreNeverRefusedAndARefusedSubmitOfADraftLeavesItADraft() throws SQLException {
        String a = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + a, a);
        for (int i = 0; i < 3; i++) submit(a).then().statusCode(201);
        // a full backlog (the exporter's share) refuses no draft
        Response draft = given().header("Authorization", exporter).contentType(ContentType.JSON)
                .body(Fixtures.filing(a, registered(Fixtures.vin()), "KZ", "USED", 7)).post("/api/v1/filings");
        draft.then().statusCode(201).body("status", equalTo("DRAFT"));
        String id = draft.path("id");
        String etag = draft.header("ETag");
        String key = UUID.randomUUID().toString();
        given().header("Authorization", exporter).header("If-Match", etag).header("Idempotency-Key", key)
                .post("/api/v1/filings/" + id + "/submit")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "7")
                .header("Idempotent-Replayed", nullValue()).body("type", endsWith("/screening-backlog-exporter"));
        given().header("Authorization", exporter).get("/api/v1/filings/" + id)
                .then().statusCode(200).header("ETag", etag).body("status", equalTo("DRAFT"))
                .body("submittedAt", nullValue());
        assertEquals(1, count("SELECT count(*) FROM filing_events WHERE filing_id = ?::uuid", id), "only the draft's event");
        assertEquals(0, count("SELECT count(*) FROM idempotency_keys WHERE key = ?", key), "no stored answer");
        assertEquals(3, submitted());
        // drained, the same keyed submit runs (it is not a replay of the 429)
        drain();
        given().header("Authorization", exporter).header("If-Match", etag).header("Idempotency-Key", key)
                .post("/api/v1/filings/" + id + "/submit")
                .then().statusCode(200).header("Idempotent-Replayed", "false")
                .body("status", equalTo("SUBMITTED"));
    }

    @Test
    void aRefusedKeyedSubmitIsNotStoredAndItsRetryAfterTheDrainRunsAnew() throws SQLException {
        String a = Fixtures.creditCode();
        for (int i = 0; i < 3; i++) submit(a).then().statusCode(201);
        String key = UUID.randomUUID().toString();
        String vin = Fixtures.vin();
        submit(a, vin, key).then().statusCode(429).header("Retry-After", "7").header("Idempotent-Replayed", nullValue());
        // a retry while still full is refused again (not a replay, nothing stored)
        submit(a, vin, key).then().statusCode(429).header("Idempotent-Replayed", nullValue());
        assertEquals(0, count("SELECT count(*) FROM idempotency_keys WHERE key = ?", key));
        assertEquals(0, count("SELECT count(*) FROM filings WHERE vin = ?", vin));
        drain();
        String id = submit(a, vin, key).then().statusCode(201).header("Idempotent-Replayed", "false")
                .body("status", equalTo("SUBMITTED")).extract().path("id");
        // that answer is the one stored: a further retry replays it, even with the exporter at its share again
        submit(a).then().statusCode(201);
        submit(a).then().statusCode(201);
        submit(a).then().statusCode(429);
        submit(a, vin, key).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        assertEquals(1, count("SELECT count(*) FROM filings WHERE vin = ?", vin));
    }

    /** The count behind admission reads the SUBMITTED rows through an index, not the whole table. */
    @Test
    void theBacklogCountCanBeServedByAnIndexOverTheSubmittedRows() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = PostgresResource.superuser(DATABASE).getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off"); // the tests' table is small enough for a scan to win otherwise
            try (ResultSet r = s.executeQuery("EXPLAIN " + Backlog.COUNT)) {
                while (r.next()) plan.append(r.getString(1)).append('\n');
            }
        }
        assertTrue(plan.toString().matches("(?s).*filings_(due|status).*"), plan.toString());
    }

    private Response submit(String creditCode) {
        return submit(creditCode, Fixtures.vin(), null);
    }

    private Response submit(String creditCode, String vin, String key) {
        var request = given().header("Authorization", Tokens.exporter("exp-" + creditCode, creditCode))
                .contentType(ContentType.JSON).body(Fixtures.filing(creditCode, registered(vin), "KZ", "USED", 7));
        if (key != null) request = request.header("Idempotency-Key", key);
        return request.post("/api/v1/filings?submit=true");
    }

    private static String registered(String vin) {
        Fixtures.registryHas(vin, "CN-SC", LocalDate.now().minusDays(400), 7, "BYD Auto");
        return vin;
    }

    /** The screener screens every due filing, then admission counts again (its timer is off in tests). */
    private void drain() throws SQLException {
        Fixtures.screen(screener);
        admission.refresh().await().indefinitely();
        assertEquals(0, submitted(), "the screener drained the backlog");
    }

    private static long submitted() throws SQLException {
        return count("SELECT count(*) FROM filings WHERE status = 'SUBMITTED'");
    }

    private static long count(String sql, String... parameters) throws SQLException {
        try (Connection c = PostgresResource.superuser(DATABASE).getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) s.setString(i + 1, parameters[i]);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
