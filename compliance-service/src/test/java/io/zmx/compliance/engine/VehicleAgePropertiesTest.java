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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Vehicle age against a plain oracle: "older than n years" on a day is decided by comparing (years,
 * month, day) of the two dates, no library date arithmetic, and the CEL functions must agree with it.
 *
 * <p>Properties over seeded pseudo-random samples (plain JUnit: jqwik's authors ask AI coding agents not to
 * use jqwik ≥ 1.10, and this code is written with one). A failure names its inputs; the fixed seed makes it
 * reproducible.
 */
class VehicleAgePropertiesTest {

    static final long FIRST = LocalDate.of(1990, 1, 1).toEpochDay(), LAST = LocalDate.of(2040, 12, 31).toEpochDay();

    final SplittableRandom random = new SplittableRandom(20261129L);

    LocalDate day() {
        return LocalDate.ofEpochDay(random.nextLong(FIRST, LAST + 1));
    }

    int between(int min, int max) {
        return random.nextInt(min, max + 1);
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

    @Test
    void olderThanYearsAgreesWithTheOracle() {
        for (int i = 0; i < 20_000; i++) {
            olderThanYearsAgreesWithTheOracle(day(), day(), between(0, 15));
        }
        // every 29 February against every anniversary day around it
        for (int year = 1992; year <= 2040; year += 4) {
            LocalDate leapDay = LocalDate.of(year, 2, 29);
            for (int n = 1; n <= 8; n++) {
                for (int d = -3; d <= 3; d++) {
                    olderThanYearsAgreesWithTheOracle(leapDay, leapDay.plusYears(n).plusDays(d), n);
                }
            }
        }
    }

    void olderThanYearsAgreesWithTheOracle(LocalDate produced, LocalDate at, int n) {
        boolean older = EvaluationContext.olderThanYears(vehicle(produced, null), n, instant(at));
        assertEquals(oracleOlderThan(produced, n, at), older, produced + " + " + n + " years vs " + at);
    }

    @Test
    void exactDayBoundaries() {
        for (int i = 0; i < 5_000; i++) {
            exactDayBoundaries(day(), between(1, 15));
        }
    }

    void exactDayBoundaries(LocalDate produced, int n) {
        LocalDate anniversary = produced.plusYears(n);
        Map<String, Object> v = vehicle(produced, null);
        assertFalse(EvaluationContext.olderThanYears(v, n, instant(anniversary)));
        assertTrue(EvaluationContext.olderThanYears(v, n, instant(anniversary.plusDays(1))));
    }

    /** With only a model year, an answer is given only when every production date of the window gives it. */
    @Test
    void modelYearOnlyIsExactOrAsks() {
        for (int i = 0; i < 10_000; i++) {
            modelYearOnlyIsExactOrAsks(between(1995, 2030), day(), between(1, 12));
        }
    }

    void modelYearOnlyIsExactOrAsks(int modelYear, LocalDate at, int n) {
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
    @Test
    void modelYearNeverInTheFuture() {
        for (int i = 0; i < 10_000; i++) {
            modelYearNeverInTheFuture(between(1980, 2039), day(), day());
        }
    }

    void modelYearNeverInTheFuture(int modelYear, LocalDate at, LocalDate produced) {
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
