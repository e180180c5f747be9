package io.zmx.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.zmx.export.service.Screener;
import io.zmx.export.ExportConfig;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: screening keeps pace with submission. A burst of submitted filings is drained in one go (not 20 per
 * tick), with several filings in flight at once, by two screeners racing for the same rows (two instances), and
 * every filing gets exactly one verdict. Registry and compliance are the contract-checked WireMock stubs; compliance
 * answers after a delay, as a real service does, so the screenings overlap.
 */
@QuarkusTest
class ScreeningBurstTest {

    static final int BURST = 300;

    @Inject
    Screener screener;

    @Inject
    ExportConfig config;

    @Test
    void aBurstOfSubmittedFilingsIsScreenedExactlyOnceWithSeveralInFlight() throws Exception {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.referencePrice("19000.00");
        StubMapping slowCompliance = DependenciesResource.wiremock().stubFor(post(urlPathEqualTo("/api/v1/evaluations"))
                .withRequestBody(matchingJsonPath("$.destination", equalTo("GE")))
                .willReturn(aResponse().withStatus(201).withFixedDelay(20).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"id":"ev-burst","outcome":"CLEARED","lane":"GREEN","hits":[],
                                 "ruleSets":[{"jurisdiction":"CN","version":3},{"jurisdiction":"GE","version":3}],
                                 "asOf":"2026-03-20","evaluatedAt":"2026-03-01T10:00:00Z"}""")));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String vin = Fixtures.vin();
            Fixtures.registryHas(vin, "CN-HI", LocalDate.of(2026, 3, 1), 7, "BYD Auto");
            ids.add(UUID.fromString(Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "GE", "USED", 7))));
        }

        screener.takeMostInFlight();
        Instant now = Instant.now().plus(Duration.ofDays(3)); // every backoff other tests left has run out
        long started = System.nanoTime();
        List<Integer> screened = Uni.combine().all().unis(screener.drain(() -> now), screener.drain(() -> now))
                .with(Integer.class, List::copyOf).await().atMost(Duration.ofMinutes(3));
        long millis = (System.nanoTime() - started) / 1_000_000;
        int inFlight = screener.takeMostInFlight();
        DependenciesResource.wiremock().removeStub(slowCompliance);

        try (Connection c = PostgresResource.superuser().getConnection()) {
            Array idArray = c.createArrayOf("uuid", ids.toArray());
            PreparedStatement left = c.prepareStatement(
                    "SELECT count(*) FROM filings WHERE id = ANY(?) AND (status = 'SUBMITTED' OR screened_at IS NULL)");
            left.setArray(1, idArray);
            assertEquals(0, count(left), "every filing of the burst has its verdict");
            PreparedStatement verdicts = c.prepareStatement("""
                    SELECT count(*) FROM (SELECT filing_id FROM filing_events WHERE filing_id = ANY(?) AND to_status = 'SCREENED'
                                           GROUP BY filing_id HAVING count(*) = 1) once""");
            verdicts.setArray(1, idArray);
            assertEquals(BURST, count(verdicts), "exactly one SCREENED event per filing");
            PreparedStatement cleared = c.prepareStatement("SELECT count(*) FROM filings WHERE id = ANY(?) AND status = 'CLEARED'");
            cleared.setArray(1, idArray);
            assertEquals(BURST, count(cleared));
        }
        assertTrue(screened.get(0) + screened.get(1) >= BURST, "both drains together stored every verdict: " + screened);
        assertTrue(inFlight > 2, "screened with several filings in flight per drain, not one by one: " + inFlight);
        assertTrue(inFlight <= 2 * config.screener().concurrency(), "each drain keeps to its bound: " + inFlight);
        System.out.printf("screening burst: %d filings in %d ms (%.0f/s), at most %d in flight%n", BURST, millis,
                BURST * 1000.0 / Math.max(1, millis), inFlight);
    }

    private static long count(PreparedStatement s) throws Exception {
        try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
