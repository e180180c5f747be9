package io.zmx.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zmx.registry.domain.OdometerRules;
import io.zmx.registry.domain.OdometerRules.Recorded;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OdometerRulesTest {

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void readingsThatOnlyCountUpAreFine() {
        var rec = List.of(new Recorded(d("2024-01-01"), 10, false), new Recorded(d("2024-06-01"), 5000, false));
        assertTrue(OdometerRules.contradiction(rec, d("2024-07-01"), 5000).isEmpty());
        assertTrue(OdometerRules.contradiction(rec, d("2024-03-01"), 2000).isEmpty());
    }

    @Test
    void lowerThanEarlierOrHigherThanLaterContradicts() {
        var rec = List.of(new Recorded(d("2024-01-01"), 10, false), new Recorded(d("2024-06-01"), 5000, false));
        assertEquals(5000, OdometerRules.contradiction(rec, d("2024-07-01"), 4999).orElseThrow().km());
        assertEquals(5000, OdometerRules.contradiction(rec, d("2024-03-01"), 6000).orElseThrow().km());
    }

    @Test
    void anAcceptedRollbackStartsANewBaseline() {
        var rec = List.of(new Recorded(d("2024-01-01"), 80000, false), new Recorded(d("2024-06-01"), 20, true));
        assertTrue(OdometerRules.contradiction(rec, d("2024-07-01"), 500).isEmpty());
        assertEquals(20, OdometerRules.contradiction(rec, d("2024-07-01"), 10).orElseThrow().km());
    }
}
