package io.zmx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zmx.export.domain.CreditCode;
import io.zmx.export.domain.ZeroMileageAssessment;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CreditCodeTest {

    @Test
    void acceptsAPublishedCodeAndItsCheckCharacter() {
        // the GB 32100-2015 worked example
        assertTrue(CreditCode.isValid("91350100M000100Y43"));
        assertEquals('3', CreditCode.checkCharacter("91350100M000100Y4"));
        assertEquals("91350100M000100Y43", CreditCode.of(" 91350100m000100y43 ").value());
    }

    @Test
    void refusesWrongLengthLettersAndCheckCharacter() {
        assertFalse(CreditCode.isValid("91350100M000100Y4"));
        assertFalse(CreditCode.isValid("91350100M000100Y44"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CreditCode.of("91350100MO00100Y43"));
        assertTrue(e.getMessage().contains("'O'"));
    }

    @Test
    void zeroMileageIsDecidedByMileageAloneAndTheDaysAreASeparateSignal() {
        ZeroMileageAssessment.Thresholds t = new ZeroMileageAssessment.Thresholds(50, 181, 200);
        LocalDate reg = LocalDate.of(2026, 1, 1);
        // a 20 km car applied for on day 200 is zero-mileage (not "USED") and flagged as waiting out the rule
        ZeroMileageAssessment day200 = ZeroMileageAssessment.assess("USED", 20, 20, reg, reg.plusDays(200), reg.plusDays(205), true, t);
        assertTrue(day200.zeroMileage());
        assertEquals("ZERO_MILEAGE", day200.verdict());
        assertEquals(200, day200.daysSinceFirstRegistration());
        assertEquals(205, day200.daysRegisteredBeforeExport());
        assertTrue(day200.waitingOutRule());
        // the window's edges: 180 and 201 are outside, 181 inside (days counted to the application date)
        assertFalse(ZeroMileageAssessment.assess("USED", 5, null, reg, reg.plusDays(180), reg.plusDays(190), true, t).waitingOutRule());
        assertTrue(ZeroMileageAssessment.assess("USED", 5, null, reg, reg.plusDays(181), reg.plusDays(181), true, t).waitingOutRule());
        assertFalse(ZeroMileageAssessment.assess("USED", 5, null, reg, reg.plusDays(201), reg.plusDays(201), true, t).waitingOutRule());
        // the higher of declared and registry odometer decides; 50 is within, 51 is not
        ZeroMileageAssessment registryHigher = ZeroMileageAssessment.assess("USED", 10, 51, reg, reg.plusDays(30), reg.plusDays(30), true, t);
        assertEquals("USED", registryHigher.verdict());
        assertEquals("REGISTRY", registryHigher.odometerSource());
        assertEquals("max-km", registryHigher.decidedBy());
        ZeroMileageAssessment declaredHigher = ZeroMileageAssessment.assess("USED", 900, 3, reg, reg.plusDays(30), reg.plusDays(30), true, t);
        assertEquals("USED", declaredHigher.verdict());
        assertEquals("DECLARED", declaredHigher.odometerSource());
        assertTrue(ZeroMileageAssessment.assess("USED", 50, 50, reg, reg.plusDays(400), reg.plusDays(400), true, t).zeroMileage());
        assertEquals("NEW", ZeroMileageAssessment.assess("NEW", 0, null, null, reg, reg, false, t).verdict());
        assertEquals(null, ZeroMileageAssessment.assess("USED", 0, null, null, reg, reg, false, t).daysSinceFirstRegistration());
    }
}
