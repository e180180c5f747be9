package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a list endpoint runs a bounded number of SQL statements whatever the data. Counted by PostgreSQL
 * itself (pg_stat_statements, calls by the service's role): the same request over 1 item and over 50 items must
 * run the same number of statements (no query per row).
 */
@QuarkusTest
class StatementCountTest {

    final String admin = Tokens.bearer("root", "admin");

    @Test
    void listingFilingsRunsAsManyStatementsForFiftyAsForOne() {
        assertSameCount(n -> {
            String cc = Fixtures.creditCode();
            String exporter = Tokens.exporter("exp-" + cc, cc);
            for (int i = 0; i < n; i++) {
                Fixtures.submitted(exporter, Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 7));
            }
            last = exporter;
        }, () -> given().header("Authorization", last).queryParam("size", 50).get("/api/v1/filings")
                .then().statusCode(200));
    }

    @Test
    void listingQuotasNegativeListAndRatesRunsAsManyStatementsForFiftyAsForOne() {
        assertSameCount(n -> {
            String region = "CN-" + (char) ('A' + (int) (Math.random() * 26)) + (char) ('A' + (int) (Math.random() * 26)) + n % 10;
            for (int i = 0; i < n; i++) {
                given().header("Authorization", admin).contentType(ContentType.JSON).body("""
                        {"region":"%s","periodStart":"2026-01-01","periodEnd":"2026-12-31","limit":%d}""".formatted(region, 10 + i))
                        .post("/api/v1/quotas").then().statusCode(201);
            }
            last = region;
        }, () -> given().header("Authorization", admin).queryParam("region", last).get("/api/v1/quotas").then().statusCode(200));

        assertSameCount(n -> {
            String cc = Fixtures.creditCode();
            for (int i = 0; i < n; i++) {
                given().header("Authorization", admin).contentType(ContentType.JSON).body("""
                        {"creditCode":"%s","measure":"HOLD","reason":"audit %d","since":"2026-01-01","source":"notice"}"""
                        .formatted(cc, i)).post("/api/v1/exporter-negative-list").then().statusCode(201);
            }
            last = cc;
        }, () -> given().header("Authorization", admin).queryParam("creditCode", last).get("/api/v1/exporter-negative-list")
                .then().statusCode(200));

        assertSameCount(n -> {
            String currency = n == 1 ? "KZT" : "AMD";
            for (int i = 0; i < n; i++) {
                given().header("Authorization", admin).contentType(ContentType.JSON).body("""
                        {"currency":"%s","validOn":"%s","rate":0.0021,"source":"test"}"""
                        .formatted(currency, LocalDate.of(2025, 1, 1).plusDays(i))).post("/api/v1/exchange-rates")
                        .then().statusCode(200);
            }
            last = currency;
        }, () -> given().header("Authorization", admin).queryParam("currency", last).get("/api/v1/exchange-rates")
                .then().statusCode(200));
    }

    /**
     * Issue 12's write path: one submit (create and submit at once, with an Idempotency-Key) is one transaction of
     * few statements, whatever the service has stored. Every statement is a round trip on the reactive client, and
     * the round trips were most of a submit's CPU: the statements are listed when the count grows.
     */
    @Test
    void submittingAFilingWithAnIdempotencyKeyRunsFewStatements() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Runnable submit = () -> given().header("Authorization", exporter).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 7))
                .post("/api/v1/filings?submit=true").then().statusCode(201);
        submit.run(); // warm: the first call may prepare statements
        java.util.Map<String, Long> before = byStatement();
        submit.run();
        java.util.Map<String, Long> after = byStatement();
        Ran ran = Ran.between(before, after);
        long total = ran.total();
        String listing = ran.listing();
        System.out.println("statements for one submit: " + total + listing);
        assertTrue(total <= SUBMIT_STATEMENTS, "one submit ran " + total + " statements (at most " + SUBMIT_STATEMENTS + "):" + listing);
    }

    /**
     * BEGIN, the idempotency key, the filing number, the filing (a draft: its audit events reference the row), two
     * audit events (created, submitted), two feed events (issue 14: the same two transitions, in the same
     * transaction), the filing's submitted state, the key's answer, COMMIT. A statement more per transition is a
     * deliberate change of this number.
     */
    static final int SUBMIT_STATEMENTS = 11;

    @jakarta.inject.Inject
    io.zmx.export.service.Screener screener;

    /**
     * Issue 12's screening path: one submitted filing, from its claim to its stored verdict (claim, filing read,
     * negative list, the verdict transaction with its audit and feed events, alert checks and the rollup), runs few
     * statements and calls registry and compliance few times. Every statement is a round trip on the event loop and
     * every call a request the other service pays for: the statements are listed when the count grows.
     */
    @Test
    void screeningAFilingRunsFewStatementsAndCalls() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.complianceAnswers("TJ", "GREEN");
        Fixtures.referencePrice("20000.00");
        java.time.Instant soon = java.time.Instant.now().plusSeconds(5);
        String warm = Fixtures.vin();
        Fixtures.registryHas(warm, "CN-SC", Fixtures.today().minusDays(400), 12000, "BYD Auto", false);
        Fixtures.submitted(exporter, Fixtures.filing(cc, warm, "TJ", "USED", 12000));
        screener.screenDue(soon.plusSeconds(5)); // warm, and screens whatever other tests left due by now
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", Fixtures.today().minusDays(400), 12000, "BYD Auto", false);
        Fixtures.registryIncludesPrice(vin, Fixtures.exportDate(), "20000.00"); // registry since issue 12
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "TJ", "USED", 12000));
        var wm = DependenciesResource.wiremock();
        int requestsBefore = wm.getAllServeEvents().size();
        java.util.Map<String, Long> before = byStatement();
        assertEquals(1, screener.screenDue(java.time.Instant.now().plusSeconds(10)), "the one filing is screened");
        java.util.Map<String, Long> after = byStatement();
        var served = wm.getAllServeEvents();
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < served.size() - requestsBefore; i++) { // newest first
            calls.append("\n  ").append(served.get(i).getRequest().getMethod()).append(' ').append(served.get(i).getRequest().getUrl());
        }
        int httpCalls = served.size() - requestsBefore;
        Ran ran = Ran.between(before, after);
        long total = ran.total();
        String listing = ran.listing();
        System.out.println("statements for one screening: " + total + listing + "\nHTTP calls: " + httpCalls + calls);
        assertEquals("CLEARED", Fixtures.status(id));
        assertTrue(total <= SCREEN_STATEMENTS, "one screening ran " + total + " statements (at most " + SCREEN_STATEMENTS + "):" + listing);
        assertTrue(httpCalls <= SCREEN_CALLS, "one screening made " + httpCalls + " calls (at most " + SCREEN_CALLS + "):" + calls);
    }

    /**
     * The claim, the filing (read for the remote calls, outside any transaction), the exporter's negative-list entry,
     * then the verdict's transaction: BEGIN, the filing locked, its quotas locked, its two transitions' audit and
     * feed events with the rollup count (one statement: VerdictRows), the filing's row, the alert checks, COMMIT. It
     * was 15: five inserts and the rollup one by one, and the filing's row written twice (the quota's query flushed the
     * SCREENED state before the verdict's status).
     */
    static final int SCREEN_STATEMENTS = 10;
    /** The history with its reference price (one call since issue 12; two before) and the evaluation. */
    static final int SCREEN_CALLS = 2;

    private static java.util.Map<String, Long> byStatement() {
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT query, sum(calls) FROM pg_stat_statements"
                     + " WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = 'exports') GROUP BY query")) {
            while (r.next()) m.put(r.getString(1).replaceAll("\\s+", " "), r.getLong(2));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    String last;

    private void assertSameCount(IntConsumer seed, Runnable request) {
        seed.accept(1);
        request.run(); // warm: the first call may prepare statements
        long one = statements(request);
        seed.accept(50);
        request.run();
        long fifty = statements(request);
        assertEquals(one, fifty, "statements for 1 item vs 50 items");
    }

    private static long statements(Runnable request) {
        long before = calls();
        request.run();
        return calls() - before;
    }

    private static long calls() {
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements"
                     + " WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = 'exports')")) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements run between two {@code pg_stat_statements} snapshots: how many, and each with its count. */
    record Ran(long total, String listing) {
        static Ran between(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
            StringBuilder listing = new StringBuilder();
            long total = 0;
            for (var e : after.entrySet()) {
                long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                if (n > 0) {
                    total += n;
                    listing.append("\n  ").append(n).append("  ").append(e.getKey());
                }
            }
            return new Ran(total, listing.toString());
        }
    }
}
