package io.zmx.compliance.service;

import io.zmx.compliance.engine.Outcome;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BacktestReport", description = "What a version would have decided on past evaluations, compared with the "
        + "outcome each evaluation actually got. The candidate replaces the jurisdiction's version in force on each "
        + "evaluation's asOf; the other sets stay as they were in force then; the rules' own windows still apply.")
public record BacktestReport(
        String jurisdiction,
        int version,
        LocalDate from,
        LocalDate to,
        @Schema(description = "Stored evaluations with asOf in the range") int considered,
        @Schema(description = "Of those, evaluations the jurisdiction's rules apply to (replayed)") int replayed,
        int unchanged,
        int changed,
        @Schema(description = "Changed to a stricter outcome (e.g. CLEARED -> BLOCKED)") int stricter,
        @Schema(description = "Changed to a more lenient outcome") int looser,
        @Schema(description = "True when more evaluations were in range than one backtest replays") boolean truncated,
        List<Transition> transitions) {

    @Schema(name = "BacktestTransition")
    public record Transition(Outcome from, Outcome to, int count, List<UUID> sampleEvaluationIds) {
    }
}
