package io.zmx.export;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.zmx.export.domain.RandomInspection;
import io.zmx.export.service.Screener;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 9: a share of GREEN filings goes to YELLOW by a draw anyone can redo from the filing id. */
@QuarkusTest
@TestProfile(RandomInspectionTest.HalfInspected.class)
class RandomInspectionTest {

    public static class HalfInspected implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zmx.export.random-inspection-share", "0.5");
        }
    }

    @Inject
    Screener screener;

    @Test
    void theDrawIsSha256OfTheIdModTenThousandAndHitsTheConfiguredShare() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        RandomInspection.Draw d = RandomInspection.draw(id, new BigDecimal("0.02"));
        assertEquals(d, RandomInspection.draw(id, new BigDecimal("0.02")), "same id, same draw");
        assertEquals(200, d.cutoff());
        // the boundary: selected exactly when value < share x 10,000
        assertEquals(d.value() < 200, d.selected());
        assertTrue(RandomInspection.draw(id, BigDecimal.ONE).selected());
        assertTrue(!RandomInspection.draw(id, BigDecimal.ZERO).selected());
        int selected = 0;
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            if (RandomInspection.draw(new UUID(r.nextLong(), r.nextLong()), new BigDecimal("0.02")).selected()) selected++;
        }
        assertTrue(selected > 300 && selected < 500, "about 2% of 20,000: " + selected);
    }

    @Test
    void greenFilingsDrawnGoToYellowAndSayWhy() {
        String cc = Fixtures.creditCode();
        String exporter = Tokens.exporter("exp-" + cc, cc);
        Fixtures.complianceAnswers("KG", "GREEN");
        Fixtures.referencePrice("19000.00");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String vin = Fixtures.vin();
            Fixtures.registryHas(vin, "CN-SC", LocalDate.now().minusDays(400), 9000, "BYD Auto");
            ids.add(Fixtures.submitted(exporter, Fixtures.filing(cc, vin, "KG", "USED", 9000)));
        }
        Fixtures.screen(screener);
        for (String id : ids) {
            JsonPath f = given().header("Authorization", Tokens.bearer("root", "admin")).get("/api/v1/filings/" + id)
                    .then().statusCode(200).extract().jsonPath();
            RandomInspection.Draw draw = RandomInspection.draw(UUID.fromString(id), new BigDecimal("0.5"));
            assertEquals(draw.selected(), f.getBoolean("verdict.randomInspection"), id);
            assertEquals(draw.selected() ? "HELD" : "CLEARED", f.getString("status"), id);
            assertEquals(draw.selected() ? "YELLOW" : "GREEN", f.getString("verdict.lane"), id);
            List<String> codes = f.getList("verdict.findings.code");
            assertEquals(draw.selected(), codes.contains("RANDOM_INSPECTION"), id);
            if (draw.selected()) {
                assertTrue(f.getString("statusReason").contains(draw.explanation()), f.getString("statusReason"));
            }
        }
    }
}
