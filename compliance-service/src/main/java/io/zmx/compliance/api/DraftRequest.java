package io.zmx.compliance.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DraftRequest", description = "Creates or replaces a draft version. Every expression is compiled and "
        + "type-checked on save; errors come back as a problem with the rule code, line and column.")
public record DraftRequest(
        @Schema(description = "Copy rules (and dates, notes) from this version when 'rules' is absent", examples = "1")
        @Positive Integer basedOn,
        @Schema(examples = "2026-06-01") LocalDate effectiveFrom,
        LocalDate effectiveTo,
        @Size(max = 4000) String notes,
        @Size(max = 500) List<@Valid @NotNull RuleSpec> rules) {
}
