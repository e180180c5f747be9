package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.e2e.FilingJourneyIT.Fixtures;
import io.zmx.local.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 end to end, through the gateway: a car cleared for one country and then declared for import by another
 * country's agency raises one re-export alert, which the feed brings to both agencies and origin customs, and to no
 * other agency; and, for the issue's own case (cleared to KG, declared in RU), which reaches RU's and KG's receivers
 * by signed webhook, checked with the Standard Webhooks algorithm written in the test ({@link WebhookReceiver}).
 */
class ReExportIT {

    /** What a poller reads: every event after {@code cursor} the client may see (of the query's types), and where it ended. */
    record Read(List<JsonNode> items, String next) {}

    /** Reads {@code client}'s feed page by page from {@code cursor} (null: the start) to its end. */
    static Read read(Api api, String client, String cursor, String query) {
        List<JsonNode> all = new ArrayList<>();
        String next = cursor;
        for (int i = 0; i < 200; i++) {
            JsonNode page = api.get(client, "/api/v1/events?limit=500" + query + (next == null ? "" : "&after=" + next))
                    .expect(200).body();
            assertTrue(page.hasNonNull("next"), "every page names the next cursor: " + page);
            next = page.get("next").asText();
            if (page.get("items").isEmpty()) {
                return new Read(all, next);
            }
            page.get("items").forEach(all::add);
        }
        throw new AssertionError("the feed does not end");
    }

    /** Every event of {@code type} after {@code cursor} the client may see. */
    static List<JsonNode> feed(Api api, String client, String cursor, String type) {
        return read(api, client, cursor, "&type=" + type).items();
    }

