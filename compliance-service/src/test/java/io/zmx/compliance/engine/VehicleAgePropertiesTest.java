package io.zmx.compliance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Vehicle age against a plain oracle: "older than n years" on a day is decided by comparing (years,
 * month, day) of the two dates, no library date arithmetic, and the CEL functions must agree with it.
 */
class VehicleAgePropertiesTest {

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.longs().between(LocalDate.of(1990, 1, 1).toEpochDay(), LocalDate.of(2040, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    /** Older than n years: the n-th anniversary (28 February for 29 February in a common year) has passed. */
    static boolean oracleOlderThan(LocalDate produced, int n, LocalDate at) {
        int years = at.getYear() - produced.getYear();
        int pm = produced.getMonthValue();
        int pd = produced.getDayOfMonth();
        int anniversaryYear = produced.getYear() + n;
        boolean leap = anniversaryYear % 4 == 0 && (anniversaryYear % 100 != 0 || anniversaryYear % 400 == 0);
        if (pm == 2 && pd == 29 && !leap) {
            pd = 28;
        }
        if (years != n) {
            return years > n;
        }
        return at.getMonthValue() > pm || (at.getMonthValue() == pm && at.getDayOfMonth() > pd);
    }

    static Map<String, Object> vehicle(LocalDate produced, Integer modelYear) {
        Map<String, Object> v = new HashMap<>();
        if (produced != null) v.put("productionDate", produced.atStartOfDay(ZoneOffset.UTC).toInstant());
        if (modelYear != null) v.put("modelYear", modelYear.longValue());
        return v;
    }

    static Instant instant(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Property(tries = 3000)
    void olderThanYearsAgreesWithTheOracle(@ForAll("days") LocalDate produced, @ForAll("days") LocalDate at,
            @ForAll @IntRange(min = 0, max = 15) int n) {
        boolean older = EvaluationContext.olderThanYears(vehicle(produced, null), n, instant(at));
        assertEquals(oracleOlderThan(produced, n, at), older, produced + " + " + n + " years vs " + at);
    }

    @Property(tries = 1000)
    void exactDayBoundaries(@ForAll("days") LocalDate produced, @ForAll @IntRange(min = 1, max = 15) int n) {
        LocalDate anniversary = produced.plusYears(n);
        Map<String, Object> v = vehicle(produced, null);
        assertFalse(EvaluationContext.olderThanYears(v, n, instant(anniversary)));
        assertTrue(EvaluationContext.olderThanYears(v, n, instant(anniversary.plusDays(1))));
    }

    /** With only a model year, an answer is given only when every production date of the window gives it. */
    @Property(tries = 2000)
    void modelYearOnlyIsExactOrAsks(@ForAll @IntRange(min = 1995, max = 2030) int modelYear, @ForAll("days") LocalDate at,
            @ForAll @IntRange(min = 1, max = 12) int n) {
        if (modelYear > at.getYear() + 1) {
            return;
        }
        boolean earliest = oracleOlderThan(LocalDate.of(modelYear - 1, 1, 1), n, at);
        boolean latest = oracleOlderThan(LocalDate.of(modelYear, 12, 31), n, at);
        try {
            boolean answer = EvaluationContext.olderThanYears(vehicle(null, modelYear), n, instant(at));
            assertEquals(earliest, latest);
            assertEquals(earliest, answer);
        } catch (IllegalArgumentException undecided) {
            assertNotEquals(earliest, latest);
        }
    }

    /** A model year is never trusted beyond production year + 1, or beyond the evaluation year + 1 without one. */
    @Property(tries = 2000)
    void modelYearNeverInTheFuture(@ForAll @IntRange(min = 1980, max = 2039) int modelYear, @ForAll("days") LocalDate at,
            @ForAll("days") LocalDate produced) {
        long withProduction = EvaluationContext.modelYearOf(vehicle(produced, modelYear), instant(at));
        assertTrue(withProduction <= produced.getYear() + 1);
        try {
            long without = EvaluationContext.modelYearOf(vehicle(null, modelYear), instant(at));
            assertTrue(without <= at.getYear() + 1);
        } catch (IllegalArgumentException refused) {
            assertTrue(modelYear > at.getYear() + 1);
        }
    }
}
