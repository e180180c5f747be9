package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.local.Api;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every gateway route family × every role × own/other tenant, through the gateway to the running services,
 * each cell with the one status it must answer. Write cells send a body the service must refuse (400/415) so
 * that passing the role checks is visible without changing data; transitions that would change state are
 * probed where they are illegal (409) or invisible (404). A cell that leaks shows up as a 200 where a
 * 403/404 is expected.
 */
class AuthorizationMatrixIT {

    /** Columns: the callers. "own"/"other" are relative to the fixture filing (exporter-chengdu → KZ). */
    static final List<String> CALLERS = List.of("admin", "exporter-chengdu", "exporter-guangzhou", "manufacturer-byd",
            "registrar-sichuan", "customs-chengdu", "agency-kz", "agency-uz", "analyst", "rule-author", "anonymous");

    record Route(String name, Function<Api, Function<String, Integer>> call, Map<String, Integer> expected) {}

    static String vin;
    static String filingId;
    static final List<Route> ROUTES = new ArrayList<>();

    @BeforeAll
    static void fixture() {
        Api api = Suite.gateway();
        LocalDate registered = FilingJourneyIT.Fixtures.today().minusDays(15);
        vin = FilingJourneyIT.Fixtures.registerBydWithHistory(api, registered, 3);
        // no after-sales confirmation 15 days after registration: held by the 180-day rule
        JsonNode filing = FilingJourneyIT.Fixtures.fileExport(api, "exporter-chengdu", vin, "KZ",
                FilingJourneyIT.Fixtures.today().plusDays(5), 3, "PERSON", null);
        filingId = filing.get("id").asText();
        JsonNode screened = FilingJourneyIT.Fixtures.awaitScreened(api, "exporter-chengdu", filingId);
        assertEquals("HELD", screened.get("status").asText(), "fixture filing must be held: " + screened);
    }

    static Map<String, Integer> expect(int otherwise, Object... cells) {
        Map<String, Integer> m = new LinkedHashMap<>();
        CALLERS.forEach(c -> m.put(c, otherwise));
        m.put("anonymous", 401);
        for (int i = 0; i < cells.length; i += 2) {
            for (String caller : ((String) cells[i]).split(",")) {
                m.put(caller.trim(), (Integer) cells[i + 1]);
            }
        }
        return m;
    }

    static final String ALL_BUT_ANON = "admin,exporter-chengdu,exporter-guangzhou,manufacturer-byd,registrar-sichuan,"
            + "customs-chengdu,agency-kz,agency-uz,analyst,rule-author";
    static final String VEHICLE_READERS = "admin,exporter-chengdu,exporter-guangzhou,manufacturer-byd,registrar-sichuan,"
            + "customs-chengdu,agency-kz,agency-uz";
    static final String LONG_REASON = "x".repeat(2001);

    static Function<String, Integer> get(Api api, String path) {
        return client -> api.get(client, path).status();
    }

