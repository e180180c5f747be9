package io.zmx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production path: the timer starts drains by itself (the other tests drive the screener by hand). Submitted
 * filings are screened without anyone calling the screener, on the event loop, through the scheduled drain.
 */
@QuarkusTest
@TestProfile(ScreenerTimerTest.TimerOn.class)
class ScreenerTimerTest {

    public static class TimerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zmx.screener.enabled", "true", "zmx.screener.every", "1s", "zmx.screener.batch-size", "4",
                    "zmx.screener.concurrency", "3");
        }
    }

    @Test
    void submittedFilingsAreScreenedByTheTimerAlone() throws InterruptedException {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.referencePrice("19000.00");
        Fixtures.complianceAnswers("UZ", "GREEN");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // more than one claim batch
            String vin = Fixtures.vin();
            Fixtures.registryHas(vin, "CN-GX", LocalDate.of(2026, 3, 1), 7, "BYD Auto");
            ids.add(Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "UZ", "USED", 7)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && ids.stream().anyMatch(id -> "SUBMITTED".equals(Fixtures.status(id)))) {
            Thread.sleep(500);
        }
        for (String id : ids) {
            assertEquals("CLEARED", Fixtures.status(id), id);
        }
    }
}
