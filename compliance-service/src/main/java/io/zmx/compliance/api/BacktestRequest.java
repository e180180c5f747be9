package io.zmx.compliance.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BacktestRequest", description = "Replays stored evaluations whose asOf lies in [from, to] (inclusive)")
public record BacktestRequest(
        @Schema(examples = "2026-01-01") @NotNull LocalDate from,
        @Schema(examples = "2026-03-31") @NotNull LocalDate to,
        @Schema(description = "Evaluation ids kept per transition (default 5)") @Min(0) @Max(100) Integer sampleSize) {
}
