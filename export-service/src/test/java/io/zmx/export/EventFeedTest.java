package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's event feed at the REST level, with real tokens and PostgreSQL: one event per transition in the
 * transaction of the change, scoped by the visibility rule, and a cursor that never passes over a late commit.
 */
@QuarkusTest
class EventFeedTest {

    @Inject
    Screener screener;

    static final String ADMIN = Tokens.bearer("root", "admin");

    /** A poller: reads every page from {@code cursor} until an empty one; returns the events and the final cursor. */
    record Read(List<Map<String, Object>> events, String next) {}

    static Read readAll(String token, String cursor, String... types) {
        List<Map<String, Object>> all = new ArrayList<>();
        String next = cursor;
        for (int i = 0; i < 1000; i++) {
            var req = given().header("Authorization", token).queryParam("limit", 500);
            if (next != null) req.queryParam("after", next);
            for (String t : types) req.queryParam("type", t);
            JsonPath page = req.get("/api/v1/events").then().statusCode(200).body("next", notNullValue()).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            String after = page.getString("next");
            if (items.isEmpty()) {
                return new Read(all, after);
            }
            all.addAll(items);
            next = after;
        }
        throw new AssertionError("feed does not end");
    }

    static List<String> typesOf(Read r, String filingId) {
        return r.events().stream().filter(e -> filingId.equals(e.get("filingId"))).map(e -> (String) e.get("type")).toList();
    }

    @Test
    void everyTransitionIsAnEventScopedByTheVisibilityRule() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("feed-exp", cc);
        String otherExporter = Tokens.exporter("feed-other", Fixtures.creditCode());
        String kg = Tokens.agency("kg-agency", "KG");
        String ru = Tokens.agency("ru-agency", "RU");
        String customs = Tokens.bearer("officer", "customs");
        String start = readAll(ADMIN, null).next();

