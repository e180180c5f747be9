package io.zmx.registry.domain;

import java.time.LocalDate;
import java.time.Year;
import java.util.Optional;

/**
 * Model year from VIN position 10. The code cycles every 30 years (A=1980 and 2010, 1=2001 and 2031),
 * so a code alone names several years: pick the one nearest the production date, preferring the
 * later candidate on a tie (a car is often built in the autumn before its model year).
 */
public final class ModelYear {

    /** Codes in cycle order starting at 1980 (A) ... 2000 (Y), 2001 (1) ... 2009 (9). */
    static final String CYCLE = "ABCDEFGHJKLMNPRSTVWXY123456789";
    private static final int CYCLE_START = 1980;

    private ModelYear() {}

    /** All years in [from, to] that the code can mean. */
    public static java.util.List<Integer> candidates(char code, int from, int to) {
        int offset = CYCLE.indexOf(Character.toUpperCase(code));
        java.util.List<Integer> years = new java.util.ArrayList<>();
        if (offset < 0) {
            return years;
        }
        for (int y = CYCLE_START + offset; y <= to; y += 30) {
            if (y >= from) {
                years.add(y);
            }
        }
        return years;
    }

    /**
     * The model year for a code, resolved against a reference date (production date when known,
     * otherwise today). Empty when the character is not a model-year code (0, U, Z, I, O, Q).
     */
    public static Optional<Integer> resolve(char code, LocalDate reference) {
        int offset = CYCLE.indexOf(Character.toUpperCase(code));
        if (offset < 0) {
            return Optional.empty();
        }
        // Model year may run one year ahead of the production date, never more.
        int target = reference.getYear();
        int base = CYCLE_START + offset;
        int best = base;
        long bestDistance = Long.MAX_VALUE;
        for (int y = base - 60; y <= base + 90; y += 30) {
            int distance = Math.abs(y - target);
            if (y > target + 1) {
                distance += 1; // a model year beyond next year is less likely than one behind
            }
            if (distance < bestDistance || (distance == bestDistance && y > best)) {
                best = y;
                bestDistance = distance;
            }
        }
        return Optional.of(best);
    }

    public static Optional<Integer> resolve(char code, Year reference) {
        return resolve(code, reference.atDay(1));
    }
}
