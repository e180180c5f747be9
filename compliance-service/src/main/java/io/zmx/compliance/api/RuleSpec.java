package io.zmx.compliance.api;

import io.zmx.compliance.engine.LegalReference;
import io.zmx.compliance.engine.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One rule as authors write it and readers get it back. */
@Schema(name = "Rule", description = "A compliance rule. The CEL expression is evaluated over the variables vehicle, filing, "
        + "assessment and asOf (see GET /api/v1/evaluation-context) and must be of type bool: TRUE MEANS THE RULE HITS "
        + "(the filing breaks the rule). Its own effective window [effectiveFrom, effectiveTo) narrows the version's.")
public record RuleSpec(
        @Schema(description = "Stable code, unique within the version", examples = "CN-180-DAY")
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,63}", message = "must be 2-64 characters of A-Z, 0-9 and '-'") String code,
        @Schema(examples = "Exported within 180 days of registration without after-sales confirmation") @NotBlank @Size(max = 300) String title,
        @NotNull Severity severity,
        @Schema(description = "CEL expression of type bool; true when the rule hits",
                examples = "has(vehicle.firstRegistrationDate) && daysBetween(vehicle.firstRegistrationDate, asOf) <= 180 && !has(filing.afterSalesConfirmation)")
        @NotBlank @Size(max = 4000) String expression,
        @Schema(description = "Told to the filer when the rule hits") @NotBlank @Size(max = 2000) String message,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull LegalReference> legalReferences,
        @Schema(description = "First day the rule applies (inclusive); the version's window when absent", examples = "2026-01-01")
        LocalDate effectiveFrom,
        @Schema(description = "First day the rule no longer applies (exclusive); open-ended when absent") LocalDate effectiveTo) {
}
