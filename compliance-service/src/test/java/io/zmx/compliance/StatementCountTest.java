package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every list endpoint runs a bounded number of SQL statements whatever the data: counted by PostgreSQL itself
 * (pg_stat_statements, every statement the service's role ran in its database) for one request with 1 row behind
 * it and with 50, which must be the same.
 */
@QuarkusTest
class StatementCountTest {

    static final String ADMIN = Tokens.bearer("count-admin", "admin");

    @Test
    void officialRepresentativeListRunsTheSameStatementsFor1And50Entries() {
        String url = "/api/v1/official-representatives?country=TV&size=200";
        addEntries(1, 0);
        long one = statementsOf(url);
        addEntries(49, 1);
        long fifty = statementsOf(url);
        assertEquals(one, fifty, "statements for 1 entry vs 50");
        assertTrue(one <= 2, "count and page: " + one);
    }

    @Test
    void ruleSetListsRunTheSameStatementsFor1And50Versions() {
        createSet("CNTA");
        addDrafts("CNTA", 1);
        long list1 = statementsOf("/api/v1/rule-sets?size=200");
        long one1 = statementsOf("/api/v1/rule-sets/CNTA");
        long rules1 = statementsOf("/api/v1/rules?size=200");
        addDrafts("CNTA", 49);
        assertEquals(list1, statementsOf("/api/v1/rule-sets?size=200"), "GET /rule-sets with 1 vs 50 versions");
        assertEquals(one1, statementsOf("/api/v1/rule-sets/CNTA"), "GET /rule-sets/{j} with 1 vs 50 versions");
        assertEquals(rules1, statementsOf("/api/v1/rules?size=200"), "GET /rules with 1 vs 50 versions");
        assertTrue(list1 <= 2 && one1 <= 2 && rules1 <= 3, list1 + " " + one1 + " " + rules1);
    }

    static final String EXPORT_SERVICE = Tokens.bearer("export-service", "export-service");

    /**
     * Issue 12: what one screening costs compliance. export-service asks for one evaluation per screened filing, with
     * an Idempotency-Key; the evaluation is stored with its input and result. Each statement is a round trip on the
     * event loop: the count per evaluation is held here, listed when it grows.
     */
    @Test
    void anEvaluationRunsFewStatements() {
        Runnable evaluate = () -> given().header("Authorization", EXPORT_SERVICE).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(Filings.v2("KZ", "2026-12-15", Map.of()))
                .post("/api/v1/evaluations").then().statusCode(201);
        evaluate.run(); // warm: compiled programs, caches
        evaluate.run();
        Map<String, Long> before = byStatement();
        evaluate.run();
        Map<String, Long> after = byStatement();
        StringBuilder listing = new StringBuilder();
        long total = 0;
        for (var e : after.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (n > 0) {
                total += n;
                listing.append("\n  ").append(n).append("  ").append(e.getKey());
            }
        }
        System.out.println("statements for one evaluation: " + total + listing);
        assertTrue(total <= EVALUATION_STATEMENTS, "an evaluation ran " + total + " statements (at most "
                + EVALUATION_STATEMENTS + "):" + listing);
    }

    /**
     * BEGIN, the Idempotency-Key, the official-representative entries for the destination and make, the rule sets with
     * their published versions (one statement: RuleSetVersions.notDraftsWithSets; the compiled programs are cached),
     * the evaluation with its input and result, the key's answer, COMMIT. It was 8: sets and versions one by one.
     */
    static final int EVALUATION_STATEMENTS = 7;

    /** Calls per statement text by the service's role, transaction control included. */
    private static Map<String, Long> byStatement() {
        Map<String, Long> m = new java.util.TreeMap<>();
        try (Connection c = PostgresResource.superuser(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT p.query, sum(p.calls) FROM pg_stat_statements p"
                        + " JOIN pg_roles u ON u.oid = p.userid WHERE u.rolname = 'compliance' GROUP BY p.query")) {
            while (r.next()) m.put(r.getString(1).replaceAll("\\s+", " "), r.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    private static long statementsOf(String url) {
        given().header("Authorization", ADMIN).get(url).then().statusCode(200); // warm: compiled programs, caches
        reset();
        given().header("Authorization", ADMIN).get(url).then().statusCode(200);
        return count();
    }

    private static void addEntries(int n, int from) {
        for (int i = from; i < from + n; i++) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("country", "TV", "make", "Make" + i, "name", "Importer " + i, "validFrom", "2026-01-01",
                            "source", "https://example.org/tv"))
                    .post("/api/v1/official-representatives").then().statusCode(201);
        }
    }

    private static void createSet(String jurisdiction) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("jurisdiction", jurisdiction, "name", "Counting", "scope", "GROUP", "members", List.of("TV")))
                .post("/api/v1/rule-sets").then().statusCode(201);
    }

    private static void addDrafts(String jurisdiction, int n) {
        Map<String, Object> rule = Map.of("code", "COUNT-1", "title", "Counting", "severity", "INFO",
                "expression", "filing.destination == 'TV'", "message", "counted",
                "legalReferences", List.of(Map.of("title", "Test", "url", "https://example.org/law")));
        for (int i = 0; i < n; i++) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("effectiveFrom", "2026-01-01", "rules", List.of(rule)))
                    .post("/api/v1/rule-sets/" + jurisdiction + "/versions").then().statusCode(201);
        }
    }

    private static void reset() {
        try (Connection c = PostgresResource.superuser(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Statements the service's role ran in its database since the reset (its own transaction control included). */
    private static long count() {
        try (Connection c = PostgresResource.superuser(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements p"
                        + " JOIN pg_roles u ON u.oid = p.userid WHERE u.rolname = 'compliance'"
                        + " AND p.query NOT ILIKE 'begin%' AND p.query NOT ILIKE 'commit%' AND p.query NOT ILIKE 'rollback%'")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
