package io.zmx.compliance.engine;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule whose expression was true for the filing (or could not be evaluated: then HOLD). */
@Schema(name = "Hit", description = "A rule that hit the filing, with its legal sources")
public record RuleHit(
        @Schema(examples = "CN-180-DAY") String ruleCode,
        @Schema(examples = "CN") String jurisdiction,
        @Schema(description = "Rule-set version the rule belongs to", examples = "1") int version,
        Severity severity,
        String title,
        String message,
        List<LegalReference> legalReferences) {
}
