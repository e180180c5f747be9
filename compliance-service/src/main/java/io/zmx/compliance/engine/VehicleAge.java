package io.zmx.compliance.engine;

import java.time.LocalDate;

/**
 * Vehicle age, defined once for every rule.
 *
 * <p>Age runs from the <b>production date</b> and is compared as exact dates: a vehicle is "older than n
 * years" on {@code at} when {@code at > productionDate + n years} ({@link LocalDate#plusYears}, so 29 February
 * + 1 year is 28 February), and "up to / not more than n years old" otherwise. A rule says which of the two
 * its wording means; nothing floors to whole years.
 *
 * <p><b>Model-year fallback.</b> Without a production date only the model year Y is known, and a vehicle of
 * model year Y may have been produced on any day from 1 January Y-1 to 31 December Y (a model year's
 * production period may span up to 24 months and start in the previous calendar year, as in the US
 * definition, 49 CFR 565.12). An age comparison is answered only when every production date in that
 * window gives the same answer; otherwise it is an error, which the engine reports as a HOLD asking for the
 * production date. So the fallback is never lenient in one rule's direction and strict in another's: it is
 * exact or it asks.
 *
 * <p><b>Model years in the future.</b> Position 10 of a VIN repeats every 30 years, so a wrong decoding puts
 * an old car 30 years ahead. A model year is trusted only up to production year + 1 (clamped there when a
 * production date is known) or, without a production date, up to {@code at}'s year + 1 (beyond that it is
 * not trusted at all: an error, so a HOLD).
 */
public final class VehicleAge {

    private final LocalDate earliest;
    private final LocalDate latest;
    private final LocalDate at;
    private final String basis;

    private VehicleAge(LocalDate earliest, LocalDate latest, LocalDate at, String basis) {
        this.earliest = earliest;
        this.latest = latest;
        this.at = at;
        this.basis = basis;
    }

    /** @throws IllegalArgumentException when neither a production date nor a trusted model year is known */
    public static VehicleAge of(LocalDate productionDate, Integer modelYear, LocalDate at) {
        if (productionDate != null) {
            return new VehicleAge(productionDate, productionDate, at, "production date " + productionDate);
        }
        if (modelYear == null) {
            throw new IllegalArgumentException("vehicle age unknown: neither productionDate nor modelYear given");
        }
        int y = trustedModelYear(null, modelYear, at);
        return new VehicleAge(LocalDate.of(y - 1, 1, 1), LocalDate.of(y, 12, 31), at, "model year " + y + " only");
    }

    /** at > production + n years; with only a model year, decided when the whole production window agrees. */
    public boolean olderThanYears(int n) {
        if (at.isAfter(latest.plusYears(n))) {
            return true;
        }
        if (!at.isAfter(earliest.plusYears(n))) {
            return false;
        }
        throw new IllegalArgumentException("vehicle age undecided: " + basis + " is known and a car of that model year may or may"
                + " not be older than " + n + " years on " + at + "; the production date is needed");
    }

    /**
     * The model year compliance trusts: clamped to production year + 1 when the production date is known;
     * without one, a model year later than {@code at}'s year + 1 is refused (an error, so a HOLD).
     */
    public static int trustedModelYear(LocalDate productionDate, Integer modelYear, LocalDate at) {
        if (modelYear == null) {
            throw new IllegalArgumentException("model year unknown");
        }
        if (productionDate != null) {
            return Math.min(modelYear, productionDate.getYear() + 1);
        }
        if (modelYear > at.getYear() + 1) {
            throw new IllegalArgumentException("model year " + modelYear + " is later than " + (at.getYear() + 1)
                    + " (a VIN position-10 decoding 30 years ahead?); not trusted without a production date");
        }
        return modelYear;
    }
}
