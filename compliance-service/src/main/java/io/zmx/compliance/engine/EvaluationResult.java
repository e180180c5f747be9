package io.zmx.compliance.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EvaluationResult", description = "Any BLOCK hit: BLOCKED/RED; else any HOLD: REVIEW/YELLOW; else CLEARED/GREEN. "
        + "WARN and INFO hits inform only.")
public record EvaluationResult(
        UUID id,
        String reference,
        String origin,
        String destination,
        Outcome outcome,
        Outcome.Lane lane,
        @Schema(description = "Every rule that hit, BLOCK first") List<RuleHit> hits,
        @Schema(description = "Rule-set versions used") List<RuleSetRef> ruleSets,
        LocalDate asOf,
        Instant evaluatedAt) {

    @Schema(name = "RuleSetRef")
    public record RuleSetRef(@Schema(examples = "CN") String jurisdiction, @Schema(examples = "1") int version) {
    }
}
