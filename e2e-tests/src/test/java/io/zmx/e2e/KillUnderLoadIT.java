package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zmx.e2e.FilingJourneyIT.Fixtures;
import io.zmx.local.Api;
import io.zmx.local.LocalStack;
import io.zmx.local.ServiceProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10, "kill under load": a steady stream of filing submits through the gateway (each with its own
 * Idempotency-Key, retried with the same key until it is acknowledged) while registry-service,
 * compliance-service and export-service are each killed with SIGKILL and restarted, and PostgreSQL is
 * stopped and started again. Every filing acknowledged with 201 must exist exactly once, be screened after
 * recovery and be screened only once; while the database is down the services are not ready and writes
 * answer 503 problem+json with Retry-After.
 */
// about 2 minutes on a quiet 2-core machine; the guard allows for restarts slowed by a busy one
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KillUnderLoadIT {

    /** The suite starts outside the test's time budget (the first class in a run pays for it). */
    @BeforeAll
    static void suite() {
        Suite.stack();
    }

    static final List<String> SERVICES = List.of("registry-service", "compliance-service", "export-service");

    @Test
    void everyAcknowledgedFilingExistsOnceAndIsScreenedOnceAfterCrashesAndADatabaseOutage() throws Exception {
        Api api = Suite.gateway();
        LocalStack stack = Suite.stack();
        LocalDate registered = Fixtures.today().minusDays(20);
        List<String> vins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            vins.add(Fixtures.registerBydWithHistory(api, registered, 4));
        }

        Load load = new Load(api, vins, Fixtures.today().plusDays(5));
        Thread loader = new Thread(load, "submit-load");
        loader.setDaemon(true);
        loader.start();
        try {
            load.awaitAcks(4, Duration.ofSeconds(30));

            for (String module : SERVICES) {
                ServiceProcess service = stack.service(module);
                int before = load.acked.size();
                load.phase = module + " killed";
                service.kill();
                Fixtures.sleep(1500);
                service.restart();
                service.awaitReady(Duration.ofSeconds(120));
                load.awaitAcks(before + 3, Duration.ofSeconds(45));
            }

            load.phase = "database outage";
            databaseOutage(stack, api, vins.get(0));
            load.phase = "after the outage";

            int before = load.acked.size();
            load.awaitAcks(before + 3, Duration.ofSeconds(45));
        } finally {
            load.stop = true;
            loader.join(70_000);
        }

        // every acknowledged filing exists exactly once (looked up by its unique licence number)
        Map<String, Integer> byLicence = new TreeMap<>();
        for (String vin : vins) {
            JsonNode page = api.get("zmx-admin", "/api/v1/filings?size=200&vin=" + vin).expect(200).body();
            assertTrue(page.get("items").size() < 200, "the test stays on one page per vehicle");
            page.get("items").forEach(f -> byLicence.merge(f.path("exportLicence").asText(), 1, Integer::sum));
        }
        List<String> problems = new ArrayList<>();
        load.acked.forEach((licence, id) -> {
            int count = byLicence.getOrDefault(licence, 0);
            if (count != 1) {
                problems.add(licence + " (filing " + id + ") exists " + count + " times");
            }
        });

        // every one is screened after recovery, and exactly once
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        for (String id : Set.copyOf(load.acked.values())) {
            JsonNode filing = api.get("zmx-admin", "/api/v1/filings/" + id).expect(200).body();
            while (filing.get("status").asText().equals("SUBMITTED") && Instant.now().isBefore(deadline)) {
                Fixtures.sleep(500);
                filing = api.get("zmx-admin", "/api/v1/filings/" + id).expect(200).body();
            }
            if (filing.get("status").asText().equals("SUBMITTED")) {
                problems.add(id + " still SUBMITTED after recovery");
                continue;
            }
            JsonNode events = api.get("zmx-admin", "/api/v1/filings/" + id + "/events").expect(200).body();
            long screenings = 0;
            for (JsonNode e : events) {
                if ("SCREENED".equals(e.path("to").asText())) {
                    screenings++;
                }
            }
            if (screenings != 1) {
                problems.add(id + " screened " + screenings + " times: " + events);
            }
            JsonNode chain = api.get("zmx-admin", "/api/v1/filings/" + id + "/events/verification").expect(200).body();
            if (!chain.path("valid").asBoolean()) {
                problems.add(id + " audit chain broken: " + chain);
            }
        }
        System.out.println("[kill-under-load] acknowledged " + load.acked.size() + " filings; answers seen: "
                + load.statuses + "; 5xx bodies: " + load.serverErrors.stream().limit(5).toList());
        assertTrue(problems.isEmpty(), problems.size() + " problem(s): " + problems);
        // the gateway stays up throughout: a submit in flight when a service dies gets an answer (503), not silence
        assertTrue(load.unanswered.isEmpty(), "the gateway never answered these submits: " + load.unanswered);
        // a crashed or disconnected dependency is an outage (502/503/504), never an internal error
        List<String> internalErrors = load.serverErrors.stream().filter(e -> e.startsWith("500")).toList();
        assertTrue(internalErrors.isEmpty(), internalErrors.size() + " submit(s) answered 500 during the faults (of "
                + load.serverErrors.size() + " 5xx answers): " + internalErrors
                + "\nwhat the services logged for them:\n" + unexpectedErrors(stack));
    }

    /** Each service's "unexpected error" log entries (the 500s it answered) with their first stack lines, for the report. */
    private static String unexpectedErrors(LocalStack stack) {
        StringBuilder out = new StringBuilder();
        for (ServiceProcess service : stack.services()) {
            List<String> lines;
            try {
                lines = java.nio.file.Files.readAllLines(service.log());
            } catch (java.io.IOException e) {
                out.append(service.name()).append(": log unreadable: ").append(e).append('\n');
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("unexpected error")) {
                    out.append(service.name()).append(": ");
                    lines.subList(i, Math.min(lines.size(), i + 25)).forEach(l -> out.append(l).append('\n'));
                }
            }
        }
        return out.length() == 0 ? "(no \"unexpected error\" entry in any service log)" : out.toString();
    }

    private static void databaseOutage(LocalStack stack, Api gateway, String vin) {
        stack.database().stop();
        try {
            for (String module : SERVICES) {
                ServiceProcess service = stack.service(module);
                awaitTrue(() -> service.readiness() == 503, Duration.ofSeconds(30),
                        module + " still ready with PostgreSQL down");
            }
            // writes straight to the services (so no gateway breaker can hide what they answer) ...
            Api export = new Api(stack.service("export-service").url(), stack.issuer());
            Map<String, Object> filing = Fixtures.filingRequest("exporter-chengdu", vin, "KZ", Fixtures.today().plusDays(5),
                    4, "COMPANY", null);
            assertUnavailable(export.post("exporter-chengdu", "/api/v1/filings?submit=true", filing), "export-service POST /filings");
            Api registry = new Api(stack.service("registry-service").url(), stack.issuer());
            assertUnavailable(registry.post("registrar-cn-sc", "/api/v1/vehicles/" + vin + "/odometer-readings",
                    Map.of("date", LocalDate.now(), "km", 5, "source", "INSPECTION")), "registry-service POST odometer-readings");
            // ... and through the gateway
            assertUnavailable(gateway.post("exporter-chengdu", "/api/v1/filings?submit=true", filing), "gateway POST /filings");
        } finally {
            stack.database().restart();
        }
        for (String module : SERVICES) {
            stack.service(module).awaitReady(Duration.ofSeconds(60));
        }
    }

    private static void assertUnavailable(Api.Reply reply, String what) {
        assertEquals(503, reply.status(), what + " with PostgreSQL down: " + reply.raw());
        assertTrue(String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json"),
                what + " content type " + reply.header("Content-Type"));
        assertNotNull(reply.header("Retry-After"), what + " without Retry-After");
        assertEquals(503, reply.body().path("status").asInt(), reply.raw());
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout, String message) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(message + " (waited " + timeout.toSeconds() + " s)");
            }
            Fixtures.sleep(300);
        }
    }

    /**
     * The partner: a few submits a second, each retried with the same Idempotency-Key until it is acknowledged
     * (201) or refused (4xx), exactly as the contract tells partners to retry.
     */
    static final class Load implements Runnable {
        static final AtomicInteger SERIAL = new AtomicInteger();
        static final ObjectMapper JSON = new ObjectMapper();

        final Api api;
        final List<String> vins;
        final LocalDate exportDate;
        final Map<String, String> acked = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final List<String> serverErrors = new CopyOnWriteArrayList<>();
        final List<String> unanswered = new CopyOnWriteArrayList<>();
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final String gateway = Suite.stack().gatewayUrl();
        volatile boolean stop;
        // what the test is doing to the suite, recorded beside each 5xx so a failure says when it happened
        volatile String phase = "steady";

        Load(Api api, List<String> vins, LocalDate exportDate) {
            this.api = api;
            this.vins = vins;
            this.exportDate = exportDate;
        }

        @Override
        public void run() {
            String key = null;
            Map<String, Object> body = null;
            String licence = null;
            Instant stopDeadline = null;
            while (true) {
                if (stop) {
                    // stop after the one in flight is settled (acknowledged or refused), within a minute
                    if (key == null) {
                        return;
                    }
                    if (stopDeadline == null) {
                        stopDeadline = Instant.now().plusSeconds(60);
                    } else if (Instant.now().isAfter(stopDeadline)) {
                        return;
                    }
                }
                if (key == null) {
                    int n = SERIAL.incrementAndGet();
                    key = UUID.randomUUID().toString();
                    licence = "EL-LOAD-" + n + "-" + key.substring(0, 8);
                    body = new LinkedHashMap<>(Fixtures.filingRequest("exporter-chengdu", vins.get(n % vins.size()), "KZ",
                            exportDate, 4, "COMPANY", null));
                    body.put("exportLicence", licence);
                }
                String outcome;
                try {
                    // a partner waits 15 s at most; the gateway itself never goes down in this test, so it must answer
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/filings?submit=true"))
                            .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + api.token("exporter-chengdu"))
                            .header("Content-Type", "application/json").header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString(Api.json(body))).build(), HttpResponse.BodyHandlers.ofString());
                    outcome = String.valueOf(r.statusCode());
                    if (r.statusCode() == 201) {
                        acked.put(licence, JSON.readTree(r.body()).get("id").asText());
                        key = null;
                    } else if (r.statusCode() >= 500) {
                        serverErrors.add(r.statusCode() + " [" + phase + "] " + r.body());
                    } else if (r.statusCode() != 429) {
                        serverErrors.add("refused " + r.statusCode() + " " + r.body());
                        key = null; // refused: a partner fixes the request; this one will not exist
                    }
                } catch (java.net.http.HttpTimeoutException e) {
                    outcome = "no answer in 15 s";
                    unanswered.add(Instant.now() + " licence " + licence);
                } catch (java.io.IOException | RuntimeException e) {
                    outcome = "io-error " + e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                statuses.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                Fixtures.sleep(250);
            }
        }

        void awaitAcks(int count, Duration timeout) {
            awaitTrue(() -> acked.size() >= count, timeout,
                    "only " + acked.size() + " of " + count + " submits acknowledged; answers: " + statuses
                            + " last errors: " + serverErrors.subList(Math.max(0, serverErrors.size() - 3), serverErrors.size()));
        }
    }
}
