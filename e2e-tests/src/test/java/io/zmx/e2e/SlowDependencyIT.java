package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.e2e.FilingJourneyIT.Fixtures;
import io.zmx.local.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10, "slow dependency": registry-service answers only after its callers have given up (the fault proxy
 * in front of it holds every answer 12 s; export-service waits 3 s, the gateway 10 s). Filings are still taken at
 * once, export-service keeps answering other reads, the screener backs off instead of hammering the registry,
 * the gateway answers 504 problem+json for a direct registry route, and when the registry is fast again every
 * filing is screened once against the real vehicle (never half-written, never judged on a missing snapshot).
 */
@Timeout(value = 160, unit = TimeUnit.SECONDS)
class SlowDependencyIT {

    /** The suite starts outside the test's time budget (the first class in a run pays for it). */
    @BeforeAll
    static void suite() {
        Suite.stack();
    }

    @Test
    void aRegistryThatAnswersTooLateNeitherBlocksNorHalfWritesAnything() throws Exception {
        Api api = Suite.gateway();
        FaultProxy registry = Suite.registryProxy();
        LocalDate registered = Fixtures.today().minusDays(20);
        String vin = Fixtures.registerBydWithHistory(api, registered, 3);
        List<String> ids = new ArrayList<>();
        int maxAttempts = 0;
        String lastError = "";

        registry.slow(Duration.ofSeconds(12));
        ExecutorService readers = Executors.newFixedThreadPool(12);
        try {
            // filings are stored at once, whatever the registry does
            for (int i = 0; i < 4; i++) {
                Instant t0 = Instant.now();
                JsonNode filing = api.post("exporter-chengdu", "/api/v1/filings?submit=true", Fixtures.filingRequest(
                        "exporter-chengdu", vin, "KZ", Fixtures.today().plusDays(5), 3, "COMPANY", null)).expect(201).body();
                ids.add(filing.get("id").asText());
                assertTrue(Duration.between(t0, Instant.now()).toMillis() < 5000, "a submit waited on the slow registry");
            }

            // the gateway gives up on a slow direct route with 504 problem+json, not a hung connection
            assertGatewayTimeout(api, vin, HttpClient.Version.HTTP_1_1);

            // while the screener waits on the registry, export-service answers other reads promptly, many at once
            Instant until = Instant.now().plusSeconds(24);
            while (Instant.now().isBefore(until)) {
                List<Future<Long>> reads = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String id = ids.get(i % ids.size());
                    reads.add(readers.submit(() -> {
                        Instant r0 = Instant.now();
                        api.get("exporter-chengdu", "/api/v1/filings/" + id).expect(200);
                        return Duration.between(r0, Instant.now()).toMillis();
                    }));
                }
                for (Future<Long> read : reads) {
                    long ms = read.get(30, TimeUnit.SECONDS);
                    assertTrue(ms < 5000, "a filing read took " + ms + " ms while the registry was slow");
                }
                JsonNode first = api.get("exporter-chengdu", "/api/v1/filings/" + ids.get(0)).expect(200).body();
                assertEquals("SUBMITTED", first.get("status").asText(), "screened without a registry answer: " + first);
                JsonNode progress = first.path("screening");
                maxAttempts = Math.max(maxAttempts, progress.path("attempts").asInt());
                lastError = progress.path("lastError").asText(lastError);
                Fixtures.sleep(1000);
            }
            // no pile-up: callers that gave up closed their connections instead of queueing more
            assertTrue(registry.openConnections() <= 40, registry.openConnections() + " connections open to the slow registry");
        } finally {
            registry.slow(Duration.ZERO);
            readers.shutdownNow();
        }
        // the screener backs off (1 s, 2 s, 4 s, 8 s here): on its 1 s schedule, with the client's breaker failing
        // fast between slow tries, it would try about twice as often
        System.out.println("[slow-dependency] screening attempts in the slow window: " + maxAttempts + ", last error: "
                + lastError);
        assertTrue(maxAttempts >= 2, "the screener did not retry: " + maxAttempts + " attempt(s)");
        assertTrue(maxAttempts <= 8, "the screener tried " + maxAttempts + " times in ~35 s: no backoff");
        assertFalse(lastError.isEmpty(), "a failed attempt leaves its error on the filing");

        // recovery: each filing screened exactly once, on the real vehicle, with an intact trail
        for (String id : ids) {
            JsonNode screened = Fixtures.awaitScreened(api, "exporter-chengdu", id);
            assertNotNull(screened.get("verdict"), screened.toString());
            assertFalse(screened.toString().contains("VEHICLE_NOT_IN_REGISTRY"),
                    "a slow registry was taken for a missing vehicle: " + screened);
            JsonNode events = api.get("zmx-admin", "/api/v1/filings/" + id + "/events").expect(200).body();
            long screenings = 0;
            for (JsonNode e : events) {
                if ("SCREENED".equals(e.path("to").asText())) {
                    screenings++;
                }
            }
            assertEquals(1, screenings, "screening events: " + events);
            assertTrue(api.get("zmx-admin", "/api/v1/filings/" + id + "/events/verification").expect(200).body()
                    .path("valid").asBoolean());
        }
        // and the gateway routes to the registry again once it is fast (its breaker closes within its reset time)
        KillUnderLoadIT.awaitTrue(() -> api.get("zmx-admin", "/api/v1/vehicles/" + vin).status() == 200,
                Duration.ofSeconds(30), "the registry route did not recover");
    }

    /**
     * The same 504 for a partner whose client upgrades to HTTP/2 (h2c), as java.net.http does by default.
     * The gateway once sent such a caller no answer at all (GuardedForwarding threw while building the 504 for an
     * HTTP/2 request that had been read to its end; the gateway's UpstreamFaultsTest holds the fix).
     */
    @Test
    void theGatewayAlsoAnswers504ToAnHttp2Client() throws Exception {
        Api api = Suite.gateway();
        FaultProxy registry = Suite.registryProxy();
        String vin = Fixtures.registerBydWithHistory(api, Fixtures.today().minusDays(20), 3);
        registry.slow(Duration.ofSeconds(12));
        try {
            assertGatewayTimeout(api, vin, HttpClient.Version.HTTP_2);
        } finally {
            registry.slow(Duration.ZERO);
        }
    }

    static void assertGatewayTimeout(Api api, String vin, HttpClient.Version version) throws Exception {
        Instant t0 = Instant.now();
        HttpResponse<String> direct;
        try {
            direct = HttpClient.newBuilder().version(version).build().send(HttpRequest.newBuilder(
                            URI.create(Suite.stack().gatewayUrl() + "/api/v1/vehicles/" + vin))
                    .header("Authorization", "Bearer " + api.token("zmx-admin")).timeout(Duration.ofSeconds(25))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError("over " + version + " the gateway sent no answer within 25 s for a route "
                    + "whose service is slower than its 10 s timeout");
        }
        assertEquals(504, direct.statusCode(), version + ": " + direct.body());
        assertTrue(direct.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                direct.body());
        assertTrue(direct.body().contains("\"status\":504"), direct.body());
        assertTrue(Duration.between(t0, Instant.now()).toSeconds() < 20, "the gateway waited far past its timeout");
    }
}
