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
    void zeroMileageAssessmentNamesTheDecidingThreshold() {
        LocalDate reg = LocalDate.of(2026, 1, 1);
        ZeroMileageAssessment zero = ZeroMileageAssessment.assess("USED", 10, 12, reg, reg.plusDays(180), true, 50, 180);
        assertTrue(zero.zeroMileage());
        assertEquals("REGISTRY", zero.odometerSource());
        ZeroMileageAssessment km = ZeroMileageAssessment.assess("USED", 10, 51, reg, reg.plusDays(30), true, 50, 180);
        assertEquals("max-km", km.decidedBy());
        assertEquals("USED", km.verdict());
        ZeroMileageAssessment days = ZeroMileageAssessment.assess("USED", 10, null, reg, reg.plusDays(181), true, 50, 180);
        assertEquals("max-days", days.decidedBy());
        assertEquals("DECLARED", days.odometerSource());
        assertEquals("NEW", ZeroMileageAssessment.assess("NEW", 0, null, null, reg, false, 50, 180).verdict());
        assertEquals("UNKNOWN", ZeroMileageAssessment.assess("USED", 0, null, null, reg, false, 50, 180).verdict());
    }
}
