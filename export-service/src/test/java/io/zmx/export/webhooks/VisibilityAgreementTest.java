package io.zmx.export.webhooks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.export.Fixtures;
import io.zmx.export.Tokens;
import io.zmx.export.service.WebhookDispatcher;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The feed and the webhook deliveries follow one visibility rule: for every kind of caller, the events its feed
 * shows are exactly the events its webhook endpoint gets a delivery of, over events spread across countries and
 * exporters. It fails if either side's scoping drifts from the other (the owner a caller is mapped to, or the SQL
 * the fan-out joins with), not only if one of them is wrong in a way an expected list happens to catch; the expected
 * sets are asserted too, so agreement on nothing does not pass.
 */
@QuarkusTest
class VisibilityAgreementTest {

    static final List<String> TYPES = List.of("filing.cleared", "filing.created", "sighting.recorded", "alert.raised");

    @Inject
    Pool pool;

    @Inject
    WebhookDispatcher dispatcher;

    /** The ids among {@code ours} that {@code token}'s feed shows after {@code cursor}. */
    static Set<String> fed(String token, String cursor, Set<String> ours) {
        Set<String> seen = new TreeSet<>();
        String next = cursor;
        for (int i = 0; i < 100; i++) {
            JsonPath page = given().header("Authorization", token).queryParam("after", next).queryParam("limit", 500)
                    .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            next = page.getString("next");
            List<String> ids = page.getList("items.id", String.class);
            if (ids.isEmpty()) {
                return seen;
            }
            ids.stream().filter(ours::contains).forEach(seen::add);
        }
        throw new AssertionError("the feed does not end");
    }

    /** The events among {@code ours} that the fan-out made a delivery of for endpoint {@code endpoint}. */
    Set<String> delivered(String endpoint, Set<String> ours) {
        Set<String> out = new TreeSet<>();
        pool.preparedQuery("SELECT event_id::text FROM webhook_delivery WHERE endpoint_id = $1")
                .executeAndAwait(Tuple.of(UUID.fromString(endpoint))).forEach(r -> {
                    if (ours.contains(r.getString(0))) {
                        out.add(r.getString(0));
                    }
                });
        return out;
    }

    static String end(String token) {
        String next = null;
        for (int i = 0; i < 1000; i++) {
            var req = given().header("Authorization", token).queryParam("limit", 500);
            if (next != null) {
                req.queryParam("after", next);
            }
            JsonPath page = req.get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            next = page.getString("next");
            if (page.getList("items").isEmpty()) {
                return next;
            }
        }
        throw new AssertionError("the feed does not end");
    }

    @Test
    void everyRolesFeedIsExactlyWhatItsWebhookGets() throws Exception {
        String exporterX = Fixtures.creditCode();
        String exporterY = Fixtures.creditCode();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", Tokens.bearer("root", "admin"));
        tokens.put("customs", Tokens.bearer("cn-customs", "customs"));
        tokens.put("agency KZ", Tokens.agency("kz-customs", "KZ"));
        tokens.put("agency KG", Tokens.agency("kg-customs", "KG"));
        tokens.put("agency RU", Tokens.agency("ru-customs", "RU"));
        tokens.put("agency UZ", Tokens.agency("uz-customs", "UZ"));
        tokens.put("exporter X", Tokens.exporter("exp-x", exporterX));
        tokens.put("exporter Y", Tokens.exporter("exp-y", exporterY));
        try (Receiver receiver = new Receiver()) {
            Map<String, String> endpoints = new LinkedHashMap<>();
            tokens.forEach((who, token) -> endpoints.put(who,
                    WebhookTest.created(token, receiver.url(), TYPES.toArray(String[]::new)).get("id")));
            String cursor = end(tokens.get("admin"));

            String clearedKzX = Events.insert(pool, "filing.cleared", exporterX, "KZ").toString();
            String clearedKgY = Events.insert(pool, "filing.cleared", exporterY, "KG").toString();
            String draftX = Events.insert(pool, "filing.created", exporterX).toString(); // no country yet
            String alertKgRu = Events.insert(pool, "alert.raised", null, "KG", "RU").toString();
            String sightingRu = Events.insert(pool, "sighting.recorded", null, "RU").toString();
            String clearedUzOther = Events.insert(pool, "filing.cleared", Fixtures.creditCode(), "UZ").toString();
            Set<String> ours = Set.of(clearedKzX, clearedKgY, draftX, alertKgRu, sightingRu, clearedUzOther);

            // events become readable once every older transaction has ended; then the fan-out has them all
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (fed(tokens.get("admin"), cursor, ours).size() < ours.size() || delivered(endpoints.get("admin"), ours).size() < ours.size()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("events not settled: feed " + fed(tokens.get("admin"), cursor, ours)
                            + ", deliveries " + delivered(endpoints.get("admin"), ours));
                }
                dispatcher.drainNow();
                Thread.sleep(25);
            }
            dispatcher.drainNow();

            Map<String, Set<String>> expected = new LinkedHashMap<>();
            expected.put("admin", ours);
            expected.put("customs", ours);
            expected.put("agency KZ", Set.of(clearedKzX));
            expected.put("agency KG", Set.of(clearedKgY, alertKgRu));
            expected.put("agency RU", Set.of(alertKgRu, sightingRu));
            expected.put("agency UZ", Set.of(clearedUzOther));
            expected.put("exporter X", Set.of(clearedKzX, draftX));
            expected.put("exporter Y", Set.of(clearedKgY));
            for (String who : tokens.keySet()) {
                Set<String> feed = fed(tokens.get(who), cursor, ours);
                Set<String> hooks = delivered(endpoints.get(who), ours);
                assertEquals(feed, hooks, who + ": the feed shows " + feed + " but the webhook got " + hooks);
                assertEquals(new TreeSet<>(expected.get(who)), feed, who + "'s events");
            }

            // a role with no events has neither: 403 on the feed and on registering an endpoint
            String analyst = Tokens.bearer("an-analyst", "analyst");
            given().header("Authorization", analyst).get("/api/v1/events").then().statusCode(403);
            assertEquals(403, WebhookTest.register(analyst, receiver.url(), "filing.cleared").statusCode());
        }
    }
}