    /** The cursor at the end of {@code client}'s feed now. */
    static String end(Api api, String client) {
        return read(api, client, null, "").next();
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
        JsonNode filing = clearedFiling(api, "KZ");
        String vin = filing.get("vin").asText();
        String id = filing.get("id").asText();
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

    /** The ids of the events about {@code vin} in {@code client}'s feed after {@code cursor}, with their types. */
    static Map<String, String> feedAbout(Api api, String client, String cursor, String vin) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode e : read(api, client, cursor, "").items()) {
            if (vin.equals(e.path("vin").asText())) {
                out.put(e.get("id").asText(), e.get("type").asText());
            }
        }
        return out;
    }

    /** The webhook-ids of the deliveries about {@code vin}, with their types. */
    static Map<String, String> deliveredAbout(WebhookReceiver receiver, String vin) {
        Map<String, String> out = new LinkedHashMap<>();
        receiver.about(vin).forEach(d -> out.put(d.id(), d.type()));
        return out;
    }

    /**
     * A BYD registered a month ago, filed by exporter-chengdu for {@code destination} as a personal import with the
     * after-sales confirmation, screened, and released by customs if held: the filing, CLEARED. A personal import
     * passes the EAEU's official-importer rule and KG's conformity rule, which apply to companies.
     */
    static JsonNode clearedFiling(Api api, String destination) {
        LocalDate today = Fixtures.today();
        String vin = Fixtures.registerBydWithHistory(api, today.minusDays(30), 8);
        JsonNode filing = Fixtures.fileExport(api, "exporter-chengdu", vin, destination, today, 8, "PERSON",
                Fixtures.confirmation(vin, destination));
        String id = filing.get("id").asText();
        JsonNode screened = Fixtures.awaitScreened(api, "exporter-chengdu", id);
        if ("HELD".equals(screened.get("status").asText())) {
            Fixtures.step(api, "customs-cn", id, "release", Map.of("reason", "papers checked")).expect(200);
        }
        JsonNode now = api.get("zmx-admin", "/api/v1/filings/" + id).expect(200).body();
        assertEquals("CLEARED", now.get("status").asText(), "screened " + screened + ", now " + now);
        return now;
    }

    static void await(String what, Duration wait, java.util.function.BooleanSupplier done) {
        Instant deadline = Instant.now().plus(wait);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " within " + wait.toSeconds() + " s");
            }
            Fixtures.sleep(200);
        }
    }

    @Test
    void aCarClearedForKyrgyzstanAndDeclaredInRussiaReachesRussiaAndKyrgyzstanBySignedWebhookAndCustomsByTheFeed() {
        Api api = Suite.gateway();
        List<String> agencies = List.of("agency-ru", "agency-kg", "agency-kz");
        Map<String, WebhookReceiver> receivers = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        try {
            // each agency registers its receiver through the gateway with its own token, for every event type
            List<String> everyType = List.of("filing.created", "filing.submitted", "filing.screened", "filing.cleared",
                    "filing.held", "filing.rejected", "filing.shipped", "filing.arrived", "filing.accepted", "filing.refused",
                    "filing.withdrawn", "sighting.recorded", "alert.raised");
            for (String agency : agencies) {
                WebhookReceiver receiver = new WebhookReceiver();
                receivers.put(agency, receiver);
                JsonNode registered = api.post(agency, "/api/v1/webhooks", Map.of("url", receiver.url(), "eventTypes", everyType,
                        "description", "ReExportIT " + agency)).expect(201).body();
                assertTrue(registered.get("secret").asText().startsWith("whsec_"), registered.toString());
                secrets.put(agency, registered.get("secret").asText());
                endpoints.put(agency, registered.get("id").asText());
            }
            Map<String, String> cursors = new LinkedHashMap<>();
            for (String client : List.of("agency-ru", "agency-kg", "agency-kz", "customs-cn")) {
                cursors.put(client, end(api, client));
            }

            // a car cleared for Kyrgyzstan
            LocalDate today = Fixtures.today();
            JsonNode filing = clearedFiling(api, "KG");
            String vin = filing.get("vin").asText();
            String id = filing.get("id").asText();
            assertEquals("CLEARED", api.get("agency-kg", "/api/v1/filings/" + id).expect(200).body().get("status").asText(),
                    "KG's agency reads its cleared filing");

            // ... and declared for import in Russia by Russia's customs
            JsonNode recorded = api.post("agency-ru", "/api/v1/sightings", Map.of("vin", vin, "country", "RU",
                    "kind", "IMPORT_DECLARATION", "place", "Verkhniy Lars", "date", today.toString())).expect(201).body();
            assertEquals(1, recorded.get("alertsRaised").size(), recorded.toString());
            String alert = recorded.get("alertsRaised").get(0).asText();

            // RU's and KG's receivers get the alert by webhook
            for (String agency : List.of("agency-ru", "agency-kg")) {
                await(agency + "'s receiver gets alert " + alert, Duration.ofSeconds(30), () -> receivers.get(agency).about(vin).stream()
                        .anyMatch(d -> d.type().equals("alert.raised") && alert.equals(d.data().path("alertId").asText())));
            }
            // KG also gets its filing's events (the filing is bound for KG); RU none of them (it was bound elsewhere)
            await("KG's receiver gets filing.cleared of " + id, Duration.ofSeconds(30), () -> receivers.get("agency-kg").about(vin)
                    .stream().anyMatch(d -> d.type().equals("filing.cleared") && id.equals(d.data().path("filingId").asText())));
            assertFalse(receivers.get("agency-ru").about(vin).stream().anyMatch(d -> d.type().startsWith("filing.")),
                    "RU receives no event of a filing bound for KG: " + deliveredAbout(receivers.get("agency-ru"), vin));
            // origin customs reads it in the feed
            assertTrue(receives(api, "customs-cn", cursors.get("customs-cn"), alert, Duration.ofSeconds(20)), "customs-cn reads the alert");

            // every delivery verifies with the specification's algorithm, independently of zmx's signer; a changed
            // body, another agency's secret and an old timestamp do not
            Instant now = Instant.now();
            for (String agency : List.of("agency-ru", "agency-kg")) {
                for (WebhookReceiver.Delivery d : receivers.get(agency).about(vin)) {
                    assertTrue(WebhookReceiver.verifies(secrets.get(agency), d, now), agency + " delivery " + d.id() + " verifies");
                    assertFalse(WebhookReceiver.verifies(secrets.get(agency), WebhookReceiver.tampered(d), now), "tampered body");
                    assertFalse(WebhookReceiver.verifies(secrets.get("agency-kz"), d, now), "another endpoint's secret");
                    assertFalse(WebhookReceiver.verifies(secrets.get(agency), d, now.plus(Duration.ofMinutes(6))), "expired timestamp");
                    assertEquals(d.json().path("type").asText(), d.type());
                }
            }

            // the fan-out has passed the alert (RU and KG have it), so KZ's silence is an answer: nothing about this car
            assertEquals(Map.of(), deliveredAbout(receivers.get("agency-kz"), vin), "KZ receives nothing about a KG car sighted in RU");
            // nor is anything about it queued for KZ: the fan-out writes every endpoint's deliveries of an event at once
            Set<String> aboutTheCar = feedAbout(api, "customs-cn", cursors.get("customs-cn"), vin).keySet();
            JsonNode kzLog = api.get("agency-kz", "/api/v1/webhooks/" + endpoints.get("agency-kz") + "/deliveries?size=100")
                    .expect(200).body();
            kzLog.get("items").forEach(d -> assertFalse(aboutTheCar.contains(d.get("eventId").asText()), "queued for KZ: " + d));
            // and each agency's deliveries about the car are exactly its feed's events about the car (one rule for both)
            for (String agency : agencies) {
                Map<String, String> fed = feedAbout(api, agency, cursors.get(agency), vin);
                await(agency + "'s deliveries match its feed " + fed, Duration.ofSeconds(30),
                        () -> deliveredAbout(receivers.get(agency), vin).equals(fed));
            }
            assertTrue(feedAbout(api, "agency-kg", cursors.get("agency-kg"), vin).containsValue("filing.cleared"));

            // the delivery log says so too, and one agency cannot read another's endpoint or log
            JsonNode log = api.get("agency-kg", "/api/v1/webhooks/" + endpoints.get("agency-kg") + "/deliveries?status=DELIVERED&size=100")
                    .expect(200).body();
            Set<String> logged = new TreeSet<>();
            log.get("items").forEach(d -> logged.add(d.get("eventId").asText()));
            assertTrue(logged.containsAll(deliveredAbout(receivers.get("agency-kg"), vin).keySet()), log.toString());
            assertEquals(404, api.get("agency-ru", "/api/v1/webhooks/" + endpoints.get("agency-kg")).status());
            assertEquals(404, api.get("agency-ru", "/api/v1/webhooks/" + endpoints.get("agency-kg") + "/deliveries").status());
        } finally {
            endpoints.forEach((agency, endpoint) ->
                    api.request(agency, "DELETE", "/api/v1/webhooks/" + endpoint, null, null, Map.of()));
            receivers.values().forEach(WebhookReceiver::close);
        }
    }
}
