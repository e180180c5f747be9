package io.zmx.compliance.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which rule-set versions judge a filing: the one place this is decided, for evaluations, backtests and the
 * time-travel reads alike. A set judges a filing when it {@link RuleSet#applies applies} to its origin and
 * destination; of its versions, the one in force on asOf with the highest number counts.
 */
public final class Applicability {

    private Applicability() {}

    /** Sets judging origin -> destination: origin first, then destination, then groups, each by jurisdiction. */
    public static List<RuleSet> judging(List<RuleSet> sets, String origin, String destination) {
        return sets.stream().filter(s -> s.applies(origin, destination))
                .sorted(Comparator.comparing((RuleSet s) -> s.scope.ordinal()).thenComparing(s -> s.jurisdiction))
                .toList();
    }

    /** The version in force on asOf among one set's versions (drafts never are). */
    public static Optional<RuleSetVersion> inForce(List<RuleSetVersion> versions, LocalDate asOf) {
        return versions.stream().filter(v -> v.inForceOn(asOf)).max(Comparator.comparingInt(v -> v.version));
    }

    /** For each set (in the given order), its version in force on asOf, when it has one. */
    public static List<RuleSetVersion> inForce(List<RuleSet> sets, List<RuleSetVersion> versions, LocalDate asOf) {
        List<RuleSetVersion> result = new ArrayList<>();
        for (RuleSet s : sets) {
            inForce(versions.stream().filter(v -> v.jurisdiction.equals(s.jurisdiction)).toList(), asOf).ifPresent(result::add);
        }
        return result;
    }
}
