package io.zmx.registry.domain;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Model year from VIN position 10. The code cycles every 30 years (A=1980 and 2010, 1=2001 and 2031), so a code
 * alone names several years. A model year is never later than the production year + 1 (a car is often built in
 * the autumn before its model year, never two years before it), and when the production date is unknown, never
 * later than the decoding date's year + 1: of the candidates the code allows, the latest one not beyond that
 * bound is the model year. Without that bound a code such as '5' decoded today would mean 2035, and age rules
 * that compare model years (SA, AZ) would see a brand-new car.
 */
public final class ModelYear {

    /** Codes in cycle order starting at 1980 (A) ... 2000 (Y), 2001 (1) ... 2009 (9). */
    static final String CYCLE = "ABCDEFGHJKLMNPRSTVWXY123456789";
    private static final int CYCLE_START = 1980;
    private static final int CYCLE_LENGTH = 30;

    private ModelYear() {}

    /** True when the character is a model-year code (not 0, U, Z, I, O or Q). */
    public static boolean isCode(char code) {
        return CYCLE.indexOf(Character.toUpperCase(code)) >= 0;
    }

    /** All years in [from, to] that the code can mean. */
    public static List<Integer> candidates(char code, int from, int to) {
        int offset = CYCLE.indexOf(Character.toUpperCase(code));
        List<Integer> years = new ArrayList<>();
        if (offset < 0) {
            return years;
        }
        for (int y = CYCLE_START + offset; y <= to; y += CYCLE_LENGTH) {
            if (y >= from) {
                years.add(y);
            }
        }
        return years;
    }

    /** The latest model year a vehicle may have when produced (or, production unknown, decoded) on {@code reference}. */
    public static int latestAllowed(LocalDate reference) {
        return reference.getYear() + 1;
    }

    /**
     * The model year for a code, resolved against a reference date (the production date when known, otherwise the
     * decoding date): the latest year the code can mean that is not after {@code reference.year + 1}. Empty when
     * the character is not a model-year code (0, U, Z, I, O, Q).
     */
    public static Optional<Integer> resolve(char code, LocalDate reference) {
        int offset = CYCLE.indexOf(Character.toUpperCase(code));
        if (offset < 0) {
            return Optional.empty();
        }
        int bound = latestAllowed(reference);
        int base = CYCLE_START + offset;
        // floorMod keeps this right for bounds before the cycle start too
        int year = bound - Math.floorMod(bound - base, CYCLE_LENGTH);
        return Optional.of(year);
    }

    public static Optional<Integer> resolve(char code, Year reference) {
        return resolve(code, reference.atDay(1));
    }

    /** True when {@code year} is one of the years the code can mean and not later than the reference allows. */
    public static boolean consistent(char code, int year, LocalDate reference) {
        int offset = CYCLE.indexOf(Character.toUpperCase(code));
        return offset >= 0 && Math.floorMod(year - (CYCLE_START + offset), CYCLE_LENGTH) == 0
                && year <= latestAllowed(reference);
    }
}
