package io.zmx.export.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.zmx.export.Fixtures;
import io.zmx.export.Tokens;
import io.zmx.export.service.WebhookDispatcher;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's signed webhooks at the REST level, with real tokens, the real database and receivers on loopback:
 * registration (secret shown once), Standard Webhooks signatures checked by an independent verifier
 * ({@link SpecVerifier}), scoping by the visibility rule, retries until a receiver that was down comes back,
 * rotation, replay, redirects, the SSRF guard, and disabling with a notice event.
 */
@QuarkusTest
class WebhookTest {

    @Inject
    Pool pool;

    @Inject
    WebhookDispatcher dispatcher;

    static ExtractableResponse<Response> register(String token, String url, String... types) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", List.of(types), "description", "test receiver"))
                .post("/api/v1/webhooks").then().extract();
    }

    static Map<String, String> created(String token, String url, String... types) {
        ExtractableResponse<Response> r = register(token, url, types);
        assertEquals(201, r.statusCode(), r.asString());
        return Map.of("id", r.path("id"), "secret", r.path("secret"));
    }

    /** Runs the dispatcher until {@code done} holds (retries fall due in real time on the compressed schedule). */
    void until(BooleanSupplier done, Duration max) {
        Instant end = Instant.now().plus(max);
        while (true) {
            dispatcher.drainNow();
            if (done.getAsBoolean()) return;
            if (Instant.now().isAfter(end)) throw new AssertionError("not done within " + max);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void anAgencyReceivesSignedDeliveriesOfWhatItMaySeeOnly() throws Exception {
        String kg = Tokens.agency("kg-customs", "KG");
        try (Receiver receiver = new Receiver()) {
            ExtractableResponse<Response> r = register(kg, receiver.url(), "filing.cleared", "alert.raised");
            assertEquals(201, r.statusCode(), r.asString());
            String id = r.path("id");
            String secret = r.path("secret");
            assertTrue(secret.startsWith("whsec_"), secret);
            assertEquals("/api/v1/webhooks/" + id, java.net.URI.create(r.header("Location")).getPath());

            // the secret is never shown again
            given().header("Authorization", kg).get("/api/v1/webhooks/" + id).then().statusCode(200)
                    .body("url", equalTo(receiver.url())).body("enabled", equalTo(true)).body("secret", nullValue());
            given().header("Authorization", kg).get("/api/v1/webhooks").then().statusCode(200)
                    .body("items.id", hasItem(id)).body("items.secret", not(hasItem(secret)));
            // another country's agency does not see it
            given().header("Authorization", Tokens.agency("kz-customs", "KZ")).get("/api/v1/webhooks/" + id)
                    .then().statusCode(404).contentType("application/problem+json");

            String cc = Fixtures.creditCode();
            UUID clearedKg = Events.insert(pool, "filing.cleared", cc, "KG");
            UUID clearedKz = Events.insert(pool, "filing.cleared", cc, "KZ");
            UUID alertRuKg = Events.insert(pool, "alert.raised", cc, "RU", "KG");
            UUID submittedKg = Events.insert(pool, "filing.submitted", cc, "KG");
            UUID alertRu = Events.insert(pool, "alert.raised", cc, "RU");

            until(() -> receiver.accepted().size() >= 2, Duration.ofSeconds(20));
            dispatcher.drainNow();
            Set<String> got = receiver.requests.stream().map(Receiver.Request::id).collect(Collectors.toSet());
            assertEquals(Set.of(clearedKg.toString(), alertRuKg.toString()), got,
                    "KG's endpoint gets KG's cleared filing and the alert naming KG, not KZ's filing, not RU's alert, not an unsubscribed type");
            assertFalse(got.contains(clearedKz.toString()) || got.contains(alertRu.toString()) || got.contains(submittedKg.toString()));

            SpecVerifier verifier = new SpecVerifier(secret);
            for (Receiver.Request req : receiver.requests) {
                verifier.verify(req.body(), req.headers());
                assertTrue(req.body().startsWith("{\"type\":\""), req.body());
                assertEquals("application/json", req.headers().get("content-type"));
            }
            Receiver.Request one = receiver.requests.get(0);
            // a tampered body fails
            assertThrows(SpecVerifier.Invalid.class, () -> verifier.verify(one.body().replace("KG", "KZ").replace("}", " }"), one.headers()));
            // a timestamp outside the tolerance fails (the receiver's clock 6 minutes later, or earlier)
            long ts = Long.parseLong(one.headers().get("webhook-timestamp"));
            assertThrows(SpecVerifier.Invalid.class, () -> verifier.verify(one.body(), one.headers(), ts + 6 * 60));
            assertThrows(SpecVerifier.Invalid.class, () -> verifier.verify(one.body(), one.headers(), ts - 6 * 60));
            // the same timestamp header changed (replaying an old signature with a fresh time) fails
            Map<String, String> moved = new HashMap<>(one.headers());
            moved.put("webhook-timestamp", Long.toString(ts + 1));
            assertThrows(SpecVerifier.Invalid.class, () -> verifier.verify(one.body(), moved, ts + 1));
            // another endpoint's secret does not verify it
            assertThrows(SpecVerifier.Invalid.class, () -> new SpecVerifier(created(kg, receiver.url(), "filing.held").get("secret"))
                    .verify(one.body(), one.headers()));

            // the delivery log: one attempt each, 200, with its latency
            given().header("Authorization", kg).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                    .body("total", equalTo(2)).body("items.status", everyItemIs("DELIVERED"))
                    .body("items.attempts", everyItemIs(1)).body("items.lastStatusCode", everyItemIs(200));
            String deliveryId = given().header("Authorization", kg).queryParam("status", "DELIVERED")
                    .get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200).extract().path("items[0].id");
            given().header("Authorization", kg).get("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId).then().statusCode(200)
                    .body("attempts.size()", equalTo(1)).body("attempts[0].statusCode", equalTo(200))
                    .body("attempts[0].latencyMs", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        }
    }

    static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemIs(Object v) {
        return org.hamcrest.Matchers.everyItem(equalTo(v));
    }

    @Test
    void exportersAndAdminsGetTheirScope() throws Exception {
        String ccA = Fixtures.creditCode();
        String ccB = Fixtures.creditCode();
        try (Receiver a = new Receiver(); Receiver admin = new Receiver()) {
            created(Tokens.exporter("exp-a", ccA), a.url(), "filing.cleared");
            created(Tokens.bearer("root", "admin"), admin.url(), "filing.cleared");
            UUID mine = Events.insert(pool, "filing.cleared", ccA, "UZ");
            UUID theirs = Events.insert(pool, "filing.cleared", ccB, "UZ");
            until(() -> a.accepted().size() >= 1 && admin.accepted().size() >= 2, Duration.ofSeconds(20));
            assertEquals(List.of(mine.toString()), a.requests.stream().map(Receiver.Request::id).toList());
            assertTrue(admin.requests.stream().map(Receiver.Request::id).toList().containsAll(List.of(mine.toString(), theirs.toString())));
        }
    }

    @Test
    void aReceiverThatWasDownGetsEveryDeliveryOnceDeduplicated() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        try (Receiver receiver = new Receiver().answering(() -> up.get() ? 200 : 503)) {
            String kz = Tokens.agency("kz-customs", "KZ");
            String id = created(kz, receiver.url(), "filing.shipped").get("id");
            List<UUID> events = Events.insertMany(pool, 25, "filing.shipped", Fixtures.creditCode(), "KZ");
            // down for a while: every attempt fails and is retried with backoff
            until(() -> receiver.requests.size() >= 50, Duration.ofSeconds(20));
            assertTrue(receiver.accepted().isEmpty());
            up.set(true);
            until(() -> receiver.accepted().stream().map(Receiver.Request::id).distinct().count() == events.size(), Duration.ofSeconds(20));
            dispatcher.drainNow();
            Set<String> ids = new HashSet<>();
            receiver.accepted().forEach(r -> ids.add(r.id()));
            assertEquals(events.stream().map(UUID::toString).collect(Collectors.toSet()), ids,
                    "after de-duplication by webhook-id, every event exactly once");
            given().header("Authorization", kz).get("/api/v1/webhooks/" + id).then().statusCode(200)
                    .body("enabled", equalTo(true)).body("consecutiveFailures", equalTo(0));
            given().header("Authorization", kz).queryParam("status", "DELIVERED").get("/api/v1/webhooks/" + id + "/deliveries")
                    .then().statusCode(200).body("total", equalTo(25));
            String d = given().header("Authorization", kz).get("/api/v1/webhooks/" + id + "/deliveries").then().extract().path("items[0].id");
            given().header("Authorization", kz).get("/api/v1/webhooks/" + id + "/deliveries/" + d).then().statusCode(200)
                    .body("attempts[0].statusCode", equalTo(503)).body("attempts[0].error", equalTo("HTTP 503"));
        }
    }

    @Test
    void duringARotationBothSecretsSign() throws Exception {
        String uz = Tokens.agency("uz-customs", "UZ");
        try (Receiver receiver = new Receiver()) {
            Map<String, String> e = created(uz, receiver.url(), "filing.arrived");
            String old = e.get("secret");
            String fresh = given().header("Authorization", uz).post("/api/v1/webhooks/" + e.get("id") + "/rotate-secret")
                    .then().statusCode(200).body("secret", startsWith("whsec_"))
                    .body("previousSecretValidUntil", not(nullValue())).extract().path("secret");
            assertFalse(fresh.equals(old));
            given().header("Authorization", uz).get("/api/v1/webhooks/" + e.get("id")).then().statusCode(200)
                    .body("secret", nullValue()).body("previousSecretValidUntil", not(nullValue()));
            Events.insert(pool, "filing.arrived", Fixtures.creditCode(), "UZ");
            until(() -> receiver.accepted().size() == 1, Duration.ofSeconds(20));
            Receiver.Request r = receiver.requests.get(0);
            assertEquals(2, r.headers().get("webhook-signature").split(" ").length, r.headers().get("webhook-signature"));
            new SpecVerifier(fresh).verify(r.body(), r.headers());
            new SpecVerifier(old).verify(r.body(), r.headers());
        }
    }

    @Test
    void replayOneOrARangeSendsAgainOnce() throws Exception {
        String tj = Tokens.agency("tj-customs", "TJ");
        try (Receiver receiver = new Receiver()) {
            String id = created(tj, receiver.url(), "filing.accepted").get("id");
            Instant from = Instant.now().minusSeconds(1);
            UUID ev = Events.insert(pool, "filing.accepted", Fixtures.creditCode(), "TJ");
            until(() -> receiver.accepted().size() == 1, Duration.ofSeconds(20));
            String d = given().header("Authorization", tj).get("/api/v1/webhooks/" + id + "/deliveries").then().extract().path("items[0].id");

            given().header("Authorization", tj).post("/api/v1/webhooks/" + id + "/deliveries/" + d + "/replay").then().statusCode(202)
                    .body("status", equalTo("PENDING"));
            given().header("Authorization", tj).post("/api/v1/webhooks/" + id + "/deliveries/" + d + "/replay").then().statusCode(202)
                    .body("status", equalTo("PENDING"));
            until(() -> receiver.accepted().size() >= 2, Duration.ofSeconds(20));
            dispatcher.drainNow();
            assertEquals(2, receiver.accepted().size(), "two replay calls while pending send it once more");
            assertEquals(ev.toString(), receiver.requests.get(1).id(), "the same webhook-id, so the receiver can de-duplicate");

            Map<String, String> range = Map.of("from", from.toString(), "to", Instant.now().plusSeconds(1).toString());
            given().header("Authorization", tj).contentType(ContentType.JSON).body(range).post("/api/v1/webhooks/" + id + "/replay")
                    .then().statusCode(202).body("queued", equalTo(1));
            given().header("Authorization", tj).contentType(ContentType.JSON).body(range).post("/api/v1/webhooks/" + id + "/replay")
                    .then().statusCode(202).body("queued", equalTo(0));
            until(() -> receiver.accepted().size() >= 3, Duration.ofSeconds(20));
            given().header("Authorization", tj).contentType(ContentType.JSON)
                    .body(Map.of("from", Instant.now().toString(), "to", from.toString())).post("/api/v1/webhooks/" + id + "/replay")
                    .then().statusCode(400).contentType("application/problem+json");
            given().header("Authorization", Tokens.agency("kz-customs", "KZ")).post("/api/v1/webhooks/" + id + "/deliveries/" + d + "/replay")
                    .then().statusCode(404);
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (Receiver target = new Receiver(); Receiver redirecting = new Receiver()) {
            redirecting.redirectingTo(target.url());
            String am = Tokens.agency("am-customs", "AM");
            String id = created(am, redirecting.url(), "filing.refused").get("id");
            Events.insert(pool, "filing.refused", Fixtures.creditCode(), "AM");
            until(() -> redirecting.requests.size() >= 2, Duration.ofSeconds(20));
            assertTrue(target.requests.isEmpty(), "the redirect's target was never called");
            given().header("Authorization", am).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                    .body("items[0].status", equalTo("PENDING")).body("items[0].lastStatusCode", equalTo(302));
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAndItsOwnerIsTold() throws Exception {
        String by = Tokens.agency("by-customs", "BY");
        try (Receiver broken = new Receiver().answering(() -> 500); Receiver ops = new Receiver(); Receiver other = new Receiver()) {
            String id = created(by, broken.url(), "filing.held").get("id");
            created(by, ops.url(), "webhook.endpoint.disabled");
            created(Tokens.agency("ge-customs", "GE"), other.url(), "webhook.endpoint.disabled");
            Events.insertMany(pool, 3, "filing.held", Fixtures.creditCode(), "BY");
            // 5 failures in a row over at least 6 s (the test profile's thresholds)
            until(() -> given().header("Authorization", by).get("/api/v1/webhooks/" + id).then().extract().<Boolean>path("enabled") == Boolean.FALSE,
                    Duration.ofSeconds(25));
            given().header("Authorization", by).get("/api/v1/webhooks/" + id).then().statusCode(200)
                    .body("disabledReason", startsWith("")).body("disabledAt", not(nullValue()));
            var notices = Events.ofType(pool, "webhook.endpoint.disabled").stream()
                    .filter(r -> r.getString(3).contains(id)).toList();
            assertEquals(1, notices.size());
            assertEquals(List.of("BY"), List.of(notices.get(0).getArrayOfStrings(1)));
            until(() -> ops.accepted().size() == 1, Duration.ofSeconds(20));
            assertTrue(ops.requests.get(0).body().contains(id));
            assertEquals(notices.get(0).getUUID(0).toString(), ops.requests.get(0).id());
            // no more attempts while disabled; another country's agency is not told
            int attempts = broken.requests.size();
            dispatcher.drainNow();
            Thread.sleep(300);
            dispatcher.drainNow();
            assertEquals(attempts, broken.requests.size());
            assertTrue(other.requests.stream().noneMatch(r -> r.body().contains(id)));
            // enabling it again makes its pending deliveries due
            broken.answering(() -> 204);
            given().header("Authorization", by).post("/api/v1/webhooks/" + id + "/enable").then().statusCode(200)
                    .body("enabled", equalTo(true)).body("consecutiveFailures", equalTo(0));
            until(() -> broken.accepted().size() == 3, Duration.ofSeconds(20));
        }
    }

    @Test
    void aSlowEndpointDoesNotHoldUpTheOthers() throws Exception {
        try (Receiver slow = new Receiver().slow(1000); Receiver fast = new Receiver()) {
            created(Tokens.agency("ru-customs", "RU"), slow.url(), "sighting.recorded");
            created(Tokens.agency("mn-customs", "MN"), fast.url(), "sighting.recorded");
            // the slow endpoint's backlog is older: claimed oldest-first alone, it would take every slot
            Events.insertMany(pool, 40, "sighting.recorded", null, "RU");
            Events.insertMany(pool, 5, "sighting.recorded", null, "MN");
            until(() -> slow.accepted().size() == 40 && fast.accepted().size() == 5, Duration.ofSeconds(60));
            List<Instant> slowTimes = slow.requests.stream().map(Receiver.Request::at).sorted().toList();
            Instant fastDone = fast.requests.stream().map(Receiver.Request::at).max(Instant::compareTo).orElseThrow();
            assertTrue(fastDone.isBefore(slowTimes.get(20)),
                    "the fast endpoint's deliveries went out while the slow one's backlog waited its turn: " + fastDone + " vs " + slowTimes);
        }
    }

    @Test
    void unsafeUrlsAreRefused() {
        String kg = Tokens.agency("kg-customs", "KG");
        for (String url : List.of("https://10.0.0.1/hook", "https://169.254.169.254/latest/meta-data", "https://192.168.1.10/",
                "https://172.16.0.1/", "https://100.64.0.1/", "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/",
                "https://0.0.0.0/", "https://224.0.0.1/", "https://intranet.zmx.test/hook", "http://intranet.zmx.test/hook",
                "ftp://127.0.0.1/", "https://user:pw@127.0.0.1/", "not a url", "/relative", "https://does-not-exist.zmx.test/")) {
            ExtractableResponse<Response> r = register(kg, url, "filing.cleared");
            assertEquals(400, r.statusCode(), url + " -> " + r.asString());
            assertEquals("application/problem+json", r.contentType(), url);
            assertEquals("url", r.path("violations[0].field"), url + " -> " + r.asString());
        }
        // names are refused for what they resolve to (webhook-hosts stands in for DNS), not for failing to resolve:
        // a private address, or a private one beside a public one
        for (Map.Entry<String, String> name : Map.of("https://intranet.zmx.test/hook", "10.20.30.40",
                "https://mixed.zmx.test/hook", "10.20.30.41").entrySet()) {
            ExtractableResponse<Response> r = register(kg, name.getKey(), "filing.cleared");
            assertEquals(400, r.statusCode(), r.asString());
            assertTrue(r.<String>path("detail").contains("resolves to " + name.getValue()), name.getKey() + " -> " + r.asString());
        }
    }

    @Test
    void badRequestsAndForeignEndpoints() throws Exception {
        String kg = Tokens.agency("kg-customs", "KG");
        try (Receiver receiver = new Receiver()) {
            ExtractableResponse<Response> r = register(kg, receiver.url(), "filing.cleared", "filing.teleported");
            assertEquals(400, r.statusCode());
            assertEquals("eventTypes[1]", r.path("violations[0].field"));
            given().header("Authorization", kg).contentType(ContentType.JSON).body(Map.of("eventTypes", List.of("filing.cleared")))
                    .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
            given().header("Authorization", kg).contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "eventTypes", List.of()))
                    .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
            given().header("Authorization", Tokens.bearer("ana", "analyst")).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of("filing.cleared"))).post("/api/v1/webhooks")
                    .then().statusCode(403).contentType("application/problem+json");
            given().header("Authorization", Tokens.bearer("agency-without-country", "agency")).get("/api/v1/webhooks")
                    .then().statusCode(403).contentType("application/problem+json");
            given().get("/api/v1/webhooks").then().statusCode(401);

            String id = created(kg, receiver.url(), "filing.cleared").get("id");
            String kz = Tokens.agency("kz-customs", "KZ");
            given().header("Authorization", kz).delete("/api/v1/webhooks/" + id).then().statusCode(404);
            given().header("Authorization", kz).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(404);
            given().header("Authorization", kz).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
            given().header("Authorization", kg).queryParam("status", "LOST").get("/api/v1/webhooks/" + id + "/deliveries")
                    .then().statusCode(400);
            // as the SDK sends it: the operation's only content is problem+json, and a 204 has nothing to negotiate
            given().header("Authorization", kg).accept("application/problem+json").delete("/api/v1/webhooks/" + id).then().statusCode(204);
            given().header("Authorization", kg).get("/api/v1/webhooks/" + id).then().statusCode(404);
        }
    }
}
