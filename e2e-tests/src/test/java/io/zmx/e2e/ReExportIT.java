package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.e2e.FilingJourneyIT.Fixtures;
import io.zmx.local.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 end to end, through the gateway: a car cleared for one country and then declared for import by another
 * country's agency raises one re-export alert, which the feed brings to both agencies and origin customs, and to no
 * other agency. The realm has no Kyrgyz agency client (agency-kz, -uz, -ru), so Kazakhstan plays the declared
 * destination that Kyrgyzstan plays in the issue; export-service's own tests run the KG case with signed test tokens.
 */
class ReExportIT {

    /** Every event of {@code type} after {@code cursor} the client may see, read page by page as a poller does. */
    static List<JsonNode> feed(Api api, String client, String cursor, String type) {
        List<JsonNode> all = new ArrayList<>();
        String next = cursor;
        for (int i = 0; i < 200; i++) {
            JsonNode page = api.get(client, "/api/v1/events?limit=500&type=" + type + (next == null ? "" : "&after=" + next))
                    .expect(200).body();
            assertTrue(page.hasNonNull("next"), "every page names the next cursor: " + page);
            next = page.get("next").asText();
            if (page.get("items").isEmpty()) {
                return all;
            }
            page.get("items").forEach(all::add);
        }
        throw new AssertionError("the feed does not end");
    }

    static String end(Api api, String client) {
        String next = null;
        for (int i = 0; i < 200; i++) {
            JsonNode page = api.get(client, "/api/v1/events?limit=500" + (next == null ? "" : "&after=" + next)).expect(200).body();
            next = page.get("next").asText();
            if (page.get("items").isEmpty()) {
                return next;
            }
        }
        throw new AssertionError("the feed does not end");
    }

    /** Whether {@code client}'s feed brings {@code alertId} within a few seconds (events appear once their commit settles). */
    static boolean receives(Api api, String client, String cursor, String alertId, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        do {
            for (JsonNode e : feed(api, client, cursor, "alert.raised")) {
                if (alertId.equals(e.path("payload").path("alertId").asText())) {
                    assertEquals("RE_EXPORT", e.path("payload").path("kind").asText(), e.toString());
                    return true;
                }
            }
            Fixtures.sleep(300);
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    @Test
    void aCarClearedForKazakhstanAndDeclaredInRussiaRaisesOneAlertForBothAgenciesAndCustomsOnly() {
        Api api = Suite.gateway();
        LocalDate today = Fixtures.today();
        String vin = Fixtures.registerBydWithHistory(api, today.minusDays(30), 8);
        JsonNode filing = Fixtures.fileExport(api, "exporter-chengdu", vin, "KZ", today, 8, "PERSON",
                Fixtures.confirmation(vin, "KZ"));
        String id = filing.get("id").asText();
        JsonNode screened = Fixtures.awaitScreened(api, "exporter-chengdu", id);
        if ("HELD".equals(screened.get("status").asText())) {
            Fixtures.step(api, "customs-cn", id, "release", Map.of("reason", "papers checked")).expect(200);
        }
        assertEquals("CLEARED", api.get("zmx-admin", "/api/v1/filings/" + id).expect(200).body().get("status").asText());
        Map<String, String> cursors = new java.util.HashMap<>();
        for (String client : List.of("agency-ru", "agency-kz", "agency-uz", "customs-cn", "exporter-chengdu")) {
            cursors.put(client, end(api, client));
        }

        // Russia's customs declares the car for import; retried with the same key, it is recorded once
        Map<String, Object> sighting = Map.of("vin", vin, "country", "RU", "kind", "IMPORT_DECLARATION",
                "place", "Verkhniy Lars", "date", today.toString());
        String key = UUID.randomUUID().toString();
        JsonNode recorded = api.request("agency-ru", "POST", "/api/v1/sightings", Api.json(sighting), "application/json",
                Map.of("Idempotency-Key", key)).expect(201).body();
        assertEquals(1, recorded.get("alertsRaised").size(), recorded.toString());
        String alert = recorded.get("alertsRaised").get(0).asText();
        Api.Reply replay = api.request("agency-ru", "POST", "/api/v1/sightings", Api.json(sighting), "application/json",
                Map.of("Idempotency-Key", key)).expect(201);
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(recorded.get("id"), replay.body().get("id"));
        assertEquals(1, api.get("customs-cn", "/api/v1/sightings?vin=" + vin).expect(200).body().get("items").size());
        // an agency reports only its own country
        assertEquals(403, api.post("agency-uz", "/api/v1/sightings", sighting).status());

        // the alert: route CN-SC > KZ > RU, seen in the alert list by RU, KZ and customs, not UZ
        JsonNode listed = api.get("customs-cn", "/api/v1/alerts?vin=" + vin).expect(200).body().get("items");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("KZ", listed.get(0).at("/route/declaredDestination").asText());
        assertEquals("RU", listed.get(0).at("/route/surfacedIn").asText());
        assertEquals(id, listed.get(0).get("filingId").asText());
        for (String client : List.of("agency-ru", "agency-kz")) {
            assertEquals(1, api.get(client, "/api/v1/alerts?vin=" + vin).expect(200).body().get("items").size(), client);
        }
        assertEquals(0, api.get("agency-uz", "/api/v1/alerts?vin=" + vin).expect(200).body().get("items").size());

        // and the feed: both agencies and origin customs receive alert.raised; another agency and the exporter do not
        for (String client : List.of("agency-ru", "agency-kz", "customs-cn")) {
            assertTrue(receives(api, client, cursors.get(client), alert, Duration.ofSeconds(20)), client + " receives the alert");
        }
        for (String client : List.of("agency-uz", "exporter-chengdu")) {
            assertTrue(!receives(api, client, cursors.get(client), alert, Duration.ofSeconds(1)), client + " must not see the alert");
        }

        // customs' risk view of the exporter and the analysts' report count it
        JsonNode risk = api.get("customs-cn", "/api/v1/exporters/" + filing.get("exporterCreditCode").asText() + "/risk")
                .expect(200).body();
        assertTrue(risk.get("alerts").asLong() >= 1, risk.toString());
        JsonNode report = api.get("analyst", "/api/v1/reports/re-export-alerts?groupBy=route").expect(200).body();
        assertTrue(report.toString().contains("CN-SC > KZ > RU"), report.toString());
    }
}
