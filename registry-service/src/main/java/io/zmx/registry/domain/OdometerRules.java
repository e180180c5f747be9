package io.zmx.registry.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;

/**
 * When an odometer reading contradicts the ones already recorded. Odometers only count up, so a new
 * reading contradicts the record when an earlier reading is higher or a later one is lower. An accepted
 * rollback (a correction, e.g. a replaced instrument cluster) starts a new baseline: readings before it no
 * longer count against readings after it. ImportSql.CONTRADICTS states the same rule in SQL for bulk loads;
 * RulesAgreeInSqlTest proves the two agree on generated histories.
 */
public final class OdometerRules {

    private OdometerRules() {}

    public record Recorded(LocalDate date, int km, boolean rollback) {}

    /** The recorded reading the new one contradicts, if any. */
    public static Optional<Recorded> contradiction(Collection<Recorded> recorded, LocalDate date, int km) {
        LocalDate baseline = recorded.stream()
                .filter(r -> r.rollback() && !r.date().isAfter(date))
                .map(Recorded::date).max(LocalDate::compareTo).orElse(LocalDate.MIN);
        for (Recorded r : recorded) {
            boolean earlierHigher = !r.date().isAfter(date) && r.km() > km && !r.date().isBefore(baseline);
            boolean laterLower = !r.date().isBefore(date) && r.km() < km
                    && recorded.stream().noneMatch(b -> b.rollback() && b.date().isAfter(date) && !b.date().isAfter(r.date()));
            if (earlierHigher || laterLower) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