        Fixtures.complianceAnswers("KG", "GREEN");
        Fixtures.referencePrice("19000.00");
        String vin = Fixtures.vin();
        Fixtures.registryHas(vin, "CN-SC", LocalDate.of(2026, 3, 1), 5, "BYD Auto");
        String id = Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "KG", "USED", 5));
        Fixtures.screen(screener);
        assertEquals("CLEARED", Fixtures.status(id));

        // the exporter sees every event of its filing, in order; the payload names the filing and no owner
        Read own = readAll(exporter, start);
        assertEquals(List.of("filing.created", "filing.submitted", "filing.screened", "filing.cleared"), typesOf(own, id));
        Map<String, Object> cleared = own.events().stream().filter(e -> "filing.cleared".equals(e.get("type"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) cleared.get("payload");
        assertEquals(id, payload.get("filingId"));
        assertEquals(vin, payload.get("vin"));
        assertEquals("GREEN", payload.get("lane"));
        assertEquals(List.of("KG"), cleared.get("countries"));
        assertTrue(own.events().stream().allMatch(e -> cc.equals(e.get("exporterCreditCode"))), "only its own events");
        // KG's agency: the filing's events once it is screened (as it sees the filing), not the draft and submission
        assertEquals(List.of("filing.screened", "filing.cleared"), typesOf(readAll(kg, start), id));
        // RU's agency never sees a KG-only event; nor does another exporter
        Read ruRead = readAll(ru, start);
        assertEquals(List.of(), typesOf(ruRead, id));
        assertTrue(ruRead.events().stream().allMatch(e -> ((List<?>) e.get("countries")).contains("RU")), "RU sees RU events only");
        assertEquals(List.of(), typesOf(readAll(otherExporter, start), id));
        // origin customs and admin see all
        assertEquals(4, typesOf(readAll(customs, start), id).size());
        assertEquals(4, typesOf(readAll(ADMIN, start, "filing.created", "filing.submitted", "filing.screened", "filing.cleared"), id).size());
        // the type filter
        assertEquals(List.of("filing.cleared"), typesOf(readAll(exporter, start, "filing.cleared"), id));

        // payloads are JSON objects in the database too (not a JSON string of one), so SQL and the dispatcher can read them
        assertEquals(0L, count("SELECT count(*) FROM event WHERE jsonb_typeof(payload) <> 'object'"));

        // a refused step commits nothing, so no event: submitting again is an illegal transition
        given().header("Authorization", exporter).post("/api/v1/filings/" + id + "/submit").then().statusCode(409);
        assertEquals(4, typesOf(readAll(exporter, start), id).size());
    }

    @Test
    void rolesWithoutFeedAccessGet403() {
        for (String token : List.of(Tokens.bearer("ana", "analyst"), Tokens.bearer("reg", "registrar"),
                Tokens.bearer("agency-without-country", "agency"), Tokens.bearer("exporter-without-code", "exporter"))) {
            given().header("Authorization", token).get("/api/v1/events").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().get("/api/v1/events").then().statusCode(401);
    }

    @Test
    void badCursorLimitOrTypeIs400Problem() {
        for (Map<String, String> q : List.of(Map.of("after", "garbage"), Map.of("after", "12"), Map.of("after", "-1.2"), Map.of("after", "1-2"),
                Map.of("after", "99999999999999999999.1"), Map.of("limit", "0"), Map.of("limit", "501"),
                Map.of("limit", "ten"), Map.of("type", "Filing.CLEARED"))) {
            given().header("Authorization", ADMIN).queryParams(q).get("/api/v1/events").then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("https://zmx.io/problems/validation"));
        }
    }

    /** An empty page still answers a cursor, and one that moves past events the caller may not see. */
    @Test
    void anEmptyPageKeepsThePollersPlace() {
        String nobody = Tokens.agency("aq-agency", "AQ");
        Read first = readAll(nobody, null);
        assertEquals(List.of(), first.events());
        String again = given().header("Authorization", nobody).queryParam("after", first.next()).get("/api/v1/events")
                .then().statusCode(200).body("items.size()", equalTo(0)).extract().path("next");
        assertTrue(again.equals(first.next()) || !again.isBlank());
        given().header("Authorization", nobody).queryParam("after", "0.0").get("/api/v1/events").then().statusCode(200)
                .body("next", notNullValue());
    }

    /**
     * Two transactions write events; the one that took its transaction id first gets the higher seq and commits first,
     * the other (lower seq) commits late. And the brief's case: the later-started transaction commits first. Polling in
     * between, the feed hands out neither too early nor skips the late one.
     */
    @Test
    void aCursorNeverSkipsALateCommit() throws Exception {
        String reader = Tokens.agency("late-agency", "XL");
        String cursor = readAll(reader, null).next();
        try (Connection older = PostgresResource.superuser().getConnection();
             Connection younger = PostgresResource.superuser().getConnection()) {
            older.setAutoCommit(false);
            younger.setAutoCommit(false);
            txid(older); // the older transaction takes its id first...
            insert(younger, "younger"); // ...the younger one writes first (lower seq) and stays open
            insert(older, "older"); // higher seq, older txid
            older.commit();
            Read mid = readAll(reader, cursor);
            assertEquals(List.of("older"), marks(mid), "the older transaction's row is settled, the younger one still running");
            younger.commit();
            Read after = readAll(reader, mid.next());
            assertEquals(List.of("younger"), marks(after), "the late commit with the lower seq is not skipped");
            cursor = after.next();
        }
        try (Connection first = PostgresResource.superuser().getConnection();
             Connection second = PostgresResource.superuser().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insert(first, "started-first");
            insert(second, "started-second");
            second.commit(); // the later-started one commits first
            Read mid = readAll(reader, cursor);
            assertEquals(List.of(), marks(mid), "nothing is handed out while an older transaction still runs");
            first.commit();
            Read after = readAll(reader, mid.next());
            assertEquals(List.of("started-first", "started-second"), marks(after));
        }
    }

    /**
     * Transaction ids are numbers: an event of transaction 10 comes after one of transaction 9, though "10" sorts
     * before "9" as text (the feed once ordered by the text of the id, so its pages skipped and repeated events once
     * the ids grew a digit: 999 -> 1000 happens within minutes of a new database).
     */
    @Test
    void pagesFollowTransactionIdsAsNumbersNotAsText() throws Exception {
        String reader = Tokens.agency("digits-agency", "XD");
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement()) {
            for (String[] e : new String[][] {{"9", "nine"}, {"10", "ten"}, {"100", "hundred"}}) {
                s.executeUpdate("INSERT INTO event (id, type, countries, payload, txid) VALUES (gen_random_uuid(), 'test.digits',"
                        + " '{XD}', jsonb_build_object('mark', '" + e[1] + "'), '" + e[0] + "'::xid8)");
            }
        }
        List<String> onePerPage = new ArrayList<>();
        String next = null;
        for (int i = 0; i < 5; i++) {
            var req = given().header("Authorization", reader).queryParam("limit", 1);
            if (next != null) req.queryParam("after", next);
            JsonPath page = req.get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) break;
            onePerPage.add((String) ((Map<?, ?>) items.get(0).get("payload")).get("mark"));
            next = page.getString("next");
        }
        assertEquals(List.of("nine", "ten", "hundred"), onePerPage, "one event per page, in transaction order, none skipped");
        assertEquals(List.of("nine", "ten", "hundred"), marks(readAll(reader, null)));
    }

    static long count(String sql) {
        try (Connection c = PostgresResource.superuser().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long txid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_current_xact_id()::text")) {
            r.next();
            return Long.parseLong(r.getString(1));
        }
    }

    private static void insert(Connection c, String mark) throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO event (id, type, countries, payload) VALUES (gen_random_uuid(), 'test.late-commit',"
                    + " '{XL}', jsonb_build_object('mark', '" + mark + "'))");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> marks(Read r) {
        return r.events().stream().map(e -> (String) ((Map<String, Object>) e.get("payload")).get("mark")).toList();
    }
}