    static Function<String, Integer> post(Api api, String path, Object body) {
        return client -> api.post(client, path, body).status();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteEveryRoleEveryTenant() {
        List<Route> routes = List.of(
                new Route("GET /vins/{vin}", api -> get(api, "/api/v1/vins/" + vin), expect(403, ALL_BUT_ANON, 200)),
                new Route("GET /vehicles/{vin}", api -> get(api, "/api/v1/vehicles/" + vin), expect(403, VEHICLE_READERS, 200)),
                new Route("GET /vehicles/{vin}/history", api -> get(api, "/api/v1/vehicles/" + vin + "/history"),
                        expect(403, VEHICLE_READERS, 200)),
                new Route("GET /vehicles/{vin}/dossier", api -> get(api, "/api/v1/vehicles/" + vin + "/dossier"),
                        expect(403, VEHICLE_READERS, 200)),
                new Route("POST /vehicles (invalid body)", api -> post(api, "/api/v1/vehicles", Map.of()),
                        expect(403, "admin,manufacturer-byd", 400)),
                new Route("POST /vehicles/{vin}/odometer-readings (invalid body)",
                        api -> post(api, "/api/v1/vehicles/" + vin + "/odometer-readings", Map.of()),
                        expect(403, "admin,registrar-sichuan", 400)),
                new Route("GET /reference-prices", api -> get(api, "/api/v1/reference-prices"),
                        expect(403, ALL_BUT_ANON, 200, "rule-author", 403)),
                new Route("POST /reference-prices (invalid body)", api -> post(api, "/api/v1/reference-prices", Map.of()),
                        expect(403, "admin,manufacturer-byd", 400)),
                new Route("POST /imports (wrong media type)",
                        api -> client -> api.postRaw(client, "/api/v1/imports", "vin\n", "text/plain").status(),
                        expect(403, "admin,manufacturer-byd,registrar-sichuan", 415)),
                new Route("GET /rule-sets", api -> get(api, "/api/v1/rule-sets"), expect(403, ALL_BUT_ANON, 200)),
                new Route("POST /rule-sets (invalid body)", api -> post(api, "/api/v1/rule-sets", Map.of()),
                        expect(403, "admin,rule-author", 400)),
                new Route("POST /evaluations (invalid body)", api -> post(api, "/api/v1/evaluations", Map.of()),
                        expect(403, "admin", 400)),
                new Route("GET /filings/{own KZ filing}", api -> get(api, "/api/v1/filings/" + filingId),
                        expect(403, "admin,exporter-chengdu,customs-chengdu,agency-kz", 200,
                                "exporter-guangzhou,agency-uz", 404)),
                new Route("GET /filings", api -> get(api, "/api/v1/filings"),
                        expect(403, "admin,exporter-chengdu,exporter-guangzhou,customs-chengdu,agency-kz,agency-uz", 200)),
                new Route("POST /filings (invalid body)", api -> post(api, "/api/v1/filings", Map.of()),
                        expect(403, "admin,exporter-chengdu,exporter-guangzhou", 400)),
                new Route("POST /filings/{id}/reject (reason too long)",
                        api -> post(api, "/api/v1/filings/" + filingId + "/reject", Map.of("reason", LONG_REASON)),
                        expect(403, "admin,customs-chengdu", 400)),
                new Route("POST /filings/{id}/arrival (filing is HELD)",
                        api -> post(api, "/api/v1/filings/" + filingId + "/arrival", null),
                        expect(403, "admin,agency-kz", 409, "agency-uz", 404)),
                new Route("GET /filings/{id}/events", api -> get(api, "/api/v1/filings/" + filingId + "/events"),
                        expect(403, "admin,exporter-chengdu,customs-chengdu,agency-kz", 200,
                                "exporter-guangzhou,agency-uz", 404)),
                new Route("POST /filings/{id}/documents (no document)",
                        api -> post(api, "/api/v1/filings/" + filingId + "/documents", Map.of()),
                        expect(403, "admin,exporter-chengdu,exporter-guangzhou,customs-chengdu", 400)),
                new Route("GET /exporter-negative-list", api -> get(api, "/api/v1/exporter-negative-list"),
                        expect(403, "admin,customs-chengdu", 200)),
                new Route("POST /exporter-negative-list (invalid body)",
                        api -> post(api, "/api/v1/exporter-negative-list", Map.of()), expect(403, "admin,customs-chengdu", 400)),
                new Route("GET /exchange-rates", api -> get(api, "/api/v1/exchange-rates"),
                        expect(403, "admin,customs-chengdu,analyst", 200)),
                new Route("POST /exchange-rates (invalid body)", api -> post(api, "/api/v1/exchange-rates", Map.of()),
                        expect(403, "admin", 400)),
                new Route("GET /quotas", api -> get(api, "/api/v1/quotas"), expect(403, "admin,customs-chengdu,analyst", 200)),
                new Route("GET /reports/zero-mileage", api -> get(api, "/api/v1/reports/zero-mileage"),
                        expect(403, "admin,analyst", 200)));
        Api api = Suite.gateway();
        return routes.stream().flatMap(route -> route.expected().entrySet().stream().map(cell ->
                DynamicTest.dynamicTest(route.name() + " as " + cell.getKey(), () -> {
                    String caller = cell.getKey().equals("anonymous") ? null : cell.getKey();
                    assertEquals(cell.getValue(), route.call().apply(api).apply(caller),
                            route.name() + " as " + cell.getKey());
                })));
    }
}
